//! Runtime API of the DEX: everything a UI or another service needs to quote and display pools.
//! From polkadot.js: `api.call.dexApi.quoteExactIn(path, amountIn)` and so on.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
use pallet_dex::{Balance, Hop, PoolId, PoolView};
use sp_arithmetic::FixedU128;

sp_api::decl_runtime_apis! {
	/// Quotes and pool state of `pallet-dex`.
	pub trait DexApi<AssetKind, BlockNumber>
	where
		AssetKind: Codec,
		BlockNumber: Codec,
	{
		/// Amounts along `path` for an exact-in swap, `[amount_in, out of hop 1, …]`, exactly as
		/// `swap_exact_in` would execute them in the current state; `None` if it would fail.
		fn quote_exact_in(path: Vec<Hop<AssetKind>>, amount_in: Balance) -> Option<Vec<Balance>>;

		/// Amounts along `path` for an exact-out swap, `[amount_in, …, amount_out]`.
		fn quote_exact_out(path: Vec<Hop<AssetKind>>, amount_out: Balance) -> Option<Vec<Balance>>;

		/// Every pool with its assets, reserves, fee, amplification, LP supply and prices.
		fn pools() -> Vec<PoolView<AssetKind>>;

		/// What `shares` LP tokens of `pool_id` withdraw proportionally now.
		fn lp_share_value(pool_id: PoolId, shares: Balance) -> Option<Vec<Balance>>;

		/// Time-weighted average price of the pool's first asset in its second over at least
		/// `window` blocks.
		fn twap(pool_id: PoolId, window: BlockNumber) -> Option<FixedU128>;

		/// Exponential moving average of the same price.
		fn ema_price(pool_id: PoolId) -> Option<FixedU128>;
	}
}
