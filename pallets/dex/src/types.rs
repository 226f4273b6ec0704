//! Storage and call types of the DEX.

use crate::{Balance, Config, MaxPoolAssets, PoolId, PoolInfoOf};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::BoundedVec;
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use sp_arithmetic::{FixedU128, Permill};

/// A linear change of a stable pool's amplification between two blocks.
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

/// One cumulative-price sample, taken at the first change of a pool at least
/// [`crate::Config::ObservationInterval`] blocks after the previous sample.
#[derive(Encode, Decode, Clone, Copy, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen, Default)]
pub struct Observation<BlockNumber> {
	pub block: BlockNumber,
	/// Wrapping sum of `price.into_inner() * blocks` up to `block` (Uniswap v2 style).
	pub price_cumulative: u128,
	/// The pool's previous change before `block`: the price was `price_before` from then until
	/// `block`, so the cumulative price is known exactly at every block of that span.
	pub previous_change: BlockNumber,
	pub price_before: FixedU128,
}

/// What a pool's oracle refresh asks [`crate::Observations`] to do.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ObservationUpdate<BlockNumber> {
	Keep,
	/// A sample is due: append it (dropping the oldest when full).
	Push(Observation<BlockNumber>),
	/// The price since the last change is undefined: drop the history.
	Clear,
}

/// The pool's state at the start of a block, before its first change in it: what the per-block
/// price-move limit compares against.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen, Default)]
pub enum PriceReference {
	/// The pool held no liquidity: nothing to compare against (its first deposit).
	#[default]
	Empty,
	/// The marginal value of every asset (see [`crate::math::marginal_values`]): the price of
	/// asset `i` in asset `j` is `values[i] / values[j]`.
	Values(BoundedVec<u128, MaxPoolAssets>),
	/// The pool held liquidity but its prices could not be computed: every trade fails until
	/// the next block (the limit fails closed).
	Undefined,
}

/// Price oracle of a pool. "Price" is the spot price of `assets[0]` in units of `assets[1]`
/// (base units of both), so a UI scales it by the assets' decimals.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen, Default)]
pub struct Oracle<BlockNumber> {
	/// Last block in which the pool's reserves were touched.
	pub last_block: BlockNumber,
	/// Wrapping cumulative price up to `last_block`.
	pub price_cumulative: u128,
	/// Block of the newest sample in [`crate::Observations`] (`None` before the first).
	pub last_sample: Option<BlockNumber>,
	/// Exponential moving average of the per-block closing price; `None` while the pool has no
	/// defined price (empty, or a price outside `FixedU128`'s range).
	pub ema_price: Option<FixedU128>,
	/// Reference for the per-block price-move limit, fixed at the pool's first change in
	/// `last_block`.
	pub block_start: PriceReference,
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
	/// Withdrawn liquidity the pool account could not pay out yet, per asset (the asset was
	/// frozen or blocked for the pool or for the provider): out of the reserves, owed to the
	/// providers in [`crate::Unclaimed`].
	pub unclaimed: BoundedVec<Balance, MaxPoolAssets>,
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

/// What one hop of a swap does once executed.
#[derive(Clone, Debug)]
pub struct HopExecution<T: Config> {
	pub pool_id: PoolId,
	/// The pool after the hop: new reserves and oracle.
	pub pool: PoolInfoOf<T>,
	/// The oracle sample the hop's refresh produced, stored with the pool.
	pub observation: ObservationUpdate<BlockNumberFor<T>>,
	pub asset_in: T::AssetKind,
	pub asset_out: T::AssetKind,
	pub amount_in: Balance,
	pub amount_out: Balance,
	/// Total swap fee, in `asset_in` (constant product) or `asset_out` (stable).
	pub fee: Balance,
	/// Part of the fee accrued for the treasury, in the same asset as `fee`.
	pub protocol_fee: Balance,
}

/// A hop's pool loaded for pricing: the pool with its oracle refreshed, the indices of the
/// hop's input and output assets in it, and the oracle sample due.
pub struct LoadedHop<T: Config> {
	pub pool: PoolInfoOf<T>,
	pub i: usize,
	pub j: usize,
	pub observation: ObservationUpdate<BlockNumberFor<T>>,
}
