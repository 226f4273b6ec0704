//! Runtime API of farming: farms with their streams, status and APR, and an account's shares
//! and pending rewards. From polkadot.js: `api.call.farmingApi.farms()`.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
use defi_primitives::{FarmId, FarmView, FarmerView};

sp_api::decl_runtime_apis! {
	pub trait FarmingApi<AccountId, AssetKind, DepositAsset, BlockNumber>
	where
		AccountId: Codec,
		AssetKind: Codec,
		DepositAsset: Codec,
		BlockNumber: Codec,
	{
		/// Every farm as of this block: program, status, total shares and their value, and per
		/// reward stream its rate, pot, claimable and owed amounts and APR.
		fn farms() -> Vec<FarmView<AssetKind, DepositAsset, BlockNumber>>;

		/// `who`'s shares and pending rewards (accrued, and payable now) in every farm it is in.
		fn farmer(who: AccountId) -> Vec<FarmerView<AssetKind>>;

		/// `who`'s standing in one farm; `None` if it has none.
		fn farmer_in(farm: FarmId, who: AccountId) -> Option<FarmerView<AssetKind>>;
	}
}
