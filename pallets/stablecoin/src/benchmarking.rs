//! Benchmarks of pallet-stablecoin (frame-benchmarking v2). Every vault call runs on a vault
//! with debt a month of fees behind (the fee booking and the surplus mint are part of each);
//! `c` is the number of collateral types a shutdown, a settlement's fixing of the redemption
//! rate and a redemption iterate. The swap a liquidation makes is measured here through the
//! runtime's venue and also added in full ([`Config::SwapWeight`]) to the call's weight.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::traits::fungibles::{Inspect, Mutate};
use frame_system::RawOrigin;
use sp_runtime::traits::Zero;

/// Collateral of the benchmarks has 12 decimals.
const UNIT: Balance = 1_000_000_000_000;
/// USD per whole collateral token when a vault opens.
const PRICE: u32 = 2;
/// Collateral of a benchmark vault, in whole tokens (2,000 USD at [`PRICE`]).
const COLLATERAL: Balance = 1_000;
/// A chain's clock in Unix ms (November 2023).
const START_MS: u64 = 1_700_000_000_000;
/// Fees accrue this long before each vault call (the booking costs the same for any span).
const MONTH_MS: u64 = 30 * 24 * 3_600 * 1_000;

fn dusd<T: Config>(whole: Balance) -> Balance {
	whole.saturating_mul(10u128.pow(T::StablecoinDecimals::get().into()))
}

fn bench_params<T: Config>() -> CollateralParams {
	CollateralParams {
		liquidation_ratio: FixedU128::from_rational(150, 100),
		minimum_ratio: FixedU128::from_rational(170, 100),
		stability_fee: MAX_STABILITY_FEE,
		liquidation_penalty: Permill::from_percent(10),
		debt_ceiling: Balance::MAX / 4,
		minimum_debt: dusd::<T>(1),
		max_slippage: Permill::from_percent(5),
		purchase_discount: Permill::from_percent(8),
	}
}

/// A new collateral type for `seed`, priced at [`PRICE`], `who` funded with it; the system
/// ceiling leaves room for everything the benchmarks mint.
fn collateral_type<T: Config>(seed: u32, who: &T::AccountId) -> T::AssetKind {
	// Clocks (the fee's, the prices') read nothing at block 0, the genesis, and a type created
	// while the clock reads 0 starts accruing at the first reading: start as a chain runs.
	if frame_system::Pallet::<T>::block_number().is_zero() {
		frame_system::Pallet::<T>::set_block_number(1u32.into());
		T::BenchmarkHelper::advance_time(START_MS);
	}
	let asset = T::BenchmarkHelper::collateral(seed, who);
	Pallet::<T>::do_set_collateral_type(asset.clone(), bench_params::<T>()).expect("type");
	T::BenchmarkHelper::set_price(&asset, FixedU128::from_u32(PRICE));
	DebtCeiling::<T>::put(Balance::MAX / 4);
	Pallet::<T>::sync_psm_ceiling().expect("ceiling");
	asset
}

/// `owner`'s vault of [`COLLATERAL`] tokens owing `debt` dUSD.
fn vault<T: Config>(owner: &T::AccountId, asset: &T::AssetKind, debt: Balance) {
	Pallet::<T>::do_deposit(owner, asset.clone(), COLLATERAL * UNIT).expect("deposit");
	Pallet::<T>::do_mint(owner, asset.clone(), dusd::<T>(debt)).expect("mint");
}

/// A month passes; `asset`'s price is fresh again at `usd`.
fn a_month_later<T: Config>(asset: &T::AssetKind, usd: FixedU128) {
	T::BenchmarkHelper::advance_time(MONTH_MS);
	T::BenchmarkHelper::set_price(asset, usd);
}

/// Collateral types `0..c` (fewer where genesis types leave less room), each with a vault of
/// `owner` owing 200 dUSD.
fn types_with_vaults<T: Config>(c: u32, owner: &T::AccountId) -> Vec<T::AssetKind> {
	let existing = CollateralAssets::<T>::get().len() as u32;
	let room = T::MaxCollateralTypes::get().saturating_sub(existing);
	let assets: Vec<_> = (0..c.min(room))
		.map(|seed| {
			let asset = collateral_type::<T>(seed, owner);
			vault::<T>(owner, &asset, 200);
			asset
		})
		.collect();
	// A block later, every type priced afresh (as the feeder does), together: the genesis
	// types too, whose vaults a shutdown also freezes.
	T::BenchmarkHelper::advance_time(6_000);
	for asset in CollateralAssets::<T>::get() {
		T::BenchmarkHelper::set_price(&asset, FixedU128::from_u32(PRICE));
	}
	assets
}

