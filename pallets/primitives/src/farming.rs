//! Farming: what a farm rewards, and the views its runtime API returns.

use crate::{lending::LendingActivity, staking::ProductId, types::Balance, PoolId};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_arithmetic::FixedU128;

/// A farm (global, never reused).
pub type FarmId = u32;

/// A token a farm takes deposits of: any token, or a liquidity-pool token of the DEX (LP
/// tokens live in their own `pallet-assets` instance, so their ids are a separate space).
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	TypeInfo,
	MaxEncodedLen,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum DepositAsset<AssetKind, LpId> {
	Token(AssetKind),
	Lp(LpId),
}

impl<AssetKind, LpId> From<AssetKind> for DepositAsset<AssetKind, LpId> {
	fn from(asset: AssetKind) -> Self {
		Self::Token(asset)
	}
}

/// What a farm's shares measure.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	TypeInfo,
	MaxEncodedLen,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum FarmProgram<AssetKind, Deposit> {
	/// Shares are the amount of the token deposited (held in the farmer's account).
	Deposit(Deposit),
	/// Shares are the account's lending position, reported by the lending pallet.
	Lending(LendingActivity<AssetKind>),
	/// Shares are the account's principal in a term-staking product.
	Staking(ProductId),
	/// Shares are trading volume in a DEX pool during an epoch, counted in `measured` (the
	/// input of a trade paying it in, the output of a trade taking it out).
	Trading { pool: PoolId, measured: AssetKind },
}

/// One reward stream of a farm as a UI lists it.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct RewardStreamView<AssetKind> {
	pub asset: AssetKind,
	/// Reward units per block.
	pub rate: Balance,
	/// Funded and not yet accrued.
	pub pot: Balance,
	/// Accrued and backed, not yet claimed.
	pub claimable: Balance,
	/// Accrued while the pot was empty: paid first by the next funding.
	pub owed: Balance,
	/// Yearly return at current prices (reward value a year over the value of all shares);
	/// `None` without prices or shares.
	pub apr: Option<FixedU128>,
}

/// The state of a farm.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum FarmStatus {
	/// Before its start block.
	Scheduled,
	/// Accruing, every stream backed.
	Active,
	/// Accruing, but a stream's pot could not pay what accrued: the shortfall is owed.
	Underfunded,
	/// Stopped by its admin: accrues nothing until resumed.
	Stopped,
	/// After its end block.
	Ended,
}

/// One farm as a UI lists it.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct FarmView<AssetKind, Deposit, BlockNumber> {
	pub id: FarmId,
	pub program: FarmProgram<AssetKind, Deposit>,
	pub status: FarmStatus,
	pub start: BlockNumber,
	pub end: BlockNumber,
	pub total_shares: Balance,
	/// USD value of all shares, where the program's value is known.
	pub total_value: Option<FixedU128>,
	/// Trading programs: blocks per epoch, the current epoch and its volume so far.
	pub epoch_length: BlockNumber,
	pub epoch_volume: Balance,
	pub streams: Vec<RewardStreamView<AssetKind>>,
}

/// An account's standing in one farm.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct FarmerView<AssetKind> {
	pub farm: FarmId,
	pub shares: Balance,
	/// Per stream: (reward asset, accrued and not yet claimed as of this block, what a claim
	/// pays now: the accrued amount, or less while the stream is underfunded).
	pub pending: Vec<(AssetKind, Balance, Balance)>,
}
