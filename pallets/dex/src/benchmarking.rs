//! Benchmarks of pallet-dex (frame-benchmarking v2). Each measures the worst case of its call:
//! non-empty pools, the protocol fee switched on (one more transfer per hop), stable pools at
//! the largest asset count.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::traits::fungibles::{Create, Mutate};
use frame_system::RawOrigin;

/// Liquidity of every benchmark pool, per asset.
const LIQUIDITY: Balance = 1_000_000_000_000_000_000_000_000;
/// Balance of the caller in every asset.
const FUNDS: Balance = 100 * LIQUIDITY;
/// A trade small against the pools, so no protection triggers.
const TRADE: Balance = 1_000_000_000_000_000_000;
const FEE: Permill = Permill::from_parts(3_000);

fn asset<T: Config>(seed: u32) -> T::AssetKind {
	T::BenchmarkHelper::asset(seed)
}

/// Funds `who` with native and creates `count` assets, minting `FUNDS` of each to `who`.
fn setup_assets<T: Config>(who: &T::AccountId, count: u32)
where
	T::Assets: Create<T::AccountId>,
{
	T::Assets::mint_into(asset::<T>(0), who, FUNDS).expect("native mint");
	for seed in 1..=count {
		let a = asset::<T>(seed);
		if !T::Assets::asset_exists(a.clone()) {
			T::Assets::create(a.clone(), who.clone(), true, 1).expect("asset create");
		}
		T::Assets::mint_into(a, who, FUNDS).expect("asset mint");
	}
	FeeTiers::<T>::put(BoundedVec::truncate_from(vec![FEE]));
	ProtocolFeeShare::<T>::put(Permill::from_percent(10));
}

fn cp_pool<T: Config>(who: &T::AccountId, a: u32, b: u32) -> PoolId {
	let id = Pallet::<T>::do_create_pool(who, asset::<T>(a), asset::<T>(b), FEE).expect("pool");
	Pallet::<T>::do_add_liquidity(who, id, vec![LIQUIDITY, LIQUIDITY], 1).expect("liquidity");
	id
}

fn stable_pool<T: Config>(who: &T::AccountId, n: u32) -> PoolId {
	let assets: Vec<T::AssetKind> = (1..=n).map(asset::<T>).collect();
	let id = Pallet::<T>::do_create_stable_pool(assets, vec![12; n as usize], 100, FEE)
		.expect("stable pool");
	Pallet::<T>::do_add_liquidity(who, id, vec![LIQUIDITY; n as usize], 1).expect("liquidity");
	id
}

/// `n` constant-product hops through assets 1 → 2 → … → n+1.
fn cp_path<T: Config>(who: &T::AccountId, n: u32) -> PathOf<T> {
	let hops: Vec<Hop<T::AssetKind>> = (1..=n)
		.map(|s| Hop { pool_id: cp_pool::<T>(who, s, s + 1), asset_in: asset::<T>(s), asset_out: asset::<T>(s + 1) })
		.collect();
	BoundedVec::truncate_from(hops)
}

