//! Runtime API of the DEX: everything a UI or another service needs to quote and display pools.
//! From polkadot.js: `api.call.dexApi.quoteExactIn(path, amountIn)` and so on.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
use defi_primitives::{Balance, Hop, PoolId, PoolView, WindowPrice};
use sp_arithmetic::FixedU128;

sp_api::decl_runtime_apis! {
	/// Quotes and pool state of `pallet-dex`.
	pub trait DexApi<AssetKind, BlockNumber>
	where
		AssetKind: Codec,
		BlockNumber: Codec,
	{
		/// Amounts along `path` for an exact-in swap, `[amount_in, out of hop 1, …]`, exactly as
		/// `swap_exact_in` submitted now would execute them in the next block; `None` if it would
		/// fail there.
		fn quote_exact_in(path: Vec<Hop<AssetKind>>, amount_in: Balance) -> Option<Vec<Balance>>;

		/// Amounts along `path` for an exact-out swap, `[amount_in, …, amount_out]`, as
		/// `swap_exact_out` would execute them in the next block.
		fn quote_exact_out(path: Vec<Hop<AssetKind>>, amount_out: Balance) -> Option<Vec<Balance>>;

		/// Every pool with its assets, reserves, fee, amplification, LP supply and prices.
		fn pools() -> Vec<PoolView<AssetKind>>;

		/// What `shares` LP tokens of `pool_id` withdraw proportionally now.
		fn lp_share_value(pool_id: PoolId, shares: Balance) -> Option<Vec<Balance>>;

		/// Time-weighted average price of the pool's first asset in its second over at least
		/// `window` blocks; `None` if the pool's history is shorter or the price is undefined.
		fn twap(pool_id: PoolId, window: BlockNumber) -> Option<FixedU128>;

		/// The same with the blocks it really covers, its age and the liquidity behind it.
		fn window_price(pool_id: PoolId, window: BlockNumber) -> Option<WindowPrice<BlockNumber>>;

		/// Exponential moving average of the same price; `None` until it is defined.
		fn ema_price(pool_id: PoolId) -> Option<FixedU128>;
	}
}
