//! Unit tests: deposits and accrual, streams, underfunding, stop and resume, activity and
//! trading programs, views, `RewardsPool`. Errors, exploit replays and property tests are in
//! `tests/`.

mod errors;
mod exploits;
mod invariants;

use crate::{
	mock::*, EpochRewards, Error, Event, FarmProgram, FarmStatus, Farmers, Farms, HoldReason,
	RewardConfig,
};
use defi_primitives::{LendingActivity, OnSharesChanged, OnTrade};
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungibles::InspectHold, schedule::DispatchTime, RewardsPool},
};
use sp_arithmetic::FixedU128;

pub(crate) fn held(asset: Asset, who: &AccountId) -> Balance {
	<NativeAndAssetHolds as InspectHold<AccountId>>::balance_on_hold(
		asset,
		&RuntimeHoldReason::Farming(HoldReason::Farming),
		who,
	)
}

/// What `who` would be paid now in each stream of `farm` (the runtime API's figure).
pub(crate) fn pending(farm: u32, who: &AccountId) -> Vec<Balance> {
	Farming::farmer_view(farm, who).map_or(vec![], |v| v.pending.iter().map(|p| p.1).collect())
}

pub(crate) fn deposit(who: &AccountId, farm: u32, amount: Balance) {
	assert_ok!(Farming::deposit(RuntimeOrigin::signed(who.clone()), farm, amount));
}

pub(crate) fn create(
	program: FarmProgram<Asset, Asset>,
	start: u64,
	end: u64,
	epoch: u64,
	configs: Vec<RewardConfig<Asset>>,
) -> u32 {
	let id = crate::FarmCount::<Test>::get();
	assert_ok!(Farming::create_farm(
		RuntimeOrigin::root(),
		program,
		start,
		end,
		epoch,
		rewards(configs)
	));
	id
}

pub(crate) fn fund(farm: u32, stream: u32, amount: Balance) {
	assert_ok!(Farming::fund(RuntimeOrigin::signed(FUNDER), farm, stream, amount));
}

#[test]
fn genesis_creates_and_funds_the_farm() {
	new_test_ext().execute_with(|| {
		let farm = Farms::<Test>::get(0).unwrap();
		assert_eq!(farm.program, FarmProgram::Deposit(LP));
		assert_eq!((farm.start, farm.end), (1, 1001));
		assert_eq!(farm.streams[0].pot, 10_000 * UNIT);
		assert_eq!(balance(REWARD, &Farming::account()), 10_000 * UNIT);
		assert_eq!(balance(REWARD, &FUNDER), INITIAL - 10_000 * UNIT);
		check_state();
	});
}

#[test]
fn rewards_split_by_share_and_are_held_in_place() {
	new_test_ext().execute_with(|| {
		deposit(&ALICE, 0, 100 * UNIT);
		deposit(&BOB, 0, 300 * UNIT);
		assert_eq!(held(LP, &ALICE), 100 * UNIT);
		assert_eq!(balance(LP, &ALICE), INITIAL - 100 * UNIT);
		run_to(11);
		// 10 blocks of 1 UNIT: a quarter to Alice, three quarters to Bob.
		assert_eq!(pending(0, &ALICE), vec![10 * UNIT / 4]);
		assert_eq!(pending(0, &BOB), vec![30 * UNIT / 4]);
		assert_ok!(Farming::claim(RuntimeOrigin::signed(ALICE), 0));
		assert_eq!(balance(REWARD, &ALICE), INITIAL + 10 * UNIT / 4);
		assert_eq!(pending(0, &ALICE), vec![0]);
		assert!(events().contains(&Event::Claimed {
			who: ALICE,
			farm: 0,
			rewards: vec![(REWARD, 10 * UNIT / 4)]
		}));
		check_state();
	});
}