#[benchmarks(where T::Assets: Create<T::AccountId>)]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_pool() {
		let caller: T::AccountId = whitelisted_caller();
		setup_assets::<T>(&caller, 2);
		let next = NextPoolId::<T>::get();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), asset::<T>(1), asset::<T>(2), FEE);
		assert_eq!(NextPoolId::<T>::get(), next + 1);
	}

	#[benchmark]
	fn create_stable_pool(n: Linear<2, 4>) -> Result<(), BenchmarkError> {
		let caller: T::AccountId = whitelisted_caller();
		setup_assets::<T>(&caller, n);
		let origin = T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let assets = BoundedVec::truncate_from((1..=n).map(asset::<T>).collect::<Vec<_>>());
		let decimals = BoundedVec::truncate_from(vec![12u8; n as usize]);
		let next = NextPoolId::<T>::get();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, assets, decimals, 100u128, FEE);
		assert_eq!(NextPoolId::<T>::get(), next + 1);
		Ok(())
	}

	/// Imbalanced deposit into a stable pool of `n` assets: the most expensive deposit.
	#[benchmark]
	fn add_liquidity(n: Linear<2, 4>) {
		let caller: T::AccountId = whitelisted_caller();
		setup_assets::<T>(&caller, n);
		let pool_id = stable_pool::<T>(&caller, n);
		let mut amounts = vec![TRADE; n as usize];
		amounts[0] = 2 * TRADE;
		let supply_before = T::PoolAssets::total_issuance(pool_id);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), pool_id, BoundedVec::truncate_from(amounts), 1);
		assert!(T::PoolAssets::total_issuance(pool_id) > supply_before);
	}

	#[benchmark]
	fn remove_liquidity(n: Linear<2, 4>) {
		let caller: T::AccountId = whitelisted_caller();
		setup_assets::<T>(&caller, n);
		let pool_id = stable_pool::<T>(&caller, n);
		let shares = T::PoolAssets::balance(pool_id, &caller) / 2;
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), pool_id, shares, BoundedVec::truncate_from(vec![0; n as usize]));
		assert!(T::PoolAssets::balance(pool_id, &caller) > 0);
	}

	#[benchmark]
	fn remove_liquidity_one_asset() {
		let caller: T::AccountId = whitelisted_caller();
		setup_assets::<T>(&caller, 4);
		let pool_id = stable_pool::<T>(&caller, 4);
		let shares = T::PoolAssets::balance(pool_id, &caller) / 100;
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), pool_id, shares, asset::<T>(1), 0);
	}

	#[benchmark]
	fn swap_exact_in(n: Linear<1, 4>) {
		let caller: T::AccountId = whitelisted_caller();
		setup_assets::<T>(&caller, n + 1);
		let path = cp_path::<T>(&caller, n);
		let recipient: T::AccountId = account("recipient", 0, 0);
		let deadline = frame_system::Pallet::<T>::block_number().saturating_add(1_000u32.into());
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), path, TRADE, 1, recipient.clone(), deadline);
		assert!(T::Assets::balance(asset::<T>(n + 1), &recipient) > 0);
	}

	#[benchmark]
	fn swap_exact_out(n: Linear<1, 4>) {
		let caller: T::AccountId = whitelisted_caller();
		setup_assets::<T>(&caller, n + 1);
		let path = cp_path::<T>(&caller, n);
		let recipient: T::AccountId = account("recipient", 0, 0);
		let deadline = frame_system::Pallet::<T>::block_number().saturating_add(1_000u32.into());
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), path, TRADE, FUNDS, recipient.clone(), deadline);
		assert_eq!(T::Assets::balance(asset::<T>(n + 1), &recipient), TRADE);
	}

	/// One exact-in hop through a four-asset stable pool.
	#[benchmark]
	fn swap_stable_hop() {
		let caller: T::AccountId = whitelisted_caller();
		setup_assets::<T>(&caller, 4);
		let pool_id = stable_pool::<T>(&caller, 4);
		let path: PathOf<T> = BoundedVec::truncate_from(vec![Hop {
			pool_id,
			asset_in: asset::<T>(1),
			asset_out: asset::<T>(4),
		}]);
		let recipient: T::AccountId = account("recipient", 0, 0);
		let deadline = frame_system::Pallet::<T>::block_number().saturating_add(1_000u32.into());
		#[extrinsic_call]
		swap_exact_in(RawOrigin::Signed(caller), path, TRADE, 1, recipient.clone(), deadline);
		assert!(T::Assets::balance(asset::<T>(4), &recipient) > 0);
	}

	#[benchmark]
	fn set_fee_tiers(n: Linear<1, { T::MaxFeeTiers::get() }>) -> Result<(), BenchmarkError> {
		let origin = T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let tiers: Vec<Permill> = (0..n).map(Permill::from_parts).collect();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, BoundedVec::truncate_from(tiers));
		assert_eq!(FeeTiers::<T>::get().len() as u32, n);
		Ok(())
	}

	#[benchmark]
	fn set_protocol_fee_share() -> Result<(), BenchmarkError> {
		let origin = T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, Permill::from_percent(20));
		assert_eq!(ProtocolFeeShare::<T>::get(), Permill::from_percent(20));
		Ok(())
	}

	#[benchmark]
	fn ramp_amplification() -> Result<(), BenchmarkError> {
		let caller: T::AccountId = whitelisted_caller();
		setup_assets::<T>(&caller, 2);
		let pool_id = stable_pool::<T>(&caller, 2);
		let origin = T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		// Twice the shortest ramp: the benchmark may run a block later than its setup.
		let end = frame_system::Pallet::<T>::block_number()
			.saturating_add(T::MinRampBlocks::get())
			.saturating_add(T::MinRampBlocks::get());
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, pool_id, 200u128, end);
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
