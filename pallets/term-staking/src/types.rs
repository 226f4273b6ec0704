//! Storage and call types of the term-staking pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use defi_primitives::{Balance, ProductId};
use scale_info::TypeInfo;
use sp_arithmetic::{FixedU128, Permill};

/// What a product offers (set by the admin origin; a change applies to new stakes only).
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
	serde::Serialize,
	serde::Deserialize,
)]
pub struct ProductTerms {
	/// Blocks from stake to maturity.
	pub term: u32,
	/// Yearly rate of the reward, simple interest over the term.
	pub apr: FixedU128,
	/// Least principal of one stake (above 0).
	pub min_stake: Balance,
	/// Most principal of one stake.
	pub max_stake: Balance,
	/// Most principal staked in the product at once.
	pub capacity: Balance,
	/// Whether new stakes are taken.
	pub open: bool,
	/// Share of the principal an early exit forfeits to the pot; `None`: no early exit.
	pub early_exit_penalty: Option<Permill>,
}

/// A product: its assets, terms and books.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
pub struct Product<AssetKind> {
	pub staked_asset: AssetKind,
	pub reward_asset: AssetKind,
	pub terms: ProductTerms,
	/// Principal of the open positions.
	pub staked: Balance,
	/// Reward in the pot not promised to anyone.
	pub available: Balance,
	/// Reward promised to the open positions.
	pub reserved: Balance,
}

/// An open position.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
pub struct Position<AccountId, BlockNumber> {
	pub owner: AccountId,
	pub product: ProductId,
	/// Held in the owner's account.
	pub principal: Balance,
	/// Reserved in the product's pot.
	pub reward: Balance,
	pub staked_at: BlockNumber,
	pub matures_at: BlockNumber,
	/// The product's early-exit penalty when the stake was made (a later change of terms does
	/// not touch open positions).
	pub early_exit_penalty: Option<Permill>,
}