/// Settles every vault that still owes something, but `except`'s.
fn settle_all_but<T: Config>(except: Option<(&T::AccountId, &T::AssetKind)>) {
	let owing: Vec<_> = Vaults::<T>::iter()
		.filter(|(_, _, vault)| !vault.normalized.is_zero())
		.map(|(asset, owner, _)| (owner, asset))
		.filter(|(owner, asset)| except != Some((owner, asset)))
		.collect();
	for (owner, asset) in owing {
		Pallet::<T>::do_settle(&owner, asset).expect("settle");
	}
}

fn vault_debt<T: Config>(owner: &T::AccountId, asset: &T::AssetKind) -> Balance {
	Vaults::<T>::get(asset, owner).map(|v| v.debt).unwrap_or_default()
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn deposit_collateral() {
		let caller: T::AccountId = whitelisted_caller();
		let asset = collateral_type::<T>(0, &caller);
		vault::<T>(&caller, &asset, 500);
		a_month_later::<T>(&asset, FixedU128::from_u32(PRICE));
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), asset.clone(), UNIT);
		assert_eq!(Vaults::<T>::get(&asset, &caller).map(|v| v.collateral), Some(1_001 * UNIT));
	}

	#[benchmark]
	fn withdraw_collateral() {
		let caller: T::AccountId = whitelisted_caller();
		let asset = collateral_type::<T>(0, &caller);
		vault::<T>(&caller, &asset, 500);
		a_month_later::<T>(&asset, FixedU128::from_u32(PRICE));
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), asset.clone(), 100 * UNIT);
		assert_eq!(Vaults::<T>::get(&asset, &caller).map(|v| v.collateral), Some(900 * UNIT));
	}

	#[benchmark]
	fn mint() {
		let caller: T::AccountId = whitelisted_caller();
		let asset = collateral_type::<T>(0, &caller);
		vault::<T>(&caller, &asset, 500);
		a_month_later::<T>(&asset, FixedU128::from_u32(PRICE));
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), asset.clone(), dusd::<T>(100));
		assert!(vault_debt::<T>(&caller, &asset) > dusd::<T>(600));
	}

	#[benchmark]
	fn repay() {
		let caller: T::AccountId = whitelisted_caller();
		let asset = collateral_type::<T>(0, &caller);
		vault::<T>(&caller, &asset, 500);
		a_month_later::<T>(&asset, FixedU128::from_u32(PRICE));
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), asset.clone(), AmountOrAll::Exact(dusd::<T>(100)));
		assert!(vault_debt::<T>(&caller, &asset) < dusd::<T>(900));
	}

	#[benchmark]
	fn close() {
		let caller: T::AccountId = whitelisted_caller();
		let asset = collateral_type::<T>(0, &caller);
		vault::<T>(&caller, &asset, 500);
		a_month_later::<T>(&asset, FixedU128::from_u32(PRICE));
		// The month's fees come from elsewhere.
		T::BenchmarkHelper::fund_stablecoin(&caller, dusd::<T>(600));
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), asset.clone());
		assert!(Vaults::<T>::get(&asset, &caller).is_none_or(|v| v.collateral == 0));
	}

	/// The market fills: the collateral sold, the debt burned, the penalty to the surplus, the
	/// rest returned.
	#[benchmark]
	fn liquidate() {
		let owner: T::AccountId = account("owner", 0, 0);
		let liquidator: T::AccountId = whitelisted_caller();
		let asset = collateral_type::<T>(0, &owner);
		T::BenchmarkHelper::set_market(&asset, Some(FixedU128::from_u32(PRICE)));
		vault::<T>(&owner, &asset, 1_100);
		// 1,000 tokens at 1.4 USD against 1,100 dUSD and a month of fees: below 1.5, above
		// the debt and penalty, so the market buys exactly those.
		a_month_later::<T>(&asset, FixedU128::from_rational(14, 10));
		#[extrinsic_call]
		_(RawOrigin::Signed(liquidator), owner.clone(), asset.clone());
		assert_eq!(vault_debt::<T>(&owner, &asset), 0);
	}

	/// The market could not fill; after the delay a liquidator buys at the discount.
	#[benchmark]
	fn buy_collateral() {
		let owner: T::AccountId = account("owner", 0, 0);
		let liquidator: T::AccountId = whitelisted_caller();
		let asset = collateral_type::<T>(0, &owner);
		T::BenchmarkHelper::set_market(&asset, None);
		vault::<T>(&owner, &asset, 1_100);
		a_month_later::<T>(&asset, FixedU128::from_rational(14, 10));
		Pallet::<T>::do_liquidate(&liquidator, &owner, asset.clone()).expect("deferred");
		assert!(DeferredLiquidations::<T>::contains_key(&asset, &owner));
		let now = frame_system::Pallet::<T>::block_number();
		frame_system::Pallet::<T>::set_block_number(now.saturating_add(T::PurchaseDelay::get()));
		T::BenchmarkHelper::set_price(&asset, FixedU128::from_rational(14, 10));
		T::BenchmarkHelper::fund_stablecoin(&liquidator, dusd::<T>(5_000));
		#[extrinsic_call]
		_(RawOrigin::Signed(liquidator), owner.clone(), asset.clone(), dusd::<T>(5_000));
		assert_eq!(vault_debt::<T>(&owner, &asset), 0);
	}

	/// Surplus and bad debt of the same size, as a liquidation's shortfall and later fees
	/// leave them.
	#[benchmark]
	fn heal() {
		let caller: T::AccountId = whitelisted_caller();
		let amount = dusd::<T>(1_000);
		T::Assets::mint_into(T::Stablecoin::get(), &Pallet::<T>::surplus_account(), amount)
			.expect("surplus");
		Books::<T>::mutate(|books| {
			books.minted = books.minted.saturating_add(amount);
			books.bad_debt = books.bad_debt.saturating_add(amount);
		});
		#[extrinsic_call]
		_(RawOrigin::Signed(caller));
		assert_eq!(Books::<T>::get().bad_debt, 0);
	}

	/// The last vault settles, which fixes the redemption rate over every type.
	#[benchmark]
	fn settle(c: Linear<1, { T::MaxCollateralTypes::get() }>) {
		let owner: T::AccountId = account("owner", 0, 0);
		let caller: T::AccountId = whitelisted_caller();
		let assets = types_with_vaults::<T>(c, &owner);
		let last = assets.last().expect("one type");
		Pallet::<T>::do_shutdown().expect("shutdown");
		settle_all_but::<T>(Some((&owner, last)));
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), owner.clone(), last.clone());
		assert!(Shutdown::<T>::get().and_then(|s| s.claims_at_fix).is_some());
	}

	#[benchmark]
	fn redeem(c: Linear<1, { T::MaxCollateralTypes::get() }>) {
		let caller: T::AccountId = whitelisted_caller();
		types_with_vaults::<T>(c, &caller);
		Pallet::<T>::do_shutdown().expect("shutdown");
		settle_all_but::<T>(None);
		let before = T::Assets::balance(T::Stablecoin::get(), &caller);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), dusd::<T>(100));
		assert_eq!(T::Assets::balance(T::Stablecoin::get(), &caller), before - dusd::<T>(100));
	}

	#[benchmark]
	fn set_collateral_type() {
		let who: T::AccountId = account("funded", 0, 0);
		let asset = T::BenchmarkHelper::collateral(0, &who);
		#[extrinsic_call]
		_(RawOrigin::Root, asset.clone(), bench_params::<T>());
		assert!(CollateralTypes::<T>::contains_key(&asset));
	}

	#[benchmark]
	fn set_debt_ceiling() {
		#[extrinsic_call]
		_(RawOrigin::Root, dusd::<T>(1_000_000));
		assert_eq!(DebtCeiling::<T>::get(), dusd::<T>(1_000_000));
	}

	/// Every type has indebted vaults: each one's rate and price are frozen.
	#[benchmark]
	fn shutdown(c: Linear<1, { T::MaxCollateralTypes::get() }>) -> Result<(), BenchmarkError> {
		let owner: T::AccountId = account("owner", 0, 0);
		types_with_vaults::<T>(c, &owner);
		let origin =
			T::EmergencyOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin);
		assert!(Shutdown::<T>::get().is_some());
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
