//! Runtime API of the stablecoin: vaults, collateral types, system totals and what a shutdown
//! redemption pays. From polkadot.js: `api.call.stablecoinApi.vault(owner, asset)`.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
use defi_primitives::{Balance, CollateralTypeView, StablecoinTotals, VaultView};

sp_api::decl_runtime_apis! {
	pub trait StablecoinApi<AccountId, AssetKind>
	where
		AccountId: Codec,
		AssetKind: Codec,
	{
		/// `owner`'s vault of `asset` with fees accrued to now: ratio, mintable, withdrawable,
		/// liquidation price; `None` without a vault.
		fn vault(owner: AccountId, asset: AssetKind) -> Option<VaultView<AssetKind>>;

		/// Every vault of `owner`.
		fn vaults(owner: AccountId) -> Vec<VaultView<AssetKind>>;

		/// Every collateral type with its parameters, totals and price.
		fn collateral_types() -> Vec<CollateralTypeView<AssetKind>>;

		/// Issuance, vault and peg-module debt, reserves, collateral value, surplus, bad debt,
		/// the debt ceiling and the shutdown state.
		fn totals() -> StablecoinTotals<AssetKind>;

		/// Collateral a shutdown redemption of `amount` pays now, per asset; empty before the
		/// redemption rate is fixed.
		fn redemption_quote(amount: Balance) -> Vec<(AssetKind, Balance)>;
	}
}
