//! Benchmarks of pallet-term-staking (frame-benchmarking v2). Position calls run on an account
//! holding the most positions it may (`retain` over its list and the list's proof are the part
//! that grows), staking assets and rewards are pallet-assets tokens (their holds cost more than
//! the native token's).

use super::*;
use frame_benchmarking::v2::*;
use frame_support::traits::fungibles::Inspect;
use frame_system::RawOrigin;
use sp_arithmetic::Permill;

/// Benchmark assets have 12 decimals.
const UNIT: Balance = 1_000_000_000_000;

fn terms<T: Config>(early_exit: bool) -> ProductTerms {
	ProductTerms {
		term: 10,
		apr: FixedU128::from_rational(1, 10).min(T::MaxApr::get()),
		min_stake: UNIT,
		max_stake: 1_000_000 * UNIT,
		capacity: 1_000_000_000 * UNIT,
		open: true,
		early_exit_penalty: early_exit.then(|| Permill::from_percent(5)),
	}
}

/// A funded product staking `asset` for itself (so early exits can be allowed).
fn product<T: Config>(funder: &T::AccountId, early_exit: bool) -> (ProductId, T::AssetKind) {
	let asset = T::BenchmarkHelper::asset(0, funder);
	let id = Pallet::<T>::do_create_product(asset.clone(), asset.clone(), terms::<T>(early_exit))
		.expect("product");
	Pallet::<T>::do_fund(funder, id, 1_000_000 * UNIT).expect("fund");
	(id, asset)
}

/// `n` positions of `who` in `id`, the first `UNIT · 100`.
fn positions<T: Config>(who: &T::AccountId, id: ProductId, n: u32) {
	for _ in 0..n {
		Pallet::<T>::do_stake(who, id, 100 * UNIT).expect("stake");
	}
}

fn run_to<T: Config>(blocks: u32) {
	let now = frame_system::Pallet::<T>::block_number();
	frame_system::Pallet::<T>::set_block_number(now + blocks.into());
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_product() {
		let who: T::AccountId = account("funder", 0, 0);
		let asset = T::BenchmarkHelper::asset(0, &who);
		let count = ProductCount::<T>::get();
		#[extrinsic_call]
		_(RawOrigin::Root, asset.clone(), asset, terms::<T>(true));
		assert_eq!(ProductCount::<T>::get(), count + 1);
	}

	#[benchmark]
	fn update_product() {
		let who: T::AccountId = account("funder", 0, 0);
		let (id, _) = product::<T>(&who, true);
		let new = ProductTerms { open: false, ..terms::<T>(true) };
		#[extrinsic_call]
		_(RawOrigin::Root, id, new);
		assert_eq!(Products::<T>::get(id).map(|p| p.terms), Some(new));
	}

	#[benchmark]
	fn fund() {
		let caller: T::AccountId = whitelisted_caller();
		let (id, _) = product::<T>(&caller, true);
		let before = Products::<T>::get(id).map(|p| p.available).unwrap_or_default();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id, 1_000 * UNIT);
		assert_eq!(Products::<T>::get(id).map(|p| p.available), Some(before + 1_000 * UNIT));
	}

	#[benchmark]
	fn withdraw_pot() {
		let who: T::AccountId = account("funder", 0, 0);
		let to: T::AccountId = account("to", 0, 0);
		let (id, asset) = product::<T>(&who, true);
		#[extrinsic_call]
		_(RawOrigin::Root, id, 1_000 * UNIT, to.clone());
		assert_eq!(T::Assets::balance(asset, &to), 1_000 * UNIT);
	}

	#[benchmark]
	fn stake() {
		let caller: T::AccountId = whitelisted_caller();
		let (id, _) = product::<T>(&caller, true);
		positions::<T>(&caller, id, T::MaxPositionsPerAccount::get() - 1);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), id, 100 * UNIT);
		assert_eq!(
			AccountPositions::<T>::get(&caller).len() as u32,
			T::MaxPositionsPerAccount::get()
		);
	}

	#[benchmark]
	fn redeem() {
		let caller: T::AccountId = whitelisted_caller();
		let (id, _) = product::<T>(&caller, true);
		positions::<T>(&caller, id, T::MaxPositionsPerAccount::get());
		let first = AccountPositions::<T>::get(&caller)[0];
		run_to::<T>(10);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), first);
		assert!(!Positions::<T>::contains_key(first));
	}

	#[benchmark]
	fn exit_early() {
		let caller: T::AccountId = whitelisted_caller();
		let (id, _) = product::<T>(&caller, true);
		positions::<T>(&caller, id, T::MaxPositionsPerAccount::get());
		let first = AccountPositions::<T>::get(&caller)[0];
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), first);
		assert!(!Positions::<T>::contains_key(first));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
