//! Benchmarks of pallet-dex (frame-benchmarking v2). Each measures the worst case of its call:
//! non-empty pools, the protocol fee switched on, stable pools at the largest asset count, and a
//! swap that is the first touch of its pools in the block (oracle sample and EMA step).
//! Swaps pay the caller, who holds every asset already, as `pallet-asset-conversion`'s benchmark
//! does; an other recipient's account costs [`Pallet::other_recipient_weight`] on top.

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

/// A four-asset stable pool at the highest amplification with its fourth reserve a hundredth
/// of the others.
fn imbalanced_stable_pool<T: Config>(who: &T::AccountId) -> PoolId {
	let assets: Vec<T::AssetKind> = (1..=4).map(asset::<T>).collect();
	let id =
		Pallet::<T>::do_create_stable_pool(assets, vec![12; 4], T::MaxAmplification::get(), FEE)
			.expect("stable pool");
	let amounts = vec![LIQUIDITY, LIQUIDITY, LIQUIDITY, LIQUIDITY / 100];
	Pallet::<T>::do_add_liquidity(who, id, amounts, 1).expect("liquidity");
	id
}

/// One hop from the first asset into the scarce fourth of [`imbalanced_stable_pool`].
fn stable_path<T: Config>(pool_id: PoolId) -> PathOf<T> {
	BoundedVec::truncate_from(vec![Hop {
		pool_id,
		asset_in: asset::<T>(1),
		asset_out: asset::<T>(4),
	}])
}

/// Sends `TRADE` of each of the four benchmark assets to a pool account beside its reserves (what
/// accrued protocol fees or unclaimed payouts are backed by).
fn fund_beside_reserves<T: Config>(from: &T::AccountId, pool_account: &T::AccountId) {
	for seed in 1..=4 {
		T::Assets::transfer(asset::<T>(seed), from, pool_account, TRADE, Preservation::Preserve)
			.expect("funds beside the reserves");
	}
}

/// Seeds of the assets an `n`-hop benchmark path visits: asset 1 → native → asset 2 → asset 3
/// → asset 4. The first hop is the trade `pallet-asset-conversion`'s benchmark measures in this
/// runtime (an asset for the native token), so the two are compared in the same conditions.
fn path_seeds(n: u32) -> Vec<u32> {
	[1, 0, 2, 3, 4].into_iter().take(n as usize + 1).collect()
}

/// `n` constant-product hops along [`path_seeds`].
fn cp_path<T: Config>(who: &T::AccountId, n: u32) -> PathOf<T> {
	let seeds = path_seeds(n);
	let hops: Vec<Hop<T::AssetKind>> = seeds
		.windows(2)
		.map(|w| Hop {
			pool_id: cp_pool::<T>(who, w[0], w[1]),
			asset_in: asset::<T>(w[0]),
			asset_out: asset::<T>(w[1]),
		})
		.collect();
	BoundedVec::truncate_from(hops)
}

