//! Benchmarks of pallet-lending (frame-benchmarking v2). `n` is the number of markets the
//! account uses: `n − 1` collateral markets and one debt market, each with a price, so every
//! health check reads every one of them.

use super::*;
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;

/// Supplied by the caller to each collateral market, and 100× by a liquidity provider to
/// every market.
const SUPPLY: Balance = 1_000_000_000_000_000;

fn bench_params() -> MarketParams {
	MarketParams {
		collateral_factor: Permill::from_percent(75),
		liquidation_threshold: Permill::from_percent(80),
		liquidation_incentive: Permill::from_percent(8),
		liquidation_fee: Permill::from_percent(10),
		close_factor: Permill::from_percent(50),
		reserve_factor: Permill::from_percent(10),
		supply_cap: Balance::MAX,
		borrow_cap: Balance::MAX,
		max_utilization: Permill::from_percent(95),
		rate_model: RateModel {
			base: FixedU128::from_rational(2, 100),
			slope_low: FixedU128::from_rational(20, 100),
			kink: Permill::from_percent(80),
			slope_high: FixedU128::from_rational(300, 100),
		},
	}
}

/// A market for seed `seed`, funded by a provider, priced at 1 USD.
fn market<T: Config>(seed: u32, caller: &T::AccountId) -> T::AssetKind {
	let provider: T::AccountId = account("provider", 0, 0);
	let asset = T::BenchmarkHelper::market_asset(seed, caller);
	T::BenchmarkHelper::market_asset(seed, &provider);
	Pallet::<T>::do_create_market(
		asset.clone(),
		T::BenchmarkHelper::share_asset(seed),
		bench_params(),
	)
	.expect("market");
	T::BenchmarkHelper::set_price(&asset, FixedU128::one());
	Pallet::<T>::do_supply(&provider, asset.clone(), 100 * SUPPLY).expect("liquidity");
	asset
}

