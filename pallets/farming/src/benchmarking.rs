//! Benchmarks of pallet-farming (frame-benchmarking v2). Every farm has the most reward
//! streams a farm may have, each paying a pallet-assets token; calls that accrue run on a
//! trading farm whose epoch must close (the costliest accrual: every stream books its epoch and
//! the epoch's rates are stored) or on a farm with a farmer to settle in every stream. `claim`
//! runs among `f` other farmers of its farm, the chain holding the same 10,000 other farmers at
//! every `f`, to show its cost does not depend on how many farm with the claimer.

use super::*;
use defi_primitives::{LendingActivity, OnSharesChanged, OnTrade};
use frame_benchmarking::v2::*;
use frame_support::traits::fungibles::Inspect;
use frame_system::RawOrigin;
use sp_arithmetic::FixedU128;
use sp_runtime::traits::Zero;

/// Benchmark assets have 12 decimals.
const UNIT: Balance = 1_000_000_000_000;
const POOL: defi_primitives::PoolId = 0;
/// Farmers besides the claimer stored in the `claim` benchmark, whatever its farm's share.
const OTHER_FARMERS: u32 = 10_000;

fn set_block<T: Config>(n: u32) {
	frame_system::Pallet::<T>::set_block_number(n.into());
}

/// Block 1 with no farms: a runtime's genesis farms would take the ids and count against
/// `MaxFarms`.
fn start<T: Config>() {
	let _ = Farms::<T>::clear(u32::MAX, None);
	let _ = ProgramFarms::<T>::clear(u32::MAX, None);
	let _ = Farmers::<T>::clear(u32::MAX, None);
	let _ = EpochRewards::<T>::clear(u32::MAX, None);
	FarmCount::<T>::kill();
	set_block::<T>(1);
}

fn funder<T: Config>() -> T::AccountId {
	account("funder", 0, 0)
}

/// `n` streams, each in its own reward asset (seeds from `first_seed`), `funder` funded.
fn configs<T: Config>(n: u32, capped: bool, first_seed: u32) -> RewardConfigsOf<T> {
	let funder = funder::<T>();
	let configs = (first_seed..first_seed + n)
		.map(|seed| RewardConfig {
			asset: T::BenchmarkHelper::reward_asset(seed, &funder),
			rate: UNIT,
			cap_per_volume: capped.then(|| FixedU128::from_u32(1)),
		})
		.collect::<alloc::vec::Vec<_>>();
	BoundedVec::truncate_from(configs)
}

/// A farm of `program` with the most streams, every stream funded, in reward assets from
/// `first_seed` on.
fn farm_paying<T: Config>(program: ProgramOf<T>, epoch_length: u32, first_seed: u32) -> FarmId {
	let trading = matches!(program, FarmProgram::Trading { .. });
	let id = Pallet::<T>::do_create_farm(
		program,
		1u32.into(),
		501u32.into(),
		epoch_length.into(),
		configs::<T>(T::MaxRewards::get(), trading, first_seed),
		None,
	)
	.expect("farm");
	for stream in 0..T::MaxRewards::get() {
		Pallet::<T>::do_fund(&funder::<T>(), id, stream, 1_000_000 * UNIT).expect("fund");
	}
	id
}

fn farm<T: Config>(program: ProgramOf<T>, epoch_length: u32) -> FarmId {
	farm_paying::<T>(program, epoch_length, 0)
}

fn deposit_farm<T: Config>(who: &T::AccountId) -> FarmId {
	let asset = T::BenchmarkHelper::deposit_asset(who);
	farm::<T>(FarmProgram::Deposit(asset), 0)
}

