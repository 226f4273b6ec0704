//! Every `Error` variant, each rejected without a change of state.

use super::*;
use sp_runtime::DispatchError;

fn lp_farm(start: u64, end: u64) -> Result<(), sp_runtime::DispatchError> {
	Farming::create_farm(
		RuntimeOrigin::root(),
		FarmProgram::Deposit(LP),
		start,
		end,
		0,
		rewards(vec![reward(REWARD, UNIT)]),
	)
}

#[test]
fn farm_not_found() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Farming::deposit(RuntimeOrigin::signed(ALICE), 9, UNIT),
			Error::<Test>::FarmNotFound
		);
		assert_noop!(
			Farming::fund(RuntimeOrigin::signed(ALICE), 9, 0, UNIT),
			Error::<Test>::FarmNotFound
		);
		assert_noop!(Farming::stop_farm(RuntimeOrigin::root(), 9), Error::<Test>::FarmNotFound);
		assert_noop!(Farming::claim(RuntimeOrigin::signed(ALICE), 9), Error::<Test>::FarmNotFound);
	});
}

#[test]
fn stream_not_found() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Farming::fund(RuntimeOrigin::signed(ALICE), 0, 1, UNIT),
			Error::<Test>::StreamNotFound
		);
		assert_noop!(
			Farming::set_rate(RuntimeOrigin::root(), 0, 1, UNIT),
			Error::<Test>::StreamNotFound
		);
	});
}

#[test]
fn too_many_farms() {
	new_test_ext().execute_with(|| {
		// One per program, so the per-program bound is not what stops it.
		for i in 1..MAX_FARMS {
			assert_ok!(Farming::create_farm(
				RuntimeOrigin::root(),
				FarmProgram::Staking(i),
				1,
				10,
				0,
				rewards(vec![reward(REWARD, UNIT)])
			));
		}
		assert_noop!(lp_farm(1, 10), Error::<Test>::TooManyFarms);
	});
}

#[test]
fn too_many_program_farms() {
	new_test_ext().execute_with(|| {
		for _ in 1..MAX_PROGRAM_FARMS {
			assert_ok!(lp_farm(1, 10));
		}
		assert_noop!(lp_farm(1, 10), Error::<Test>::TooManyProgramFarms);
	});
}

#[test]
fn invalid_farm() {
	new_test_ext().execute_with(|| {
		run_to(5);
		let trading = FarmProgram::Trading { pool: 7, measured: USDT };
		let capped = RewardConfig {
			asset: REWARD,
			rate: UNIT,
			cap_per_volume: Some(FixedU128::from_rational(1, 10)),
		};
		let cases: Vec<(FarmProgram<Asset, Asset>, u64, u64, u64, Vec<RewardConfig<Asset>>)> = vec![
			// No stream.
			(FarmProgram::Deposit(LP), 1, 10, 0, vec![]),
			// End not after the start, or not after now.
			(FarmProgram::Deposit(LP), 10, 10, 0, vec![reward(REWARD, UNIT)]),
			(FarmProgram::Deposit(LP), 1, 5, 0, vec![reward(REWARD, UNIT)]),
			// An epoch length on a deposit farm; a cap on a deposit farm.
			(FarmProgram::Deposit(LP), 1, 10, 3, vec![reward(REWARD, UNIT)]),
			(FarmProgram::Deposit(LP), 1, 10, 0, vec![capped.clone()]),
			// A trading farm without an epoch, one not dividing its length, too many epochs.
			(trading.clone(), 1, 11, 0, vec![capped.clone()]),
			(trading.clone(), 1, 11, 3, vec![capped.clone()]),
			(trading, 1, 1 + 2 * MAX_EPOCHS as u64, 1, vec![capped]),
		];
		for (program, start, end, epoch, configs) in cases {
			assert_noop!(
				Farming::create_farm(
					RuntimeOrigin::root(),
					program,
					start,
					end,
					epoch,
					rewards(configs)
				),
				Error::<Test>::InvalidFarm
			);
		}
		// Extending a trading farm off its epochs.
		let id = create(
			FarmProgram::Trading { pool: 7, measured: USDT },
			1,
			21,
			10,
			vec![reward(REWARD, UNIT)],
		);
		assert_noop!(Farming::set_end(RuntimeOrigin::root(), id, 25), Error::<Test>::InvalidFarm);
	});
}