#[test]
fn a_reward_is_the_time_integral_of_the_share() {
	new_test_ext().execute_with(|| {
		deposit(&ALICE, 0, 100 * UNIT);
		run_to(5);
		deposit(&BOB, 0, 100 * UNIT);
		run_to(9);
		assert_ok!(Farming::withdraw(RuntimeOrigin::signed(ALICE), 0, 100 * UNIT));
		run_to(11);
		// Alice: 4 blocks alone, 4 at half; Bob: 4 at half, 2 alone.
		assert_eq!(pending(0, &ALICE), vec![6 * UNIT]);
		assert_eq!(pending(0, &BOB), vec![4 * UNIT]);
		assert_eq!(held(LP, &ALICE), 0);
		assert_eq!(balance(LP, &ALICE), INITIAL);
		assert!(events().contains(&Event::Withdrawn { who: ALICE, farm: 0, amount: 100 * UNIT }));
		check_state();
	});
}

#[test]
fn nothing_accrues_before_the_start_after_the_end_or_without_shares() {
	new_test_ext().execute_with(|| {
		let id = create(FarmProgram::Deposit(LP), 10, 20, 0, vec![reward(REWARD, UNIT)]);
		fund(id, 0, 1_000 * UNIT);
		deposit(&ALICE, id, UNIT);
		assert_eq!(Farming::farm_view(id).unwrap().status, FarmStatus::Scheduled);
		run_to(10);
		assert_eq!(pending(id, &ALICE), vec![0]);
		run_to(30);
		assert_eq!(pending(id, &ALICE), vec![10 * UNIT]);
		assert_eq!(Farming::farm_view(id).unwrap().status, FarmStatus::Ended);
		// Farm 0 had no shares: its pot is untouched.
		run_to(40);
		assert_ok!(Farming::claim(RuntimeOrigin::signed(ALICE), id));
		assert_eq!(Farming::farm_view(0).unwrap().streams[0].pot, 10_000 * UNIT);
		assert_eq!(Farming::farm_view(id).unwrap().streams[0].pot, 990 * UNIT);
		assert_noop!(
			Farming::deposit(RuntimeOrigin::signed(ALICE), id, UNIT),
			Error::<Test>::FarmEnded
		);
		check_state();
	});
}

#[test]
fn a_stopped_farm_never_pays_for_the_stopped_period() {
	new_test_ext().execute_with(|| {
		deposit(&ALICE, 0, UNIT);
		run_to(5);
		assert_ok!(Farming::stop_farm(RuntimeOrigin::root(), 0));
		assert_eq!(Farming::farm_view(0).unwrap().status, FarmStatus::Stopped);
		run_to(50);
		assert_eq!(pending(0, &ALICE), vec![4 * UNIT]);
		assert_ok!(Farming::resume_farm(RuntimeOrigin::root(), 0));
		run_to(52);
		assert_eq!(pending(0, &ALICE), vec![6 * UNIT]);
		assert!(events().contains(&Event::Stopped { farm: 0 }));
		assert!(events().contains(&Event::Resumed { farm: 0 }));
		check_state();
	});
}

