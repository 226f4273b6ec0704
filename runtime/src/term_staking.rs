//! Term staking: fixed-term products whose reward is reserved from a funded pot at stake time
//! (`pallet-term-staking`). Principal stays in the staker's account under a hold.

use crate::{configs::NativeAndAssets, stablecoin::NativeAndAssetHolds, *};
use frame_support::{parameter_types, traits::ConstU32, PalletId};
use frame_system::EnsureRoot;
use sp_runtime::FixedU128;

/// Blocks in 365 days of 6-second blocks: what an APR is over.
pub const BLOCKS_PER_YEAR: BlockNumber = DAYS * 365;

parameter_types! {
	pub const TermStakingPalletId: PalletId = PalletId(*b"defi/stk");
	/// No product promises more than 1,000 % a year.
	pub const MaxStakingApr: FixedU128 = FixedU128::from_u32(10);
}

impl pallet_term_staking::Config for Runtime {
	type AssetKind = NativeOrWithId<AssetId>;
	type Assets = NativeAndAssets;
	type Holds = NativeAndAssetHolds;
	type RuntimeHoldReason = RuntimeHoldReason;
	type AdminOrigin = EnsureRoot<AccountId>;
	type PalletId = TermStakingPalletId;
	type BlocksPerYear = ConstU32<BLOCKS_PER_YEAR>;
	type MaxApr = MaxStakingApr;
	type MaxProducts = ConstU32<32>;
	type MaxPositionsPerAccount = ConstU32<32>;
	type OnStakeChanged = Farming;
	type WeightInfo = pallet_term_staking::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helpers::TermStakingHelper;
}

/// The account holding every product's pot.
pub fn term_staking_account() -> AccountId {
	pallet_term_staking::Pallet::<Runtime>::account()
}

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmark_helpers {
	use super::*;
	use frame_support::traits::fungibles::Mutate;

	pub struct TermStakingHelper;
	impl pallet_term_staking::BenchmarkHelper<NativeOrWithId<AssetId>, AccountId>
		for TermStakingHelper
	{
		fn asset(seed: u32, who: &AccountId) -> NativeOrWithId<AssetId> {
			Self::asset_for(8_000 + seed, who)
		}
	}

	impl TermStakingHelper {
		/// Asset `id`, created if need be, with `who` funded generously.
		pub fn asset_for(id: AssetId, who: &AccountId) -> NativeOrWithId<AssetId> {
			crate::money_markets::benchmark_helpers::ensure_asset(id);
			let _ = <Assets as Mutate<AccountId>>::mint_into(
				id,
				who,
				1_000_000_000_000_000_000_000_000,
			);
			NativeOrWithId::WithId(id)
		}
	}
}
