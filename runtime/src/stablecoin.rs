//! The stablecoin dUSD: collateral vaults (`pallet-stablecoin`) and polkadot-sdk's peg module
//! (`pallet-psm`, seeded at genesis by `defi_psm_adapter::genesis`), with one debt ceiling over
//! both through `defi_psm_adapter::PsmPeg`. Liquidations sell collateral through the router.

use crate::{assets::DUSD, configs::NativeAndAssets, *};
use alloc::{vec, vec::Vec};
use defi_psm_adapter::genesis::{GenesisExternal, GenesisPsm};
use frame_support::{
	parameter_types,
	traits::{
		fungible::{NativeFromLeft, NativeOrWithId, UnionOf},
		ConstU32, ConstU8,
	},
	weights::Weight,
	PalletId,
};
use frame_system::{EnsureRoot, EnsureRootWithSuccess};
use sp_runtime::Permill;

/// Holds on the native token and every `Assets` token: vault collateral stays in its owner's
/// account.
pub type NativeAndAssetHolds =
	UnionOf<Balances, AssetsHolder, NativeFromLeft, NativeOrWithId<AssetId>, AccountId>;

/// dUSD has 6 decimals, as USDT and USDC: the peg module converts 1:1 without rounding.
pub const DUSD_DECIMALS: u8 = 6;

parameter_types! {
	pub const StablecoinPalletId: PalletId = PalletId(*b"defi/usd");
	pub const PsmPalletId: PalletId = PalletId(*b"defi/psm");
	pub const Dusd: NativeOrWithId<AssetId> = NativeOrWithId::WithId(DUSD);
	pub const DusdId: AssetId = DUSD;
	/// The fiat-backed tokens the peg module accepts.
	pub PsmExternals: Vec<AssetId> = vec![crate::assets::USDT, crate::assets::USDC];
	/// Creating a peg-module instance takes no deposit (only root may).
	pub const NoDepositor: Option<AccountId> = None;
	/// The full and emergency admin of the seeded instance. The stablecoin pallet dispatches
	/// its ceiling changes and its shutdown as these.
	pub PsmAdmin: OriginCaller = OriginCaller::system(frame_system::RawOrigin::Root);
	/// A liquidation's sale: one router search plus its worst execution.
	pub StablecoinSwapWeight: Weight = Router::search_weight(Router::max_pools_searched())
		.saturating_add(Router::worst_execution_weight());
	pub StablecoinQuoteWeight: Weight = Router::search_weight(Router::max_pools_searched());
}

impl pallet_psm::Config for Runtime {
	type Fungibles = Assets;
	type Consideration = ();
	type CreateOrigin = EnsureRootWithSuccess<AccountId, NoDepositor>;
	type RuntimeOrigin = RuntimeOrigin;
	type PalletsOrigin = OriginCaller;
	type AssetId = AssetId;
	type WeightInfo = pallet_psm::weights::SubstrateWeight<Runtime>;
	type PalletId = PsmPalletId;
	type MaxExternals = ConstU32<4>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helpers::PsmHelper;
}

impl defi_psm_adapter::genesis::Config for Runtime {
	type Admin = PsmAdmin;
}

/// The peg module as the vault pallet sees it.
pub type PegModule = defi_psm_adapter::PsmPeg<Runtime, DusdId, PsmExternals>;

impl pallet_stablecoin::Config for Runtime {
	type AssetKind = NativeOrWithId<AssetId>;
	type Assets = NativeAndAssets;
	type Holds = NativeAndAssetHolds;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Stablecoin = Dusd;
	type StablecoinDecimals = ConstU8<DUSD_DECIMALS>;
	type Prices = Prices;
	type UnixTime = Timestamp;
	type Swap = Router;
	type SwapWeight = StablecoinSwapWeight;
	type QuoteWeight = StablecoinQuoteWeight;
	type Psm = PegModule;
	type AdminOrigin = EnsureRoot<AccountId>;
	/// Root on the dev chain; a shutdown can only make things safer.
	type EmergencyOrigin = EnsureRoot<AccountId>;
	type PalletId = StablecoinPalletId;
	/// One minute: a DEX price moved inside one block cannot open the discount.
	type PurchaseDelay = ConstU32<10>;
	type MaxCollateralTypes = ConstU32<8>;
	type WeightInfo = pallet_stablecoin::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helpers::StablecoinHelper;
}