#[test]
fn an_empty_pot_makes_the_farm_underfunded_and_a_top_up_pays_what_was_owed() {
	new_test_ext().execute_with(|| {
		let id = create(FarmProgram::Deposit(LP), 1, 1000, 0, vec![reward(REWARD, UNIT)]);
		fund(id, 0, 5 * UNIT);
		deposit(&ALICE, id, UNIT);
		run_to(11);
		let view = Farming::farm_view(id).unwrap();
		assert_eq!(view.status, FarmStatus::Underfunded);
		assert_eq!((view.streams[0].claimable, view.streams[0].owed), (5 * UNIT, 5 * UNIT));
		// Accrual goes on: the record shows all 10 blocks, a claim pays the backed 5.
		assert_eq!(
			Farming::farmer_view(id, &ALICE).unwrap().pending,
			vec![(REWARD, 10 * UNIT, 5 * UNIT)]
		);
		assert_ok!(Farming::claim(RuntimeOrigin::signed(ALICE), id));
		assert!(events().contains(&Event::Underfunded { farm: id, stream: 0, owed: 5 * UNIT }));
		assert_eq!(balance(REWARD, &ALICE), INITIAL + 5 * UNIT);
		assert_eq!(pending(id, &ALICE), vec![5 * UNIT]);
		assert_noop!(
			Farming::claim(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::NothingToClaim
		);
		fund(id, 0, 8 * UNIT);
		assert!(events().contains(&Event::Funded {
			farm: id,
			stream: 0,
			funder: FUNDER,
			amount: 8 * UNIT,
			to_owed: 5 * UNIT
		}));
		assert!(events().contains(&Event::Refunded { farm: id, stream: 0 }));
		assert_eq!(Farming::farm_view(id).unwrap().status, FarmStatus::Active);
		assert_eq!(Farming::farm_view(id).unwrap().streams[0].pot, 3 * UNIT);
		assert_ok!(Farming::claim(RuntimeOrigin::signed(ALICE), id));
		assert_eq!(balance(REWARD, &ALICE), INITIAL + 10 * UNIT);
		check_state();
	});
}

#[test]
fn several_reward_streams_accrue_independently() {
	new_test_ext().execute_with(|| {
		let id = create(
			FarmProgram::Deposit(LP),
			1,
			1000,
			0,
			vec![reward(REWARD, UNIT), reward(REWARD2, 3 * UNIT)],
		);
		fund(id, 0, 100 * UNIT);
		fund(id, 1, 100 * UNIT);
		deposit(&ALICE, id, UNIT);
		run_to(6);
		assert_eq!(pending(id, &ALICE), vec![5 * UNIT, 15 * UNIT]);
		assert_ok!(Farming::set_rate(RuntimeOrigin::root(), id, 1, 0));
		run_to(11);
		assert_eq!(pending(id, &ALICE), vec![10 * UNIT, 15 * UNIT]);
		assert_ok!(Farming::claim_all(RuntimeOrigin::signed(ALICE)));
		assert_eq!(balance(REWARD2, &ALICE), INITIAL + 15 * UNIT);
		assert!(events().contains(&Event::RateChanged { farm: id, stream: 1, rate: 0 }));
		check_state();
	});
}

#[test]
fn lending_and_staking_activity_earn_through_the_hooks() {
	new_test_ext().execute_with(|| {
		let supply = create(
			FarmProgram::Lending(LendingActivity::Supply(USDT)),
			1,
			1000,
			0,
			vec![reward(REWARD, UNIT)],
		);
		let staking = create(FarmProgram::Staking(3), 1, 1000, 0, vec![reward(REWARD, UNIT)]);
		fund(supply, 0, 100 * UNIT);
		fund(staking, 0, 100 * UNIT);
		<Farming as OnSharesChanged<AccountId, LendingActivity<Asset>>>::on_shares_changed(
			&LendingActivity::Supply(USDT),
			&ALICE,
			300,
		);
		<Farming as OnSharesChanged<AccountId, LendingActivity<Asset>>>::on_shares_changed(
			&LendingActivity::Supply(USDT),
			&BOB,
			100,
		);
		// Another market's report is not this farm's.
		<Farming as OnSharesChanged<AccountId, LendingActivity<Asset>>>::on_shares_changed(
			&LendingActivity::Borrow(USDT),
			&BOB,
			10_000,
		);
		<Farming as OnSharesChanged<AccountId, u32>>::on_shares_changed(&3, &CHARLIE, 5);
		assert!(events().contains(&Event::SharesUpdated { who: ALICE, farm: supply, shares: 300 }));
		run_to(5);
		<Farming as OnSharesChanged<AccountId, LendingActivity<Asset>>>::on_shares_changed(
			&LendingActivity::Supply(USDT),
			&ALICE,
			0,
		);
		run_to(9);
		assert_eq!(pending(supply, &ALICE), vec![3 * UNIT]);
		assert_eq!(pending(supply, &BOB), vec![UNIT + 4 * UNIT]);
		assert_eq!(pending(staking, &CHARLIE), vec![8 * UNIT]);
		assert_noop!(
			Farming::deposit(RuntimeOrigin::signed(ALICE), supply, UNIT),
			Error::<Test>::NotDepositFarm
		);
		check_state();
	});
}

fn trade(who: &AccountId, usdt_in: Balance, usdt_out: Balance) {
	if usdt_in > 0 {
		let _ = <Farming as OnTrade<AccountId, Asset>>::on_trade(
			Some(who),
			7,
			&USDT,
			usdt_in,
			&NATIVE,
			1,
		);
	}
	if usdt_out > 0 {
		let _ = <Farming as OnTrade<AccountId, Asset>>::on_trade(
			Some(who),
			7,
			&NATIVE,
			1,
			&USDT,
			usdt_out,
		);
	}
}

#[test]
fn trading_volume_earns_its_share_of_each_epoch_once_the_epoch_closes() {
	new_test_ext().execute_with(|| {
		let id = create(
			FarmProgram::Trading { pool: 7, measured: USDT },
			1,
			101,
			10,
			vec![reward(REWARD, UNIT)],
		);
		fund(id, 0, 1_000 * UNIT);
		trade(&ALICE, 100, 0);
		trade(&BOB, 0, 300);
		// A credit swap (no account) and another pool count for nobody.
		let _ = <Farming as OnTrade<AccountId, Asset>>::on_trade(None, 7, &USDT, 1_000, &NATIVE, 1);
		let _ = <Farming as OnTrade<AccountId, Asset>>::on_trade(
			Some(&CHARLIE),
			8,
			&USDT,
			1_000,
			&NATIVE,
			1,
		);
		run_to(10);
		assert_eq!(pending(id, &ALICE), vec![0]);
		assert_eq!(Farming::farm_view(id).unwrap().epoch_volume, 400);
		run_to(11);
		// Epoch 0 is blocks [1, 11): 10 UNIT over 400 of volume.
		assert_eq!(pending(id, &ALICE), vec![10 * UNIT / 4]);
		assert_eq!(pending(id, &BOB), vec![30 * UNIT / 4]);
		assert!(Farming::farmer_view(id, &CHARLIE).is_none());
		// An epoch nobody trades in emits nothing; Alice trades again in epoch 3.
		run_to(31);
		trade(&ALICE, 50, 0);
		run_to(45);
		assert_ok!(Farming::claim(RuntimeOrigin::signed(ALICE), id));
		assert_eq!(balance(REWARD, &ALICE), INITIAL + 10 * UNIT / 4 + 10 * UNIT);
		assert!(EpochRewards::<Test>::contains_key(id, 0));
		assert!(!EpochRewards::<Test>::contains_key(id, 1));
		// Epochs 0 and 3 booked 10 UNIT each; the rest never left the pot.
		assert_eq!(Farming::farm_view(id).unwrap().streams[0].pot, 980 * UNIT);
		check_state();
	});
}

#[test]
fn a_trading_epoch_pays_at_most_the_cap_per_unit_of_volume() {
	new_test_ext().execute_with(|| {
		let cap = FixedU128::from_rational(1, 1_000);
		let id = create(
			FarmProgram::Trading { pool: 7, measured: USDT },
			1,
			101,
			10,
			vec![RewardConfig { asset: REWARD, rate: UNIT, cap_per_volume: Some(cap) }],
		);
		fund(id, 0, 1_000 * UNIT);
		trade(&ALICE, 1_000 * UNIT, 0);
		run_to(11);
		// 10 UNIT emitted, 1,000 UNIT of volume at 0.001: 1 UNIT paid, 9 stay in the pot.
		assert_eq!(pending(id, &ALICE), vec![UNIT]);
		assert_ok!(Farming::claim(RuntimeOrigin::signed(ALICE), id));
		assert_eq!(balance(REWARD, &ALICE), INITIAL + UNIT);
		assert_eq!(Farming::farm_view(id).unwrap().streams[0].pot, 999 * UNIT);
		assert!(events().contains(&Event::EpochClosed {
			farm: id,
			epoch: 0,
			volume: 1_000 * UNIT,
			rewarded: vec![UNIT]
		}));
		check_state();
	});
}

#[test]
fn views_show_status_shares_and_apr() {
	new_test_ext().execute_with(|| {
		deposit(&ALICE, 0, 1_000 * UNIT);
		assert_eq!(Farming::farm_view(0).unwrap().streams[0].apr, None);
		Prices::set(vec![(REWARD_ID, FixedU128::from_u32(2))]);
		ShareUsd::set(Some(FixedU128::from_u32(10)));
		let view = Farming::farm_view(0).unwrap();
		assert_eq!(view.status, FarmStatus::Active);
		assert_eq!(view.total_shares, 1_000 * UNIT);
		assert_eq!(view.total_value, Some(FixedU128::from_u32(10_000)));
		// 1 UNIT a block at $2 over $10,000, a year of blocks.
		assert_eq!(
			view.streams[0].apr,
			Some(FixedU128::from_rational(2 * BLOCKS_PER_YEAR as u128, 10_000))
		);
		assert_eq!(Farming::farm_views().len(), 1);
		assert_eq!(Farming::farmer_views(&ALICE).len(), 1);
		assert!(Farming::farmer_views(&BOB).is_empty());
		// A view accrues nothing in storage.
		run_to(3);
		let before = Farms::<Test>::get(0);
		let _ = Farming::farm_view(0);
		let _ = Farming::farmer_view(0, &ALICE);
		assert_eq!(Farms::<Test>::get(0), before);
	});
}

#[test]
fn rewards_pool_creates_and_manages_a_deposit_farm() {
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
		let farm = Farms::<Test>::get(id).unwrap();
		assert_eq!((farm.start, farm.end, farm.admin.clone()), (1, 101, Some(BOB)));
		assert_noop!(
			<Farming as RewardsPool<AccountId>>::set_pool_reward_rate_per_block(&BOB, id, UNIT / 2),
			Error::<Test>::RateDecrease
		);
		assert_noop!(
			<Farming as RewardsPool<AccountId>>::set_pool_reward_rate_per_block(
				&ALICE,
				id,
				2 * UNIT
			),
			Error::<Test>::NotFarmAdmin
		);
		assert_ok!(<Farming as RewardsPool<AccountId>>::set_pool_reward_rate_per_block(
			&BOB,
			id,
			2 * UNIT
		));
		assert_noop!(
			<Farming as RewardsPool<AccountId>>::set_pool_expiry_block(
				&BOB,
				id,
				DispatchTime::At(50)
			),
			Error::<Test>::EndNotExtended
		);
		assert_ok!(<Farming as RewardsPool<AccountId>>::set_pool_expiry_block(
			&BOB,
			id,
			DispatchTime::At(500)
		));
		assert_ok!(<Farming as RewardsPool<AccountId>>::set_pool_admin(&BOB, id, CHARLIE));
		assert_eq!(Farms::<Test>::get(id).unwrap().admin, Some(CHARLIE));
		// The admin account manages through the calls too, but only its own farm.
		assert_ok!(Farming::stop_farm(RuntimeOrigin::signed(CHARLIE), id));
		assert_noop!(
			Farming::stop_farm(RuntimeOrigin::signed(CHARLIE), 0),
			Error::<Test>::NotFarmAdmin
		);
		fund(id, 0, 10 * UNIT);
		assert_ok!(Farming::withdraw_pot(
			RuntimeOrigin::signed(CHARLIE),
			id,
			0,
			10 * UNIT,
			CHARLIE
		));
		assert_eq!(balance(REWARD, &CHARLIE), INITIAL + 10 * UNIT);
		check_state();
	});
}

