//! Every `Error` variant, each rejected with nothing changed.

use super::*;
use sp_arithmetic::FixedU128;

#[test]
fn product_not_found() {
	new_test_ext().execute_with(|| {
		let e = || Error::<Test>::ProductNotFound;
		assert_noop!(TermStaking::fund(RuntimeOrigin::signed(ALICE), 9, UNIT), e());
		assert_noop!(TermStaking::stake(RuntimeOrigin::signed(BOB), 9, UNIT), e());
		assert_noop!(TermStaking::update_product(RuntimeOrigin::root(), 9, native_terms()), e());
		assert_noop!(TermStaking::withdraw_pot(RuntimeOrigin::root(), 9, UNIT, ALICE), e());
	});
}

#[test]
fn product_closed() {
	new_test_ext().execute_with(|| {
		fund(0, 100 * UNIT);
		let closed = ProductTerms { open: false, ..native_terms() };
		assert_ok!(TermStaking::update_product(RuntimeOrigin::root(), 0, closed));
		assert_noop!(
			TermStaking::stake(RuntimeOrigin::signed(BOB), 0, 10 * UNIT),
			Error::<Test>::ProductClosed
		);
	});
}

#[test]
fn invalid_terms() {
	new_test_ext().execute_with(|| {
		let base = native_terms();
		let bad = [
			ProductTerms { term: 0, ..base },
			ProductTerms { min_stake: 0, ..base },
			ProductTerms { min_stake: base.max_stake + 1, ..base },
			ProductTerms { max_stake: base.capacity + 1, ..base },
			ProductTerms { apr: FixedU128::from_u32(10) + FixedU128::from_inner(1), ..base },
			ProductTerms { early_exit_penalty: Some(Permill::one()), ..base },
		];
		for terms in bad {
			assert_noop!(
				TermStaking::create_product(RuntimeOrigin::root(), NATIVE, NATIVE, terms),
				Error::<Test>::InvalidTerms
			);
			assert_noop!(
				TermStaking::update_product(RuntimeOrigin::root(), 0, terms),
				Error::<Test>::InvalidTerms
			);
		}
	});
}

#[test]
fn early_exit_needs_same_asset() {
	new_test_ext().execute_with(|| {
		let terms =
			ProductTerms { early_exit_penalty: Some(Permill::from_percent(1)), ..usdt_terms() };
		assert_noop!(
			TermStaking::create_product(RuntimeOrigin::root(), USDT, REWARD, terms),
			Error::<Test>::EarlyExitNeedsSameAsset
		);
		assert_noop!(
			TermStaking::update_product(RuntimeOrigin::root(), 1, terms),
			Error::<Test>::EarlyExitNeedsSameAsset
		);
	});
}

#[test]
fn too_many_products() {
	new_test_ext().execute_with(|| {
		for _ in 2..8 {
			assert_ok!(TermStaking::create_product(
				RuntimeOrigin::root(),
				NATIVE,
				NATIVE,
				native_terms()
			));
		}
		assert_noop!(
			TermStaking::create_product(RuntimeOrigin::root(), NATIVE, NATIVE, native_terms()),
			Error::<Test>::TooManyProducts
		);
	});
}

#[test]
fn zero_amount() {
	new_test_ext().execute_with(|| {
		fund(0, 100 * UNIT);
		let e = || Error::<Test>::ZeroAmount;
		assert_noop!(TermStaking::fund(RuntimeOrigin::signed(ALICE), 0, 0), e());
		assert_noop!(TermStaking::withdraw_pot(RuntimeOrigin::root(), 0, 0, ALICE), e());
		assert_noop!(TermStaking::stake(RuntimeOrigin::signed(BOB), 0, 0), e());
	});
}

#[test]
fn stake_limits() {
	new_test_ext().execute_with(|| {
		fund(0, 100_000 * UNIT);
		assert_noop!(
			TermStaking::stake(RuntimeOrigin::signed(BOB), 0, UNIT - 1),
			Error::<Test>::BelowMinimumStake
		);
		assert_noop!(
			TermStaking::stake(RuntimeOrigin::signed(BOB), 0, 100_000 * UNIT + 1),
			Error::<Test>::AboveMaximumStake
		);
		assert_ok!(TermStaking::stake(RuntimeOrigin::signed(BOB), 0, 100_000 * UNIT));
		assert_ok!(TermStaking::stake(RuntimeOrigin::signed(CHARLIE), 0, 99_999 * UNIT));
		assert_noop!(
			TermStaking::stake(RuntimeOrigin::signed(ALICE), 0, 2 * UNIT),
			Error::<Test>::CapacityExceeded
		);
		assert_ok!(TermStaking::stake(RuntimeOrigin::signed(ALICE), 0, UNIT));
	});
}

