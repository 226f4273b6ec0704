//! Runtime API of the lending pallet: markets with rates and caps, account positions with
//! health and limits, and unhealthy accounts for keepers. From polkadot.js:
//! `api.call.lendingApi.markets()`, `api.call.lendingApi.account(who)`.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
use defi_primitives::{AccountView, MarketView};
use sp_arithmetic::FixedU128;

sp_api::decl_runtime_apis! {
	pub trait LendingApi<AssetKind, AccountId>
	where
		AssetKind: Codec,
		AccountId: Codec,
	{
		/// Every market with interest accrued to now: cash, borrows, reserves, utilization,
		/// APR and APY, caps left, price.
		fn markets() -> Vec<MarketView<AssetKind>>;

		/// `who`'s position in every market, with health, limits and what it may borrow or
		/// withdraw now.
		fn account(who: AccountId) -> AccountView<AssetKind>;

		/// Accounts whose health at fresh prices is below `threshold`, with their health.
		fn accounts_below(threshold: FixedU128) -> Vec<(AccountId, FixedU128)>;
	}
}