/// Moves to the next block, so the swap is its pools' first change there (oracle sample).
fn next_block<T: Config>() -> BlockNumberFor<T> {
	let next = frame_system::Pallet::<T>::block_number().saturating_add(1u32.into());
	frame_system::Pallet::<T>::set_block_number(next);
	next.saturating_add(1_000u32.into())
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
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
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
		_(
			RawOrigin::Signed(caller.clone()),
			pool_id,
			shares,
			BoundedVec::truncate_from(vec![0; n as usize]),
		);
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
		setup_assets::<T>(&caller, n);
		let path = cp_path::<T>(&caller, n);
		let out_asset = asset::<T>(path_seeds(n)[n as usize]);
		let before = T::Assets::balance(out_asset.clone(), &caller);
		let deadline = next_block::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), path, TRADE, 1, caller.clone(), deadline);
		assert!(T::Assets::balance(out_asset, &caller) > before);
	}

	#[benchmark]
	fn swap_exact_out(n: Linear<1, 4>) {
		let caller: T::AccountId = whitelisted_caller();
		setup_assets::<T>(&caller, n);
		let path = cp_path::<T>(&caller, n);
		let out_asset = asset::<T>(path_seeds(n)[n as usize]);
		let before = T::Assets::balance(out_asset.clone(), &caller);
		let deadline = next_block::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), path, TRADE, FUNDS, caller.clone(), deadline);
		// Less than TRADE when the output is native: the caller also paid the input in it.
		assert!(T::Assets::balance(out_asset, &caller) > before);
	}

	/// One exact-in hop through the costliest stable pool the limits allow: four assets, the
	/// highest amplification, one reserve a hundredth of the others (the invariant's solvers
	/// need the most iterations far from balance), into the scarce asset.
	#[benchmark]
	fn swap_stable_hop() {
		let caller: T::AccountId = whitelisted_caller();
		setup_assets::<T>(&caller, 4);
		let pool_id = imbalanced_stable_pool::<T>(&caller);
		let path = stable_path::<T>(pool_id);
		let before = T::Assets::balance(asset::<T>(4), &caller);
		let deadline = next_block::<T>();
		#[extrinsic_call]
		swap_exact_in(RawOrigin::Signed(caller.clone()), path, TRADE, 1, caller.clone(), deadline);
		assert!(T::Assets::balance(asset::<T>(4), &caller) > before);
	}

	/// The same hop exact-out.
	#[benchmark]
	fn swap_stable_hop_exact_out() {
		let caller: T::AccountId = whitelisted_caller();
		setup_assets::<T>(&caller, 4);
		let pool_id = imbalanced_stable_pool::<T>(&caller);
		let path = stable_path::<T>(pool_id);
		let before = T::Assets::balance(asset::<T>(4), &caller);
		let deadline = next_block::<T>();
		#[extrinsic_call]
		swap_exact_out(
			RawOrigin::Signed(caller.clone()),
			path,
			TRADE / 2,
			FUNDS,
			caller.clone(),
			deadline,
		);
		assert_eq!(T::Assets::balance(asset::<T>(4), &caller), before + TRADE / 2);
	}

	#[benchmark]
	fn set_fee_tiers(n: Linear<1, { T::MaxFeeTiers::get() }>) -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let tiers: Vec<Permill> = (0..n).map(Permill::from_parts).collect();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, BoundedVec::truncate_from(tiers));
		assert_eq!(FeeTiers::<T>::get().len() as u32, n);
		Ok(())
	}

	#[benchmark]
	fn set_protocol_fee_share() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
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
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		// Twice the shortest ramp: the benchmark may run a block later than its setup.
		let end = frame_system::Pallet::<T>::block_number()
			.saturating_add(T::MinRampBlocks::get())
			.saturating_add(T::MinRampBlocks::get());
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, pool_id, 200u128, end);
		Ok(())
	}

	#[benchmark]
	fn set_pool_protocol_fee_share() -> Result<(), BenchmarkError> {
		let caller: T::AccountId = whitelisted_caller();
		setup_assets::<T>(&caller, 2);
		let pool_id = cp_pool::<T>(&caller, 1, 2);
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, pool_id, Permill::from_percent(20));
		assert_eq!(
			Pools::<T>::get(pool_id).map(|p| p.protocol_fee_share),
			Some(Permill::from_percent(20))
		);
		Ok(())
	}

	/// Fees accrued in all four assets of a stable pool, paid to a treasury that holds none of
	/// them yet (a new account per asset).
	#[benchmark]
	fn collect_protocol_fees() {
		let caller: T::AccountId = whitelisted_caller();
		setup_assets::<T>(&caller, 4);
		let pool_id = stable_pool::<T>(&caller, 4);
		let pool_account = Pallet::<T>::pool_account(pool_id);
		fund_beside_reserves::<T>(&caller, &pool_account);
		Pools::<T>::mutate(pool_id, |pool| {
			if let Some(pool) = pool {
				pool.protocol_fees = BoundedVec::truncate_from(vec![TRADE; 4]);
			}
		});
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), pool_id);
		assert_eq!(T::Assets::balance(asset::<T>(1), &T::TreasuryAccount::get()), TRADE);
	}

	/// Payouts owed in all four assets of a stable pool, to a claimant who holds none of them
	/// yet (a new account per asset).
	#[benchmark]
	fn claim_unclaimed() {
		let caller: T::AccountId = whitelisted_caller();
		setup_assets::<T>(&caller, 4);
		let pool_id = stable_pool::<T>(&caller, 4);
		let pool_account = Pallet::<T>::pool_account(pool_id);
		let claimant: T::AccountId = account("claimant", 0, 0);
		fund_beside_reserves::<T>(&caller, &pool_account);
		Pools::<T>::mutate(pool_id, |pool| {
			if let Some(pool) = pool {
				pool.unclaimed = BoundedVec::truncate_from(vec![TRADE; 4]);
			}
		});
		Unclaimed::<T>::insert(pool_id, &claimant, BoundedVec::truncate_from(vec![TRADE; 4]));
		#[extrinsic_call]
		_(RawOrigin::Signed(claimant.clone()), pool_id);
		assert_eq!(T::Assets::balance(asset::<T>(1), &claimant), TRADE);
		assert!(Unclaimed::<T>::get(pool_id, &claimant).is_none());
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
