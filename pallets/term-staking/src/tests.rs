//! Unit tests: products and pots, staking, redemption, early exit, views. Errors, exploit
//! replays and property tests are in `tests/`.

mod errors;
mod exploits;
mod invariants;

use crate::{
	mock::*, AccountPositions, Error, Event, HoldReason, Positions, ProductCount, ProductId,
	ProductTerms, Products, Stakes,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::InspectHold as _,
		fungibles::{Inspect, InspectHold},
		tokens::{Fortitude, Preservation},
	},
};
use sp_arithmetic::Permill;
use sp_runtime::BuildStorage;

/// Everything `who` has of `asset`, held included (what a wallet shows).
pub(crate) fn balance(asset: &Asset, who: &AccountId) -> Balance {
	<NativeAndAssets as Inspect<AccountId>>::total_balance(asset.clone(), who)
}

pub(crate) fn free(asset: &Asset, who: &AccountId) -> Balance {
	<NativeAndAssets as Inspect<AccountId>>::reducible_balance(
		asset.clone(),
		who,
		Preservation::Expendable,
		Fortitude::Polite,
	)
}

pub(crate) fn held(asset: &Asset, who: &AccountId) -> Balance {
	<NativeAndAssetHolds as InspectHold<AccountId>>::balance_on_hold(
		asset.clone(),
		&RuntimeHoldReason::TermStaking(HoldReason::Staked),
		who,
	)
}

pub(crate) fn fund(product: ProductId, amount: Balance) {
	assert_ok!(TermStaking::fund(RuntimeOrigin::signed(ALICE), product, amount));
}

/// `UNIT`-scaled reward of `principal` for a product's terms, by the formula.
pub(crate) fn expected_reward(principal: Balance, terms: &ProductTerms) -> Balance {
	defi_math::rewards::term_reward(principal, terms.apr, terms.term.into(), BLOCKS_PER_YEAR.into())
		.unwrap()
}

#[test]
fn genesis_creates_the_products() {
	new_test_ext().execute_with(|| {
		assert_eq!(ProductCount::<Test>::get(), 2);
		let product = Products::<Test>::get(1).unwrap();
		assert_eq!((product.staked_asset, product.reward_asset), (USDT, REWARD));
		assert_eq!(product.terms, usdt_terms());
		assert_eq!((product.staked, product.available, product.reserved), (0, 0, 0));
		check_state();
	});
}

#[test]
fn funding_and_withdrawing_the_pot_moves_the_reward_asset() {
	new_test_ext().execute_with(|| {
		fund(1, 500 * UNIT);
		assert_eq!(balance(&REWARD, &TermStaking::account()), 500 * UNIT);
		assert_eq!(balance(&REWARD, &ALICE), INITIAL - 500 * UNIT);
		assert_eq!(Products::<Test>::get(1).unwrap().available, 500 * UNIT);
		assert_ok!(TermStaking::withdraw_pot(RuntimeOrigin::root(), 1, 200 * UNIT, CHARLIE));
		assert_eq!(balance(&REWARD, &CHARLIE), INITIAL + 200 * UNIT);
		assert_eq!(Products::<Test>::get(1).unwrap().available, 300 * UNIT);
		assert!(events().contains(&Event::PotFunded {
			product: 1,
			funder: ALICE,
			amount: 500 * UNIT
		}));
		assert!(events().contains(&Event::PotWithdrawn {
			product: 1,
			to: CHARLIE,
			amount: 200 * UNIT
		}));
		check_state();
	});
}

#[test]
fn a_stake_holds_the_principal_in_place_and_reserves_the_whole_reward() {
	new_test_ext().execute_with(|| {
		fund(1, 500 * UNIT);
		let principal = 10_000 * UNIT;
		assert_ok!(TermStaking::stake(RuntimeOrigin::signed(BOB), 1, principal));
		// 10,000 × 12 % × 30/365 = 98.630136986301… USDT-units of reward, rounded down.
		let reward = 98_630_136_986_301;
		assert_eq!(expected_reward(principal, &usdt_terms()), reward);
		assert_eq!(balance(&USDT, &BOB), INITIAL, "the principal stays in Bob's account");
		assert_eq!(held(&USDT, &BOB), principal);
		// The asset's minimum balance (1) stays unspendable: an account with a hold cannot die.
		assert_eq!(free(&USDT, &BOB), INITIAL - principal - 1);
		let product = Products::<Test>::get(1).unwrap();
		assert_eq!(
			(product.staked, product.available, product.reserved),
			(principal, 500 * UNIT - reward, reward)
		);
		let position = Positions::<Test>::get(0).unwrap();
		assert_eq!((position.owner, position.principal, position.reward), (BOB, principal, reward));
		assert_eq!((position.staked_at, position.matures_at), (1, 1 + 432_000));
		assert_eq!(AccountPositions::<Test>::get(BOB).into_inner(), vec![0]);
		assert_eq!(Stakes::<Test>::get(1, BOB), principal);
		assert_eq!(StakeReports::get(), vec![(1, BOB, principal)]);
		assert!(events().contains(&Event::Staked {
			who: BOB,
			product: 1,
			position: 0,
			principal,
			reward,
			matures_at: 432_001,
		}));
		check_state();
	});
}