#[test]
fn pot_insufficient() {
	new_test_ext().execute_with(|| {
		// A pot of 0.001 tokens covers the reward of at most 525.6 tokens for 10 blocks at
		// 100 % (amount × 10 / 5,256,000); 1,000 tokens need 0.0019 tokens of reward.
		fund(0, UNIT / 1_000);
		assert_noop!(
			TermStaking::stake(RuntimeOrigin::signed(BOB), 0, 1_000 * UNIT),
			Error::<Test>::PotInsufficient
		);
		assert_noop!(
			TermStaking::withdraw_pot(RuntimeOrigin::root(), 0, UNIT / 1_000 + 1, ALICE),
			Error::<Test>::PotInsufficient
		);
		// What is reserved cannot be withdrawn.
		assert_ok!(TermStaking::stake(RuntimeOrigin::signed(BOB), 0, 500 * UNIT));
		let available = Products::<Test>::get(0).unwrap().available;
		assert!(available < UNIT);
		assert_noop!(
			TermStaking::withdraw_pot(RuntimeOrigin::root(), 0, available + 1, ALICE),
			Error::<Test>::PotInsufficient
		);
	});
}

#[test]
fn zero_reward() {
	new_test_ext().execute_with(|| {
		fund(0, 100 * UNIT);
		let terms = ProductTerms { min_stake: 1, ..native_terms() };
		assert_ok!(TermStaking::update_product(RuntimeOrigin::root(), 0, terms));
		// 525,599 base units for 10 blocks at 100 % earn 0.99… base units.
		assert_noop!(
			TermStaking::stake(RuntimeOrigin::signed(BOB), 0, 525_599),
			Error::<Test>::ZeroReward
		);
		assert_ok!(TermStaking::stake(RuntimeOrigin::signed(BOB), 0, 525_600));
		assert_eq!(Positions::<Test>::get(0).unwrap().reward, 1);
	});
}

#[test]
fn too_many_positions() {
	new_test_ext().execute_with(|| {
		fund(0, 100 * UNIT);
		for _ in 0..MAX_POSITIONS {
			assert_ok!(TermStaking::stake(RuntimeOrigin::signed(BOB), 0, UNIT));
		}
		assert_noop!(
			TermStaking::stake(RuntimeOrigin::signed(BOB), 0, UNIT),
			Error::<Test>::TooManyPositions
		);
	});
}

#[test]
fn position_errors() {
	new_test_ext().execute_with(|| {
		fund(0, 100 * UNIT);
		fund(1, 100 * UNIT);
		assert_ok!(TermStaking::stake(RuntimeOrigin::signed(BOB), 0, 10 * UNIT));
		assert_ok!(TermStaking::stake(RuntimeOrigin::signed(BOB), 1, 10 * UNIT));
		assert_noop!(
			TermStaking::redeem(RuntimeOrigin::signed(BOB), 7),
			Error::<Test>::PositionNotFound
		);
		assert_noop!(
			TermStaking::exit_early(RuntimeOrigin::signed(BOB), 7),
			Error::<Test>::PositionNotFound
		);
		assert_noop!(
			TermStaking::redeem(RuntimeOrigin::signed(CHARLIE), 0),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			TermStaking::exit_early(RuntimeOrigin::signed(CHARLIE), 0),
			Error::<Test>::NotOwner
		);
		assert_noop!(TermStaking::redeem(RuntimeOrigin::signed(BOB), 0), Error::<Test>::NotMatured);
		assert_noop!(
			TermStaking::exit_early(RuntimeOrigin::signed(BOB), 1),
			Error::<Test>::EarlyExitDisabled
		);
		run_to(11);
		assert_noop!(
			TermStaking::exit_early(RuntimeOrigin::signed(BOB), 0),
			Error::<Test>::AlreadyMatured
		);
	});
}

#[test]
fn overflow() {
	new_test_ext().execute_with(|| {
		let huge = ProductTerms {
			term: BLOCKS_PER_YEAR,
			apr: FixedU128::from_u32(10),
			min_stake: 1,
			max_stake: Balance::MAX,
			capacity: Balance::MAX,
			open: true,
			early_exit_penalty: None,
		};
		assert_ok!(TermStaking::create_product(RuntimeOrigin::root(), NATIVE, NATIVE, huge));
		// Ten times the principal does not fit a balance; the reward is computed before any
		// funds move.
		assert_noop!(
			TermStaking::stake(RuntimeOrigin::signed(BOB), 2, Balance::MAX / 2),
			Error::<Test>::Overflow
		);
	});
}

#[test]
fn admin_calls_need_the_admin_origin() {
	new_test_ext().execute_with(|| {
		let bad = sp_runtime::DispatchError::BadOrigin;
		assert_noop!(
			TermStaking::create_product(
				RuntimeOrigin::signed(ALICE),
				NATIVE,
				NATIVE,
				native_terms()
			),
			bad
		);
		assert_noop!(
			TermStaking::update_product(RuntimeOrigin::signed(ALICE), 0, native_terms()),
			bad
		);
		assert_noop!(TermStaking::withdraw_pot(RuntimeOrigin::signed(ALICE), 0, 1, ALICE), bad);
	});
}
