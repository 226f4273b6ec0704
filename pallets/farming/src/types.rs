//! Storage and call types of the farming pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use defi_primitives::{Balance, FarmProgram};
use frame_support::{
	traits::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use primitive_types::U256;
use scale_info::TypeInfo;
use sp_arithmetic::FixedU128;

/// One reward stream as the admin configures it.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	PartialEq,
	Eq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct RewardConfig<AssetKind> {
	pub asset: AssetKind,
	/// Reward units per block, shared by all shares.
	pub rate: Balance,
	/// Trading programs only: most reward units per unit of volume in an epoch, set below what
	/// a unit of volume pays in pool fees (in reward units) so wash trading loses money. `None`
	/// for other programs.
	pub cap_per_volume: Option<FixedU128>,
}

/// A reward stream and its books. All funding sits in the pallet's account; per stream it is
/// `pot` (funded, not yet accrued) plus `claimable` (accrued, not yet claimed), so
/// `funded = pot + claimable + paid + withdrawn`. `owed` is what accrued while the pot was
/// empty: the next funding pays it first.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
pub struct RewardStream<AssetKind> {
	pub asset: AssetKind,
	pub rate: Balance,
	pub cap_per_volume: Option<FixedU128>,
	/// Reward per share since the farm began, scaled by `defi_math::rewards::ACC_SCALE`.
	pub acc: U256,
	pub pot: Balance,
	pub claimable: Balance,
	pub owed: Balance,
	/// Trading programs: emission of the current epoch so far, not yet booked (it is booked,
	/// capped by the volume, when the epoch closes).
	pub epoch_emission: Balance,
	pub funded: Balance,
	pub paid: Balance,
	pub withdrawn: Balance,
}

impl<AssetKind> RewardStream<AssetKind> {
	pub fn new(config: RewardConfig<AssetKind>) -> Self {
		Self {
			asset: config.asset,
			rate: config.rate,
			cap_per_volume: config.cap_per_volume,
			acc: U256::zero(),
			pot: 0,
			claimable: 0,
			owed: 0,
			epoch_emission: 0,
			funded: 0,
			paid: 0,
			withdrawn: 0,
		}
	}
}

/// A farm: what it rewards, when, and its reward streams.
#[derive(
	Encode, Decode, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(MaxRewards))]
pub struct Farm<AccountId, AssetKind, Deposit, BlockNumber, MaxRewards: Get<u32>>
where
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	AssetKind: Clone + PartialEq + Eq + core::fmt::Debug,
	Deposit: Clone + PartialEq + Eq + core::fmt::Debug,
	BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
{
	pub program: FarmProgram<AssetKind, Deposit>,
	/// An account that may manage the farm besides the admin origin (farms made through
	/// `RewardsPool`): it may raise rates, extend the end, stop and resume, take back the pot.
	pub admin: Option<AccountId>,
	/// Accrual runs over `[start, end)`.
	pub start: BlockNumber,
	pub end: BlockNumber,
	pub stopped: bool,
	/// Sum of all farmers' shares (trading programs: the current epoch's volume).
	pub total_shares: Balance,
	/// The block accrual has been recorded up to.
	pub updated_at: BlockNumber,
	/// Trading programs: blocks per epoch (0 otherwise), and the current epoch's index counted
	/// from `start`.
	pub epoch_length: BlockNumber,
	pub epoch: u32,
	pub streams: BoundedVec<RewardStream<AssetKind>, MaxRewards>,
}

/// A farmer's books in one stream.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, Default, TypeInfo, MaxEncodedLen)]
pub struct FarmerReward {
	/// The stream's accumulator when the farmer last settled.
	pub paid_at: U256,
	/// Settled, not yet claimed.
	pub unclaimed: Balance,
}

/// An account in a farm.
#[derive(
	Encode, Decode, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(MaxRewards))]
pub struct Farmer<MaxRewards: Get<u32>> {
	/// Deposit or activity shares (trading programs: volume in epoch `epoch`).
	pub shares: Balance,
	pub epoch: u32,
	/// Per stream, in the farm's stream order (a missing entry is all zero).
	pub rewards: BoundedVec<FarmerReward, MaxRewards>,
}

impl<MaxRewards: Get<u32>> Default for Farmer<MaxRewards> {
	fn default() -> Self {
		Self { shares: 0, epoch: 0, rewards: BoundedVec::new() }
	}
}

impl<MaxRewards: Get<u32>> Farmer<MaxRewards> {
	/// Whether the entry can go: no shares and nothing left to claim.
	pub fn is_empty(&self) -> bool {
		self.shares == 0 && self.rewards.iter().all(|r| r.unclaimed == 0)
	}
}