#[test]
fn not_farm_admin() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Farming::stop_farm(RuntimeOrigin::signed(ALICE), 0),
			Error::<Test>::NotFarmAdmin
		);
		assert_noop!(
			Farming::withdraw_pot(RuntimeOrigin::signed(ALICE), 0, 0, UNIT, ALICE),
			Error::<Test>::NotFarmAdmin
		);
		// Creation takes the admin origin itself.
		assert_noop!(
			Farming::create_farm(
				RuntimeOrigin::signed(ALICE),
				FarmProgram::Deposit(LP),
				1,
				10,
				0,
				rewards(vec![reward(REWARD, UNIT)])
			),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn rate_decrease() {
	new_test_ext().execute_with(|| {
		let id = <Farming as RewardsPool<AccountId>>::create_pool(
			&BOB,
			LP,
			REWARD,
			UNIT,
			DispatchTime::After(100),
			&BOB,
		)
		.unwrap();
		assert_noop!(
			Farming::set_rate(RuntimeOrigin::signed(BOB), id, 0, UNIT - 1),
			Error::<Test>::RateDecrease
		);
		// The admin origin may lower it.
		assert_ok!(Farming::set_rate(RuntimeOrigin::root(), id, 0, 0));
	});
}

#[test]
fn end_not_extended() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Farming::set_end(RuntimeOrigin::root(), 0, 1001),
			Error::<Test>::EndNotExtended
		);
		assert_noop!(
			Farming::set_end(RuntimeOrigin::root(), 0, 500),
			Error::<Test>::EndNotExtended
		);
		assert_ok!(Farming::set_end(RuntimeOrigin::root(), 0, 1002));
		assert!(events().contains(&Event::EndChanged { farm: 0, end: 1002 }));
	});
}

#[test]
fn zero_amount() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Farming::deposit(RuntimeOrigin::signed(ALICE), 0, 0),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			Farming::withdraw(RuntimeOrigin::signed(ALICE), 0, 0),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			Farming::fund(RuntimeOrigin::signed(ALICE), 0, 0, 0),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			Farming::withdraw_pot(RuntimeOrigin::root(), 0, 0, 0, ALICE),
			Error::<Test>::ZeroAmount
		);
	});
}

#[test]
fn pot_insufficient() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Farming::withdraw_pot(RuntimeOrigin::root(), 0, 0, 10_000 * UNIT + 1, ALICE),
			Error::<Test>::PotInsufficient
		);
		// A trading epoch's collected emission is promised to its traders.
		let id = create(
			FarmProgram::Trading { pool: 7, measured: USDT },
			1,
			21,
			10,
			vec![reward(REWARD, UNIT)],
		);
		fund(id, 0, 100 * UNIT);
		run_to(5);
		assert_noop!(
			Farming::withdraw_pot(RuntimeOrigin::root(), id, 0, 97 * UNIT, ALICE),
			Error::<Test>::PotInsufficient
		);
		assert_ok!(Farming::withdraw_pot(RuntimeOrigin::root(), id, 0, 96 * UNIT, ALICE));
	});
}

#[test]
fn not_deposit_farm() {
	new_test_ext().execute_with(|| {
		let id = create(FarmProgram::Staking(1), 1, 10, 0, vec![reward(REWARD, UNIT)]);
		assert_noop!(
			Farming::deposit(RuntimeOrigin::signed(ALICE), id, UNIT),
			Error::<Test>::NotDepositFarm
		);
		assert_noop!(
			Farming::withdraw(RuntimeOrigin::signed(ALICE), id, UNIT),
			Error::<Test>::NotDepositFarm
		);
	});
}