#[test]
fn the_pot_can_be_withdrawn_only_where_nothing_accrued() {
	new_test_ext().execute_with(|| {
		deposit(&ALICE, 0, UNIT);
		run_to(11);
		// 10 accrued: 9,990 are left to take.
		assert_noop!(
			Farming::withdraw_pot(RuntimeOrigin::root(), 0, 0, 9_991 * UNIT, BOB),
			Error::<Test>::PotInsufficient
		);
		assert_ok!(Farming::withdraw_pot(RuntimeOrigin::root(), 0, 0, 9_990 * UNIT, BOB));
		assert_eq!(balance(REWARD, &BOB), INITIAL + 9_990 * UNIT);
		run_to(12);
		assert_eq!(Farming::farm_view(0).unwrap().status, FarmStatus::Underfunded);
		assert_ok!(Farming::claim(RuntimeOrigin::signed(ALICE), 0));
		assert_eq!(balance(REWARD, &ALICE), INITIAL + 10 * UNIT);
		check_state();
	});
}

#[test]
fn an_emptied_entry_is_removed() {
	new_test_ext().execute_with(|| {
		deposit(&ALICE, 0, UNIT);
		run_to(3);
		assert_ok!(Farming::withdraw(RuntimeOrigin::signed(ALICE), 0, UNIT));
		assert!(Farmers::<Test>::contains_key(0, &ALICE));
		assert_ok!(Farming::claim(RuntimeOrigin::signed(ALICE), 0));
		assert!(!Farmers::<Test>::contains_key(0, &ALICE));
		check_state();
	});
}
