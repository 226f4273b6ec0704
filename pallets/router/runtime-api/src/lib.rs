//! Runtime API of the router: the best quote across every venue, with the best single route
//! and each venue's best beside it. From polkadot.js:
//! `api.call.routerApi.quoteExactIn(assetIn, assetOut, amountIn)`.
#![cfg_attr(not(feature = "std"), no_std)]

use codec::Codec;
use defi_primitives::{Balance, TradeQuote};

sp_api::decl_runtime_apis! {
	pub trait RouterApi<AssetKind>
	where
		AssetKind: Codec,
	{
		/// What `Router::swap_exact_in` without a route would do now for `amount_in`: the
		/// routes and the part each carries, the output, price impact and weight; `None` when
		/// no route can carry the trade.
		fn quote_exact_in(asset_in: AssetKind, asset_out: AssetKind, amount_in: Balance) -> Option<TradeQuote<AssetKind>>;

		/// The same for `Router::swap_exact_out`: exactly `amount_out` for the least input.
		fn quote_exact_out(asset_in: AssetKind, asset_out: AssetKind, amount_out: Balance) -> Option<TradeQuote<AssetKind>>;
	}
}
