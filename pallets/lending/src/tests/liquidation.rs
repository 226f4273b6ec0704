//! Liquidation below health 1, the close factor, the underwater rule, and bad debt.

use super::*;
use frame_support::{assert_noop, assert_ok};

/// ALICE: 1 WBTC of collateral, 40,000 USDT of debt; BOB supplied the USDT.
fn setup() {
	alice_borrows_usdt(wbtc(1), usdt(40_000));
}

#[test]
fn a_healthy_account_cannot_be_liquidated() {
	run(|| {
		setup();
		assert!(health(ALICE).unwrap() > FixedU128::one());
		assert_noop!(
			Lending::liquidate(signed(BOB), ALICE, USDT, usdt(1_000), WBTC),
			Error::<Test>::NotLiquidatable
		);
	});
}

#[test]
fn liquidation_repays_at_most_the_close_factor_and_seizes_with_the_incentive() {
	run(|| {
		setup();
		set_usd_price(WBTC, 49_000);
		let before = health(ALICE).unwrap();
		// 49,000 · 0.8 / 40,000 = 0.98.
		assert!(before < FixedU128::one() && before > FixedU128::from_rational(97, 100));
		let bob_usdt = balance(USDT, BOB);
		let reserves = market(WBTC).reserves;
		assert_ok!(Lending::liquidate(signed(BOB), ALICE, USDT, usdt(30_000), WBTC));
		// Capped at 50 % of the debt.
		assert_eq!(bob_usdt - balance(USDT, BOB), usdt(20_000));
		assert_eq!(debt(USDT, ALICE), usdt(20_000));
		// 20,000 · 1.08 / 49,000 WBTC = 0.44081632 WBTC seized; a tenth of the 8 % goes to reserves.
		let seized = wbtc(1) * 21_600 / 49_000;
		// i · fee / (1 + i) = 0.008 / 1.08 of the seized shares.
		let to_protocol = seized * 8 / 1_080;
		let got = shares(WBTC_SHARES, BOB);
		assert!(got.abs_diff(seized - to_protocol) <= 2, "{got} vs {}", seized - to_protocol);
		assert!(market(WBTC).reserves > reserves);
		let after = health(ALICE).unwrap();
		assert!(after > before, "{after:?} > {before:?}");
		assert!(matches!(
			lending_events().last(),
			Some(Event::Liquidated { repaid, .. }) if *repaid == usdt(20_000)
		));
	});
}

#[test]
fn liquidation_errors() {
	run(|| {
		setup();
		set_usd_price(WBTC, 49_000);
		assert_noop!(
			Lending::liquidate(signed(ALICE), ALICE, USDT, usdt(1_000), WBTC),
			Error::<Test>::SelfLiquidation
		);
		assert_noop!(
			Lending::liquidate(signed(BOB), ALICE, USDT, 0, WBTC),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			Lending::liquidate(signed(BOB), ALICE, WETH, usdt(1_000), WBTC),
			Error::<Test>::NoDebt
		);
		assert_noop!(
			Lending::liquidate(signed(BOB), ALICE, USDT, usdt(1_000), WETH),
			Error::<Test>::NoCollateral
		);
		assert_noop!(
			Lending::liquidate(signed(BOB), ALICE, USDT, 1, WBTC),
			Error::<Test>::LiquidationTooSmall
		);
		assert_noop!(
			Lending::liquidate(signed(BOB), ALICE, USDC, 1, WBTC),
			Error::<Test>::MarketNotFound
		);
		assert_noop!(
			Lending::liquidate(signed(BOB), CHARLIE, USDT, 1, WBTC),
			Error::<Test>::NoDebt
		);
		dispute(WBTC, true);
		assert_noop!(
			Lending::liquidate(signed(BOB), ALICE, USDT, usdt(1_000), WBTC),
			Error::<Test>::PriceDisputed
		);
		dispute(WBTC, false);
		assert_ok!(Lending::set_market_state(signed(GUARDIAN), WBTC, MarketState::Frozen));
		assert_noop!(
			Lending::liquidate(signed(BOB), ALICE, USDT, usdt(1_000), WBTC),
			Error::<Test>::MarketFrozen
		);
	});
}

#[test]
fn underwater_positions_are_closed_whole_and_the_rest_is_written_off() {
	run(|| {
		setup();
		advance_seconds(7 * 24 * 3600);
		assert_ok!(Lending::accrue_interest(signed(EVE), USDT));
		set_usd_price(WBTC, 30_000);
		// 30,000 · 0.8 / 40,000 = 0.6, below 0.8 · 1.08: any partial liquidation lowers health.
		assert_noop!(
			Lending::liquidate(signed(BOB), ALICE, USDT, usdt(1_000), WBTC),
			Error::<Test>::LiquidationLowersHealth
		);
		let owed = debt(USDT, ALICE);
		let reserves = market(USDT).reserves;
		let rate_before = Lending::exchange_rate(&market(USDT));
		let bob_usdt = balance(USDT, BOB);
		assert_ok!(Lending::liquidate(signed(BOB), ALICE, USDT, owed, WBTC));
		let repaid = bob_usdt - balance(USDT, BOB);
		// The collateral (1 WBTC less the free unit) is worth 30,000; the repay buys it at 8 % off.
		let expected = usdt(30_000) * 100 / 108;
		assert!(repaid.abs_diff(expected) < usdt(1), "{repaid} vs {expected}");
		assert_eq!(held(WBTC_SHARES, ALICE), 0);
		// What is left was written off: reserves first, then the suppliers.
		assert_eq!(debt(USDT, ALICE), 0);
		assert!(Borrows::<Test>::get(USDT, ALICE).is_none());
		let written = owed - repaid;
		let events = lending_events();
		let Some(Event::BadDebtWrittenOff { amount, from_reserves, socialized, .. }) =
			events.last()
		else {
			panic!("no write-off: {events:?}")
		};
		assert_eq!(*amount, written);
		assert_eq!(*from_reserves, reserves);
		assert_eq!(*socialized, written - reserves);
		assert_eq!(market(USDT).reserves, 0);
		assert_eq!(market(USDT).borrows, 0);
		assert!(Lending::exchange_rate(&market(USDT)) < rate_before);
	});
}

#[test]
fn bad_debt_write_off_needs_debt_without_collateral() {
	run(|| {
		setup();
		assert_noop!(Lending::write_off_bad_debt(signed(EVE), ALICE), Error::<Test>::NotBadDebt);
		assert_noop!(Lending::write_off_bad_debt(signed(EVE), CHARLIE), Error::<Test>::NoDebt);
	});
}

#[test]
fn liquidation_seizing_the_whole_collateral_of_one_market_is_allowed() {
	run(|| {
		// Two collateral markets; the smaller one is seized whole.
		assert_ok!(Lending::supply(signed(BOB), USDT, usdt(1_000_000)));
		supply_collateral(ALICE, WBTC, wbtc(1));
		supply_collateral(ALICE, WETH, weth(1));
		assert_ok!(Lending::borrow(signed(ALICE), USDT, usdt(45_000)));
		set_usd_price(WBTC, 40_000);
		set_usd_price(WETH, 2_000);
		assert!(health(ALICE).unwrap() < FixedU128::from_rational(864, 1000));
		assert_ok!(Lending::liquidate(signed(BOB), ALICE, USDT, usdt(45_000), WETH));
		assert_eq!(held(WETH_SHARES, ALICE), 0);
		// WBTC collateral remains: no write-off.
		assert!(debt(USDT, ALICE) > 0);
		assert!(!lending_events().iter().any(|e| matches!(e, Event::BadDebtWrittenOff { .. })));
	});
}
