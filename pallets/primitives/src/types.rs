//! Types shared by pallets, runtime APIs and clients.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::traits::ConstU32;
use scale_info::TypeInfo;
use sp_arithmetic::{FixedU128, Permill};

/// Balances of every token, native and assets.
pub type Balance = u128;
/// Pool id; a DEX pool's LP token has the same id.
pub type PoolId = u32;
/// At most four assets in a pool.
pub type MaxPoolAssets = ConstU32<4>;

/// One step of a swap path: trade `asset_in` for `asset_out` in pool `pool_id`.
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
pub struct Hop<AssetKind> {
	pub pool_id: PoolId,
	pub asset_in: AssetKind,
	pub asset_out: AssetKind,
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
	/// Spot price of `assets[0]` in `assets[1]`, if the pool holds liquidity and it is defined.
	pub spot_price: Option<FixedU128>,
	/// EMA of the same price; `None` until the pool has a defined price.
	pub ema_price: Option<FixedU128>,
}

/// A price of one asset in another over a window of blocks, with what backs it.
#[derive(Encode, Decode, Clone, Copy, PartialEq, Eq, Debug, TypeInfo)]
pub struct WindowPrice<BlockNumber> {
	/// Base units of the quote asset per base unit of the base asset.
	pub price: FixedU128,
	/// Blocks the average actually covers: at least the window asked for, never less, and
	/// possibly more (samples are taken at intervals).
	pub covered: BlockNumber,
	/// Blocks since the pool last traded: a price no trade has confirmed for long is stale.
	pub age: BlockNumber,
	/// The pool's current reserve of the quote asset, in base units: the depth behind the price.
	pub quote_liquidity: Balance,
}