#[test]
fn redeeming_at_maturity_pays_principal_and_reward_exactly() {
	new_test_ext().execute_with(|| {
		fund(0, 1_000 * UNIT);
		let principal = 1_000 * UNIT;
		assert_ok!(TermStaking::stake(RuntimeOrigin::signed(BOB), 0, principal));
		// 1,000 × 100 % × 10 / 5,256,000 = 1.902587519025… tokens.
		let reward = 1_902_587_519;
		assert_eq!(expected_reward(principal, &native_terms()), reward);
		run_to(10);
		assert_noop!(TermStaking::redeem(RuntimeOrigin::signed(BOB), 0), Error::<Test>::NotMatured);
		run_to(11);
		let before = balance(&NATIVE, &BOB);
		assert_ok!(TermStaking::redeem(RuntimeOrigin::signed(BOB), 0));
		assert_eq!(balance(&NATIVE, &BOB), before + reward);
		assert_eq!(held(&NATIVE, &BOB), 0);
		assert_eq!(free(&NATIVE, &BOB), INITIAL + reward);
		assert_eq!(Positions::<Test>::get(0), None);
		assert!(AccountPositions::<Test>::get(BOB).is_empty());
		assert!(!Stakes::<Test>::contains_key(0, BOB));
		assert_eq!(StakeReports::get().last(), Some(&(0, BOB, 0)));
		let product = Products::<Test>::get(0).unwrap();
		assert_eq!((product.staked, product.reserved), (0, 0));
		assert_eq!(product.available, 1_000 * UNIT - reward);
		assert_eq!(balance(&NATIVE, &TermStaking::account()), 1_000 * UNIT - reward);
		assert!(events().contains(&Event::Redeemed {
			who: BOB,
			product: 0,
			position: 0,
			principal,
			reward,
		}));
		check_state();
	});
}

#[test]
fn an_early_exit_pays_the_penalty_and_the_reward_back_to_the_pot() {
	new_test_ext().execute_with(|| {
		fund(0, 1_000 * UNIT);
		assert_ok!(TermStaking::stake(RuntimeOrigin::signed(BOB), 0, 1_001 * UNIT));
		let reward = Positions::<Test>::get(0).unwrap().reward;
		run_to(5);
		assert_ok!(TermStaking::exit_early(RuntimeOrigin::signed(BOB), 0));
		// 5 % of 1,001 tokens.
		let penalty = 50_050_000_000_000;
		assert_eq!(balance(&NATIVE, &BOB), INITIAL - penalty);
		assert_eq!(held(&NATIVE, &BOB), 0);
		let product = Products::<Test>::get(0).unwrap();
		assert_eq!((product.staked, product.reserved), (0, 0));
		assert_eq!(product.available, 1_000 * UNIT + penalty, "the reward {reward} came back too");
		assert!(events().contains(&Event::ExitedEarly {
			who: BOB,
			product: 0,
			position: 0,
			returned: 1_001 * UNIT - penalty,
			penalty,
		}));
		check_state();
	});
}

#[test]
fn a_change_of_terms_leaves_open_positions_alone() {
	new_test_ext().execute_with(|| {
		fund(0, 1_000 * UNIT);
		assert_ok!(TermStaking::stake(RuntimeOrigin::signed(BOB), 0, 1_000 * UNIT));
		let terms = ProductTerms {
			term: 100,
			early_exit_penalty: Some(Permill::from_percent(50)),
			..native_terms()
		};
		assert_ok!(TermStaking::update_product(RuntimeOrigin::root(), 0, terms));
		assert!(events().contains(&Event::ProductUpdated { product: 0, terms }));
		let position = Positions::<Test>::get(0).unwrap();
		assert_eq!(position.matures_at, 11);
		assert_eq!(position.early_exit_penalty, Some(Permill::from_percent(5)));
		// A new stake gets the new terms.
		assert_ok!(TermStaking::stake(RuntimeOrigin::signed(CHARLIE), 0, 1_000 * UNIT));
		assert_eq!(Positions::<Test>::get(1).unwrap().matures_at, 101);
		check_state();
	});
}