#[test]
fn farm_ended() {
	new_test_ext().execute_with(|| {
		run_to(1001);
		assert_noop!(
			Farming::deposit(RuntimeOrigin::signed(ALICE), 0, UNIT),
			Error::<Test>::FarmEnded
		);
	});
}

#[test]
fn already_stopped_and_not_stopped() {
	new_test_ext().execute_with(|| {
		assert_noop!(Farming::resume_farm(RuntimeOrigin::root(), 0), Error::<Test>::NotStopped);
		assert_ok!(Farming::stop_farm(RuntimeOrigin::root(), 0));
		assert_noop!(Farming::stop_farm(RuntimeOrigin::root(), 0), Error::<Test>::AlreadyStopped);
	});
}

#[test]
fn insufficient_shares() {
	new_test_ext().execute_with(|| {
		deposit(&ALICE, 0, UNIT);
		assert_noop!(
			Farming::withdraw(RuntimeOrigin::signed(ALICE), 0, UNIT + 1),
			Error::<Test>::InsufficientShares
		);
		// Another account's deposit is not withdrawable.
		assert_noop!(
			Farming::withdraw(RuntimeOrigin::signed(BOB), 0, 1),
			Error::<Test>::InsufficientShares
		);
	});
}

#[test]
fn nothing_to_claim() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Farming::claim(RuntimeOrigin::signed(ALICE), 0),
			Error::<Test>::NothingToClaim
		);
		assert_noop!(
			Farming::claim_all(RuntimeOrigin::signed(ALICE)),
			Error::<Test>::NothingToClaim
		);
		deposit(&ALICE, 0, UNIT);
		// Same block: nothing accrued yet.
		assert_noop!(
			Farming::claim(RuntimeOrigin::signed(ALICE), 0),
			Error::<Test>::NothingToClaim
		);
	});
}

#[test]
fn overflow() {
	new_test_ext().execute_with(|| {
		deposit(&ALICE, 0, UNIT);
		// A deposit whose shares would take the farm's total past `Balance::MAX` is refused
		// whole (the hold it placed included), as is funding past `Balance::MAX`. The totals
		// are set near the limit directly: real balances cannot reach it.
		let real = Farms::<Test>::get(0).unwrap();
		Farms::<Test>::mutate(0, |f| {
			let f = f.as_mut().unwrap();
			f.total_shares = Balance::MAX - UNIT / 2;
			f.streams[0].funded = Balance::MAX - UNIT / 2;
		});
		assert_noop!(
			Farming::deposit(RuntimeOrigin::signed(BOB), 0, UNIT),
			Error::<Test>::Overflow
		);
		assert_noop!(
			Farming::fund(RuntimeOrigin::signed(FUNDER), 0, 0, UNIT),
			Error::<Test>::Overflow
		);
		Farms::<Test>::insert(0, real);
		check_state();
		// Shares only come from holds or hooks; a hook reporting an impossible total is
		// refused by the farm (and logged by the hook) without a change.
		let mut farm = Farms::<Test>::get(0).unwrap();
		let before = Farms::<Test>::get(0);
		assert_eq!(
			Farming::update_shares(0, &mut farm, &BOB, |_| Ok(Balance::MAX)),
			Err(Error::<Test>::Overflow.into())
		);
		assert_eq!(Farms::<Test>::get(0), before);
		assert!(!Farmers::<Test>::contains_key(0, &BOB));
		let id = create(FarmProgram::Staking(1), 1, 10, 0, vec![reward(REWARD, UNIT)]);
		<Farming as OnSharesChanged<AccountId, u32>>::on_shares_changed(&1, &ALICE, Balance::MAX);
		<Farming as OnSharesChanged<AccountId, u32>>::on_shares_changed(&1, &BOB, 1);
		assert_eq!(Farms::<Test>::get(id).unwrap().total_shares, Balance::MAX);
		assert!(!Farmers::<Test>::contains_key(id, &BOB));
		check_state();
	});
}
