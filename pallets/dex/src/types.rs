//! Storage and call types of the DEX.

use crate::{Balance, MaxPoolAssets, PoolId, OBSERVATIONS};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::ConstU32, BoundedVec};
use scale_info::TypeInfo;
use sp_arithmetic::{FixedU128, Permill};
use core::fmt::Debug;

/// One step of a swap path: trade `asset_in` for `asset_out` in pool `pool_id`.
#[derive(
	Encode, Decode, DecodeWithMemTracking, Clone, Copy, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct Hop<AssetKind> {
	pub pool_id: PoolId,
	pub asset_in: AssetKind,
	pub asset_out: AssetKind,
}

/// A linear change of a stable pool's amplification between two blocks.
#[derive(
	Encode, Decode, DecodeWithMemTracking, Clone, Copy, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct AmplificationRamp<BlockNumber> {
	pub initial: u128,
	pub target: u128,
	pub start_block: BlockNumber,
	pub end_block: BlockNumber,
}

/// The pricing formula of a pool.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
pub enum PoolKind<BlockNumber> {
	/// `x * y = k`, two assets, fee taken from the input.
	ConstantProduct,
	/// Curve's stableswap invariant over 2–4 assets, fee taken from the output.
	Stable {
		amplification: AmplificationRamp<BlockNumber>,
		/// Factors that bring every asset to 18 decimals before the invariant is evaluated.
		precision_multipliers: BoundedVec<u128, MaxPoolAssets>,
	},
}

/// One cumulative-price sample, taken at most once per block.
#[derive(Encode, Decode, Clone, Copy, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen, Default)]
pub struct Observation<BlockNumber> {
	pub block: BlockNumber,
	/// Wrapping sum of `price.into_inner() * blocks` up to `block` (Uniswap v2 style).
	pub price_cumulative: u128,
}

/// Price oracle of a pool. "Price" is the spot price of `assets[0]` in units of `assets[1]`
/// (base units of both), so a UI scales it by the assets' decimals.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen, Default)]
pub struct Oracle<BlockNumber> {
	/// Last block in which the pool's reserves were touched.
	pub last_block: BlockNumber,
	/// Wrapping cumulative price up to `last_block`.
	pub price_cumulative: u128,
	/// Exponential moving average of the per-block closing price.
	pub ema_price: FixedU128,
	/// Spot price at the start of `last_block`, before its first trade: the reference for the
	/// per-block price-move limit.
	pub block_start_price: FixedU128,
	/// Recent samples, oldest first, at most one per block.
	pub observations: BoundedVec<Observation<BlockNumber>, ConstU32<OBSERVATIONS>>,
}

/// A pool: its formula, assets (sorted), reserves (tracked here, never read from balances), fee
/// and price oracle. Its LP token has the id of the pool.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
pub struct PoolInfo<AssetKind, BlockNumber> {
	pub kind: PoolKind<BlockNumber>,
	pub assets: BoundedVec<AssetKind, MaxPoolAssets>,
	pub reserves: BoundedVec<Balance, MaxPoolAssets>,
	/// Swap fee (constant product: of the input; stable: of the output).
	pub fee: Permill,
	/// Part of every swap fee owed to the treasury (the protocol fee).
	pub protocol_fee_share: Permill,
	/// Protocol fees accrued per asset: held by the pool account beside the reserves (never part
	/// of them) until `collect_protocol_fees` pays them to the treasury. Accruing instead of
	/// paying per swap keeps a swap to the trader's and the pool's accounts.
	pub protocol_fees: BoundedVec<Balance, MaxPoolAssets>,
	pub oracle: Oracle<BlockNumber>,
}

impl<AssetKind: PartialEq, BlockNumber> PoolInfo<AssetKind, BlockNumber> {
	/// Position of `asset` in the pool.
	pub fn index_of(&self, asset: &AssetKind) -> Option<usize> {
		self.assets.iter().position(|a| a == asset)
	}

	pub fn is_stable(&self) -> bool {
		matches!(self.kind, PoolKind::Stable { .. })
	}
}

/// A pool as a UI sees it (runtime API).
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct PoolView<AssetKind> {
	pub pool_id: PoolId,
	pub stable: bool,
	pub assets: Vec<AssetKind>,
	pub reserves: Vec<Balance>,
	pub fee: Permill,
	/// Part of each swap fee owed to the treasury.
	pub protocol_fee_share: Permill,
	/// Protocol fees accrued and not yet collected, per asset.
	pub protocol_fees: Vec<Balance>,
	/// Current amplification of a stable pool, 0 for constant product.
	pub amplification: u128,
	pub lp_token: PoolId,
	pub lp_supply: Balance,
	/// Spot price of `assets[0]` in `assets[1]`, if the pool holds liquidity.
	pub spot_price: Option<FixedU128>,
	pub ema_price: FixedU128,
}

/// A pool to create at genesis and seed from `provider`'s funds.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
pub struct GenesisPool<AccountId, AssetKind> {
	pub provider: AccountId,
	pub assets: Vec<AssetKind>,
	pub amounts: Vec<Balance>,
	pub fee: Permill,
	/// `Some((amplification, decimals of each asset))` for a stable pool.
	pub stable: Option<(u128, Vec<u8>)>,
}