/// The stablecoin pallet's account, which owns the dUSD asset (so no signed origin can mint it
/// through `Assets`), and its surplus account.
pub fn stablecoin_account() -> AccountId {
	pallet_stablecoin::Pallet::<Runtime>::account()
}

/// Peg-module fees, per external: 0.1 % to mint dUSD, 0.2 % to redeem it.
pub const PSM_MINTING_FEE: Permill = Permill::from_parts(1_000);
pub const PSM_REDEMPTION_FEE: Permill = Permill::from_parts(2_000);

/// The peg module of dUSD: USDT and USDC, half the ceiling each, its fees to the treasury (not
/// the surplus, whose dUSD the vault books count). Its `max_debt` is a placeholder the
/// stablecoin pallet replaces with the room under the one debt ceiling.
pub fn dev_peg_module() -> GenesisPsm<AccountId, AssetId, Balance> {
	GenesisPsm {
		internal: DUSD,
		fee_destination: configs::TreasuryAccount::get(),
		max_debt: Balance::MAX / 2,
		min_swap_amount: 10u128.pow(DUSD_DECIMALS as u32),
		externals: PsmExternals::get()
			.into_iter()
			.map(|asset| GenesisExternal {
				asset,
				ceiling_weight: Permill::from_percent(50),
				minting_fee: PSM_MINTING_FEE,
				redemption_fee: PSM_REDEMPTION_FEE,
			})
			.collect(),
	}
}

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmark_helpers {
	use super::*;
	use frame_support::traits::{
		fungible::Mutate as _,
		fungibles::{Create, Inspect as _},
	};
	use sp_runtime::{FixedPointNumber, FixedU128};

	/// Collateral assets of the benchmarks live above every genesis id.
	const FIRST_COLLATERAL: AssetId = 8_000;

	fn ensure_asset(id: AssetId, decimals: u8) {
		if !Assets::asset_exists(id) {
			let owner = configs::TreasuryAccount::get();
			let _ = <Assets as Create<AccountId>>::create(id, owner, true, 1);
			let _ = pallet_assets::Pallet::<Runtime, pallet_assets::Instance1>::force_set_metadata(
				RuntimeOrigin::root(),
				id.into(),
				b"Bench".to_vec(),
				b"BNC".to_vec(),
				decimals,
				false,
			);
		}
	}

	/// dUSD (owned by the stablecoin pallet) and the peg module for it, as the dev genesis has.
	fn ensure_peg_module() {
		if !Assets::asset_exists(DUSD) {
			let _ = <Assets as Create<AccountId>>::create(DUSD, stablecoin_account(), true, 1);
			let _ = pallet_assets::Pallet::<Runtime, pallet_assets::Instance1>::force_set_metadata(
				RuntimeOrigin::root(),
				DUSD.into(),
				b"Dollar".to_vec(),
				b"dUSD".to_vec(),
				DUSD_DECIMALS,
				false,
			);
		}
		for external in PsmExternals::get() {
			ensure_asset(external, DUSD_DECIMALS);
		}
		if pallet_psm::Psm::<Runtime>::get(DUSD).is_none() {
			let _ = defi_psm_adapter::genesis::Pallet::<Runtime>::seed(&dev_peg_module());
		}
	}

	pub struct PsmHelper;
	impl pallet_psm::BenchmarkHelper<AssetId, AccountId> for PsmHelper {
		fn get_asset_id(i: u32) -> AssetId {
			9_000 + i
		}
		fn create_asset(id: AssetId, _owner: &AccountId, decimals: u8) {
			ensure_asset(id, decimals)
		}
	}

	pub struct StablecoinHelper;
	impl pallet_stablecoin::BenchmarkHelper<NativeOrWithId<AssetId>, AccountId> for StablecoinHelper {
		fn collateral(seed: u32, who: &AccountId) -> NativeOrWithId<AssetId> {
			ensure_peg_module();
			let id = FIRST_COLLATERAL + seed;
			ensure_asset(id, 12);
			let _ = <Assets as frame_support::traits::fungibles::Mutate<AccountId>>::mint_into(
				id,
				who,
				1_000_000_000 * UNIT,
			);
			let _ = Balances::mint_into(who, 1_000 * UNIT);
			NativeOrWithId::WithId(id)
		}

		fn set_price(asset: &NativeOrWithId<AssetId>, usd_per_token: FixedU128) {
			crate::money_markets::benchmark_helpers::set_price(asset, usd_per_token)
		}

		/// A DEX constant-product pool of `asset` against dUSD, 10 million dUSD deep at the
		/// price; the dUSD comes from the peg module (USDT in), so the books stay true. `None`
		/// leaves the market as it is: a benchmark asset has no other pool, so the router
		/// cannot fill.
		fn set_market(asset: &NativeOrWithId<AssetId>, usd_per_token: Option<FixedU128>) {
			let Some(price) = usd_per_token else { return };
			let provider: AccountId = frame_benchmarking::account("market", 0, 0);
			let depth = 10_000_000 * 1_000_000;
			Self::fund_stablecoin(&provider, depth);
			let collateral = price
				.reciprocal()
				.and_then(|r| r.checked_mul_int(depth))
				.unwrap_or_default()
				.saturating_mul(1_000_000);
			let _ = <Assets as frame_support::traits::fungibles::Mutate<AccountId>>::mint_into(
				match asset {
					NativeOrWithId::WithId(id) => *id,
					NativeOrWithId::Native => return,
				},
				&provider,
				// The DEX keeps the provider's account alive: it cannot deposit all it holds.
				collateral.saturating_mul(2),
			);
			let _ = Balances::mint_into(&provider, 1_000 * UNIT);
			let fee = Permill::from_parts(3_000);
			let _ = pallet_dex::FeeTiers::<Runtime>::try_mutate(|tiers| {
				if tiers.contains(&fee) {
					Ok(())
				} else {
					tiers.try_push(fee)
				}
			});
			if let Ok(pool) = Dex::do_create_pool(&provider, asset.clone(), Dusd::get(), fee) {
				// The pool lists its assets in order.
				let amounts = if *asset < Dusd::get() {
					vec![collateral, depth]
				} else {
					vec![depth, collateral]
				};
				let _ = Dex::do_add_liquidity(&provider, pool, amounts, 0);
			}
		}

		fn advance_time(millis: u64) {
			pallet_timestamp::Now::<Runtime>::mutate(|now| *now = now.saturating_add(millis));
		}

		/// Mints through the peg module with USDT (6 decimals, as dUSD) plus its fee, creating
		/// dUSD and the peg module first on a chain without them (the benchmarks' genesis).
		fn fund_stablecoin(who: &AccountId, amount: Balance) {
			let usdt = crate::assets::USDT;
			ensure_peg_module();
			let gross = amount.saturating_add(amount / 100).saturating_add(1_000_000);
			let _ = <Assets as frame_support::traits::fungibles::Mutate<AccountId>>::mint_into(
				usdt, who, gross,
			);
			let _ = Balances::mint_into(who, 1_000 * UNIT);
			let _ =
				Psm::mint(RuntimeOrigin::signed(who.clone()), DUSD, usdt, gross, Permill::one());
		}
	}
}
