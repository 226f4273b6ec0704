//! Term staking: the ids and the views its runtime API returns.

use crate::types::Balance;
use codec::{Decode, Encode};
use scale_info::TypeInfo;
use sp_arithmetic::{FixedU128, Permill};

/// A staking product.
pub type ProductId = u32;
/// A staking position (global, never reused).
pub type PositionId = u64;

/// One staking product as a UI lists it.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct StakingProductView<AssetKind, BlockNumber> {
	pub id: ProductId,
	pub staked_asset: AssetKind,
	pub reward_asset: AssetKind,
	/// Blocks from stake to maturity.
	pub term: BlockNumber,
	/// Yearly rate of the reward, simple interest over the term.
	pub apr: FixedU128,
	pub min_stake: Balance,
	pub max_stake: Balance,
	/// Most principal staked at once, and what is staked now.
	pub capacity: Balance,
	pub staked: Balance,
	pub open: bool,
	/// Share of the principal an early exit forfeits; `None`: no early exit.
	pub early_exit_penalty: Option<Permill>,
	/// Reward left in the pot for new stakes, and reward reserved for open positions.
	pub pot_available: Balance,
	pub pot_reserved: Balance,
	/// Largest stake accepted now: the per-stake maximum, the capacity left and what the pot
	/// can still reward, whichever is least (0 when closed).
	pub max_stake_now: Balance,
	/// The reward of a stake of `min_stake` (what a UI shows beside the APR).
	pub reward_of_min_stake: Balance,
}

/// One staking position as a UI shows it.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct StakingPositionView<AccountId, AssetKind, BlockNumber> {
	pub id: PositionId,
	pub owner: AccountId,
	pub product: ProductId,
	pub staked_asset: AssetKind,
	pub reward_asset: AssetKind,
	/// Held in the owner's account until redemption.
	pub principal: Balance,
	/// Reserved from the pot at stake time; paid with the principal at maturity.
	pub reward: Balance,
	pub staked_at: BlockNumber,
	pub matures_at: BlockNumber,
	/// Blocks until maturity (0 once matured).
	pub blocks_left: BlockNumber,
	pub matured: bool,
	/// What an early exit would return of the principal now; `None` if the product has no early
	/// exit or the position has matured.
	pub early_exit_returns: Option<Balance>,
}
