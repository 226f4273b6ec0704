//! Runtime API of the prices pallet: every tracked price with its status, age, fresh feeders
//! and DEX TWAP. From polkadot.js: `api.call.pricesApi.prices()`.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
use defi_primitives::PriceView;

sp_api::decl_runtime_apis! {
	pub trait PricesApi<AssetKind>
	where
		AssetKind: Codec,
	{
		/// Every tracked asset's price as of now (an expired price shows as unavailable).
		fn prices() -> Vec<PriceView<AssetKind>>;

		/// One asset's price; `None` if the asset is not tracked.
		fn price(asset: AssetKind) -> Option<PriceView<AssetKind>>;
	}
}