/// A trading farm of 10-block epochs in which `who` traded in epoch 0; at block 11 accrual
/// closes that epoch.
fn trading_farm<T: Config>(who: &T::AccountId) -> FarmId {
	let measured = T::BenchmarkHelper::reward_asset(0, who);
	let id = farm::<T>(FarmProgram::Trading { pool: POOL, measured: measured.clone() }, 10);
	set_block::<T>(2);
	let _ = Pallet::<T>::report_volume(
		&FarmProgram::Trading { pool: POOL, measured },
		who,
		1_000 * UNIT,
	);
	set_block::<T>(11);
	id
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_farm(r: Linear<1, { T::MaxRewards::get() }>) {
		start::<T>();
		let configs = configs::<T>(r, false, 0);
		let program = FarmProgram::Staking(0);
		#[extrinsic_call]
		_(RawOrigin::Root, program, 1u32.into(), 1_001u32.into(), Zero::zero(), configs);
		assert_eq!(FarmCount::<T>::get(), 1);
	}

	/// Funding an underfunded stream: the owed part first, the farm backed again.
	#[benchmark]
	fn fund() {
		start::<T>();
		let who: T::AccountId = account("farmer", 0, 0);
		let id = trading_farm::<T>(&who);
		Farms::<T>::mutate(id, |f| {
			if let Some(f) = f {
				for s in f.streams.iter_mut() {
					s.owed = UNIT;
				}
			}
		});
		#[extrinsic_call]
		_(RawOrigin::Signed(funder::<T>()), id, 0, 2 * UNIT);
		assert!(Farms::<T>::get(id).unwrap().streams[0].owed.is_zero());
	}

	#[benchmark]
	fn withdraw_pot() {
		start::<T>();
		let who: T::AccountId = account("farmer", 0, 0);
		let id = trading_farm::<T>(&who);
		let to: T::AccountId = account("to", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Root, id, 0, UNIT, to.clone());
		let asset = Farms::<T>::get(id).unwrap().streams[0].asset.clone();
		assert!(T::Assets::balance(asset, &to) >= UNIT);
	}

	#[benchmark]
	fn set_rate() {
		start::<T>();
		let who: T::AccountId = account("farmer", 0, 0);
		let id = trading_farm::<T>(&who);
		#[extrinsic_call]
		_(RawOrigin::Root, id, 0, 2 * UNIT);
		assert_eq!(Farms::<T>::get(id).unwrap().streams[0].rate, 2 * UNIT);
	}

	#[benchmark]
	fn set_end() {
		start::<T>();
		let who: T::AccountId = account("farmer", 0, 0);
		let id = trading_farm::<T>(&who);
		#[extrinsic_call]
		_(RawOrigin::Root, id, 511u32.into());
		assert_eq!(Farms::<T>::get(id).unwrap().end, 511u32.into());
	}

	#[benchmark]
	fn stop_farm() {
		start::<T>();
		let who: T::AccountId = account("farmer", 0, 0);
		let id = trading_farm::<T>(&who);
		#[extrinsic_call]
		_(RawOrigin::Root, id);
		assert!(Farms::<T>::get(id).unwrap().stopped);
	}

	#[benchmark]
	fn resume_farm() {
		start::<T>();
		let who: T::AccountId = account("farmer", 0, 0);
		let id = trading_farm::<T>(&who);
		Farms::<T>::mutate(id, |f| {
			if let Some(f) = f {
				f.stopped = true;
			}
		});
		#[extrinsic_call]
		_(RawOrigin::Root, id);
		assert!(!Farms::<T>::get(id).unwrap().stopped);
	}

	/// A second deposit: the farmer settles every stream.
	#[benchmark]
	fn deposit() {
		start::<T>();
		let who: T::AccountId = account("farmer", 0, 0);
		let id = deposit_farm::<T>(&who);
		Pallet::<T>::do_deposit(&who, id, 100 * UNIT).expect("deposit");
		set_block::<T>(20);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), id, 100 * UNIT);
		assert_eq!(Farmers::<T>::get(id, &who).unwrap().shares, 200 * UNIT);
	}

	#[benchmark]
	fn withdraw() {
		start::<T>();
		let who: T::AccountId = account("farmer", 0, 0);
		let id = deposit_farm::<T>(&who);
		Pallet::<T>::do_deposit(&who, id, 100 * UNIT).expect("deposit");
		set_block::<T>(20);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), id, 50 * UNIT);
		assert_eq!(Farmers::<T>::get(id, &who).unwrap().shares, 50 * UNIT);
	}

	/// A claim paying every stream, with `f` other farmers in its farm and the rest of
	/// `OTHER_FARMERS` in a second farm (stored directly: they are never read), so the chain holds
	/// the same state at every `f` and only the claimed farm's farmer count changes.
	#[benchmark]
	fn claim(f: Linear<1, OTHER_FARMERS>) {
		start::<T>();
		let who: T::AccountId = account("farmer", 0, 0);
		let id = deposit_farm::<T>(&who);
		Pallet::<T>::do_deposit(&who, id, 100 * UNIT).expect("deposit");
		let second = farm::<T>(FarmProgram::Staking(0), 0);
		for (farm_id, farmers) in [(id, f), (second, OTHER_FARMERS - f)] {
			let mut farm = Farms::<T>::get(farm_id).expect("farm");
			for i in 0..farmers {
				let other: T::AccountId = account("other", i, farm_id);
				Farmers::<T>::insert(farm_id, other, Farmer { shares: UNIT, ..Default::default() });
				farm.total_shares = farm.total_shares.saturating_add(UNIT);
			}
			Farms::<T>::insert(farm_id, farm);
		}
		set_block::<T>(20);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), id);
		let paid = Farmers::<T>::get(id, &who).unwrap().rewards;
		assert!(paid.iter().all(|r| r.unclaimed.is_zero()));
	}

	/// Claims in `n` farms, every stream of each paying in an asset of its own (so no account
	/// or asset is read twice).
	#[benchmark]
	fn claim_all(n: Linear<1, { T::MaxFarms::get() }>) {
		start::<T>();
		let who: T::AccountId = account("farmer", 0, 0);
		for i in 0..n {
			let id = farm_paying::<T>(FarmProgram::Staking(i), 0, i * T::MaxRewards::get());
			Pallet::<T>::report_shares(&FarmProgram::Staking(i), &who, 100 * UNIT);
			assert_eq!(id, i);
		}
		set_block::<T>(20);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));
		assert!(Farmers::<T>::get(0, &who).unwrap().rewards[0].unclaimed.is_zero());
	}

	/// The lending hook over the `n` farms of one program, a settled farmer in each.
	#[benchmark]
	fn report_shares(n: Linear<1, { T::MaxFarmsPerProgram::get() }>) {
		start::<T>();
		let who: T::AccountId = account("farmer", 0, 0);
		let market = T::BenchmarkHelper::reward_asset(0, &who);
		let activity = LendingActivity::Supply(market);
		for _ in 0..n {
			farm::<T>(FarmProgram::Lending(activity.clone()), 0);
		}
		<Pallet<T> as OnSharesChanged<_, _>>::on_shares_changed(&activity, &who, UNIT);
		set_block::<T>(20);
		#[block]
		{
			<Pallet<T> as OnSharesChanged<_, _>>::on_shares_changed(&activity, &who, 2 * UNIT);
		}
		assert_eq!(Farmers::<T>::get(0, &who).unwrap().shares, 2 * UNIT);
	}

	/// One side of a trade over the `n` trading farms of one pool and asset, each closing the
	/// epoch the trader last traded in.
	#[benchmark]
	fn report_volume(n: Linear<1, { T::MaxFarmsPerProgram::get() }>) {
		start::<T>();
		let who: T::AccountId = account("farmer", 0, 0);
		let measured = T::BenchmarkHelper::reward_asset(0, &who);
		let other = T::BenchmarkHelper::reward_asset(1, &who);
		let program = FarmProgram::Trading { pool: POOL, measured: measured.clone() };
		for _ in 0..n {
			farm::<T>(program.clone(), 10);
		}
		set_block::<T>(2);
		let _ = Pallet::<T>::report_volume(&program, &who, UNIT);
		set_block::<T>(11);
		#[block]
		{
			let _ = <Pallet<T> as OnTrade<_, _>>::on_trade(
				Some(&who),
				POOL,
				&measured,
				UNIT,
				&other,
				1,
			);
		}
		assert!(EpochRewards::<T>::contains_key(0, 0));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_bench_ext(), crate::mock::Test);
}