/// `caller` with collateral in `n − 1` markets and a debt of `debt_share` of its borrow limit in
/// one more. Returns (collateral markets, debt market).
fn position<T: Config>(
	caller: &T::AccountId,
	n: u32,
	debt_share: Permill,
) -> (Vec<T::AssetKind>, T::AssetKind) {
	let mut collateral = Vec::new();
	for seed in 1..n {
		let asset = market::<T>(seed, caller);
		Pallet::<T>::do_supply(caller, asset.clone(), SUPPLY).expect("supply");
		Pallet::<T>::do_enable_collateral(caller, asset.clone()).expect("collateral");
		collateral.push(asset);
	}
	let debt_asset = market::<T>(n, caller);
	let limit = Permill::from_percent(75).mul_floor(SUPPLY) * Balance::from(n - 1);
	Pallet::<T>::do_borrow(caller, debt_asset.clone(), debt_share.mul_floor(limit).max(1))
		.expect("borrow");
	(collateral, debt_asset)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_market() {
		let caller: T::AccountId = whitelisted_caller();
		let asset = T::BenchmarkHelper::market_asset(1, &caller);
		let share = T::BenchmarkHelper::share_asset(1);
		#[extrinsic_call]
		_(RawOrigin::Root, asset.clone(), share, bench_params());
		assert!(Markets::<T>::contains_key(&asset));
	}

	#[benchmark]
	fn set_market_params() {
		let caller: T::AccountId = whitelisted_caller();
		let asset = market::<T>(1, &caller);
		let mut params = bench_params();
		params.supply_cap = SUPPLY;
		#[extrinsic_call]
		_(RawOrigin::Root, asset.clone(), params);
		assert_eq!(Markets::<T>::get(&asset).map(|m| m.params.supply_cap), Some(SUPPLY));
	}

	#[benchmark]
	fn set_market_state() {
		let caller: T::AccountId = whitelisted_caller();
		let asset = market::<T>(1, &caller);
		#[extrinsic_call]
		_(RawOrigin::Root, asset.clone(), MarketState::Paused);
		assert_eq!(Markets::<T>::get(&asset).map(|m| m.state), Some(MarketState::Paused));
	}

	/// Into a market the caller uses as collateral: the new shares are held too.
	#[benchmark]
	fn supply() {
		let caller: T::AccountId = whitelisted_caller();
		let asset = market::<T>(1, &caller);
		Pallet::<T>::do_supply(&caller, asset.clone(), SUPPLY).expect("supply");
		Pallet::<T>::do_enable_collateral(&caller, asset.clone()).expect("collateral");
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), asset, SUPPLY);
	}

	/// Of held collateral, with debt: the health check reads all `n` markets.
	#[benchmark]
	fn withdraw(n: Linear<2, { T::MaxAccountMarkets::get() }>) {
		let caller: T::AccountId = whitelisted_caller();
		let (collateral, _) = position::<T>(&caller, n, Permill::from_percent(10));
		let asset = collateral[0].clone();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), asset, AmountOrAll::Exact(SUPPLY / 10));
	}

	#[benchmark]
	fn enable_collateral() {
		let caller: T::AccountId = whitelisted_caller();
		let asset = market::<T>(1, &caller);
		Pallet::<T>::do_supply(&caller, asset.clone(), SUPPLY).expect("supply");
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), asset.clone());
		assert!(Pallet::<T>::is_collateral(&caller, &asset));
	}

	/// With debt covered by the other collateral markets.
	#[benchmark]
	fn disable_collateral(n: Linear<3, { T::MaxAccountMarkets::get().max(3) }>) {
		let caller: T::AccountId = whitelisted_caller();
		let (collateral, _) = position::<T>(&caller, n, Permill::from_percent(10));
		let asset = collateral[0].clone();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), asset.clone());
		assert!(!Pallet::<T>::is_collateral(&caller, &asset));
	}

	#[benchmark]
	fn borrow(n: Linear<2, { T::MaxAccountMarkets::get() }>) {
		let caller: T::AccountId = whitelisted_caller();
		let (_, debt_asset) = position::<T>(&caller, n, Permill::from_percent(10));
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), debt_asset, SUPPLY / 100);
	}

	#[benchmark]
	fn repay() {
		let caller: T::AccountId = whitelisted_caller();
		let (_, debt_asset) = position::<T>(&caller, 2, Permill::from_percent(10));
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), debt_asset.clone(), AmountOrAll::All);
		assert!(!Borrows::<T>::contains_key(&debt_asset, &caller));
	}

	/// Below health 1 but above the underwater line: the close factor applies and the health
	/// after is checked over all `n` markets.
	#[benchmark]
	fn liquidate(n: Linear<2, { T::MaxAccountMarkets::get() }>) {
		let borrower: T::AccountId = account("borrower", 0, 0);
		let liquidator: T::AccountId = whitelisted_caller();
		let (collateral, debt_asset) = position::<T>(&borrower, n, Permill::from_percent(99));
		T::BenchmarkHelper::market_asset(n, &liquidator);
		// 0.8 · 0.9 / (0.75 · 0.99) = 0.97: liquidatable, not underwater.
		for asset in &collateral {
			T::BenchmarkHelper::set_price(asset, FixedU128::from_rational(90, 100));
		}
		let seized = collateral[0].clone();
		#[extrinsic_call]
		_(RawOrigin::Signed(liquidator.clone()), borrower, debt_asset, SUPPLY / 10, seized);
	}

	/// Debts in `n` markets and no collateral.
	#[benchmark]
	fn write_off_bad_debt(n: Linear<1, { T::MaxAccountMarkets::get() }>) {
		let caller: T::AccountId = whitelisted_caller();
		let borrower: T::AccountId = account("borrower", 0, 0);
		for seed in 1..=n {
			let asset = market::<T>(seed, &caller);
			Markets::<T>::mutate(&asset, |m| {
				if let Some(m) = m {
					m.borrows = SUPPLY;
					m.cash -= SUPPLY;
					m.reserves = SUPPLY / 100;
				}
			});
			let index = FixedU128::one();
			Borrows::<T>::insert(&asset, &borrower, BorrowSnapshot { principal: SUPPLY, index });
			Pallet::<T>::enter_market(&borrower, &asset, false).expect("entry");
		}
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), borrower.clone());
		assert!(AccountMarkets::<T>::get(&borrower).is_empty());
	}

	#[benchmark]
	fn accrue_interest() {
		let caller: T::AccountId = whitelisted_caller();
		let (_, debt_asset) = position::<T>(&caller, 2, Permill::from_percent(50));
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), debt_asset);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