#[test]
fn stakes_in_the_same_asset_add_up_under_one_hold_and_each_releases_its_own() {
	new_test_ext().execute_with(|| {
		fund(0, 1_000 * UNIT);
		assert_ok!(TermStaking::stake(RuntimeOrigin::signed(BOB), 0, 100 * UNIT));
		run_to(3);
		assert_ok!(TermStaking::stake(RuntimeOrigin::signed(BOB), 0, 300 * UNIT));
		assert_eq!(held(&NATIVE, &BOB), 400 * UNIT);
		assert_eq!(Stakes::<Test>::get(0, BOB), 400 * UNIT);
		run_to(11);
		assert_ok!(TermStaking::redeem(RuntimeOrigin::signed(BOB), 0));
		assert_noop!(TermStaking::redeem(RuntimeOrigin::signed(BOB), 1), Error::<Test>::NotMatured);
		assert_eq!(held(&NATIVE, &BOB), 300 * UNIT);
		assert_eq!(StakeReports::get().last(), Some(&(0, BOB, 300 * UNIT)));
		assert_eq!(
			Balances::balance_on_hold(&RuntimeHoldReason::TermStaking(HoldReason::Staked), &BOB),
			300 * UNIT
		);
		check_state();
	});
}

#[test]
fn views_show_capacity_pot_and_countdown() {
	new_test_ext().execute_with(|| {
		// A pot of 0.01 tokens covers the reward of about 5,256 tokens for 10 blocks at 100 %,
		// less than the product's maximum stake: the pot is the binding limit.
		let pot = UNIT / 100;
		fund(0, pot);
		let view = TermStaking::product_views().into_iter().find(|p| p.id == 0).unwrap();
		assert_eq!(view.pot_available, pot);
		let max = view.max_stake_now;
		assert!(max > 5_255 * UNIT && max < native_terms().max_stake);
		assert!(expected_reward(max, &native_terms()) <= pot);
		assert!(expected_reward(max + 1, &native_terms()) > pot);
		assert_eq!(TermStaking::quote(0, max), Some(expected_reward(max, &native_terms())));
		assert_eq!(TermStaking::quote(0, max + 1), None);
		assert_eq!(view.reward_of_min_stake, expected_reward(UNIT, &native_terms()));
		let usdt = TermStaking::product_views().into_iter().find(|p| p.id == 1).unwrap();
		assert_eq!(usdt.max_stake_now, 0, "an empty pot rewards nothing");

		assert_ok!(TermStaking::stake(RuntimeOrigin::signed(BOB), 0, 1_000 * UNIT));
		run_to(4);
		let positions = TermStaking::position_views(&BOB);
		assert_eq!(positions.len(), 1);
		let p = &positions[0];
		assert_eq!((p.id, p.product, p.principal, p.matures_at), (0, 0, 1_000 * UNIT, 11));
		assert_eq!((p.blocks_left, p.matured), (7, false));
		assert_eq!(p.early_exit_returns, Some(950 * UNIT));
		run_to(11);
		let p = &TermStaking::position_views(&BOB)[0];
		assert_eq!((p.blocks_left, p.matured, p.early_exit_returns), (0, true, None));
		assert!(TermStaking::position_views(&CHARLIE).is_empty());
	});
}

#[test]
fn genesis_can_fund_pots_and_open_positions() {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(ALICE, INITIAL), (BOB, INITIAL)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	crate::GenesisConfig::<Test> {
		products: vec![(NATIVE, NATIVE, native_terms())],
		pots: vec![(0, ALICE, 1_000 * UNIT)],
		positions: vec![(0, BOB, 500 * UNIT)],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	sp_io::TestExternalities::new(storage).execute_with(|| {
		let position = Positions::<Test>::get(0).unwrap();
		assert_eq!(
			(position.owner.clone(), position.principal, position.matures_at),
			(BOB, 500 * UNIT, 10)
		);
		assert_eq!(held(&NATIVE, &BOB), 500 * UNIT);
		check_state();
	});
}
