//! Runtime API of term staking: products with their capacity and pot, an account's positions,
//! and the reward a stake would reserve. From polkadot.js: `api.call.termStakingApi.products()`.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
use defi_primitives::{Balance, ProductId, StakingPositionView, StakingProductView};

sp_api::decl_runtime_apis! {
	pub trait TermStakingApi<AccountId, AssetKind, BlockNumber>
	where
		AccountId: Codec,
		AssetKind: Codec,
		BlockNumber: Codec,
	{
		/// Every product: terms, APR, capacity left, pot, the largest stake accepted now.
		fn products() -> Vec<StakingProductView<AssetKind, BlockNumber>>;

		/// Every open position of `owner`, with blocks to maturity.
		fn positions(owner: AccountId) -> Vec<StakingPositionView<AccountId, AssetKind, BlockNumber>>;

		/// The reward a stake of `amount` in `product` would reserve now; `None` if the stake
		/// would be rejected.
		fn quote(product: ProductId, amount: Balance) -> Option<Balance>;
	}
}
