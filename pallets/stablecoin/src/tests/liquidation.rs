//! Liquidations: deferral and the discounted purchase, bad debt and healing, and replays of
//! the known attacks.

use super::*;

/// DFI falls to $1.40 on the oracle while the market has no depth to sell into.
fn crash_without_market() {
	set_usd_price(NATIVE, FixedU128::from_rational(140, 100));
	Pools::mutate(|pools| pools.retain(|p| p.0 != NATIVE));
}

#[test]
fn an_unfillable_liquidation_is_deferred_then_bought_at_the_discount() {
	run(|| {
		open_alice_vault();
		crash_without_market();
		assert_ok!(Stablecoin::liquidate(RuntimeOrigin::signed(BOB), ALICE, NATIVE));
		assert!(events().contains(&Event::LiquidationDeferred {
			owner: ALICE,
			asset: NATIVE,
			purchasable_at: 1 + PURCHASE_DELAY
		}));
		// The vault is untouched, its collateral still held.
		assert_eq!(held(NATIVE, ALICE), dfi(1_000));
		psm_mint(BOB, dusd(2_000));
		// Not in the same block: a one-block DEX manipulation cannot open the discount.
		assert_noop!(
			Stablecoin::buy_collateral(RuntimeOrigin::signed(BOB), ALICE, NATIVE, dusd(2_000)),
			Error::<Test>::PurchaseNotOpen
		);
		advance_blocks(PURCHASE_DELAY);
		assert_noop!(
			Stablecoin::buy_collateral(RuntimeOrigin::signed(BOB), ALICE, NATIVE, dusd(1_000)),
			Error::<Test>::PaymentAboveMax
		);
		let bob_dfi = balance(NATIVE, BOB);
		let bob_dusd = dusd_balance(BOB);
		// A minute of fees accrued since the mint.
		let debt = Stablecoin::vault_view(&ALICE, &NATIVE).unwrap().debt;
		assert!(debt > dusd(1_000));
		let target = debt + Permill::from_percent(13).mul_ceil(debt);
		assert_ok!(Stablecoin::buy_collateral(
			RuntimeOrigin::signed(BOB),
			ALICE,
			NATIVE,
			dusd(2_000)
		));
		// Pays debt + penalty for DFI at $1.40 · 0.9 = $1.26, rounded down: 1,130 dUSD buys
		// 896.825… DFI.
		assert_eq!(bob_dusd - dusd_balance(BOB), target);
		let bought = balance(NATIVE, BOB) - bob_dfi;
		assert_eq!(bought, target * 1_000_000 * 100 / 126);
		assert!(Vaults::<Test>::get(NATIVE, ALICE).is_none());
		assert_eq!(held(NATIVE, ALICE), 0);
	});
}

#[test]
fn the_purchase_is_refused_while_the_market_can_fill() {
	run(|| {
		open_alice_vault();
		crash_without_market();
		assert_ok!(Stablecoin::liquidate(RuntimeOrigin::signed(BOB), ALICE, NATIVE));
		advance_blocks(PURCHASE_DELAY);
		open_pool(NATIVE, FixedU128::from_rational(140, 100), 1_000_000);
		assert_noop!(
			Stablecoin::buy_collateral(RuntimeOrigin::signed(BOB), ALICE, NATIVE, dusd(2_000)),
			Error::<Test>::MarketCanFill
		);
	});
}

#[test]
fn a_shortfall_is_paid_by_the_surplus_first_then_booked_as_bad_debt_and_healed_later() {
	run(|| {
		open_alice_vault();
		// DFI at $0.50: the collateral ($500) cannot cover the 1,000 dUSD debt.
		set_usd_price(NATIVE, FixedU128::from_rational(50, 100));
		open_pool(NATIVE, FixedU128::from_rational(50, 100), 1_000_000);
		let surplus = Stablecoin::surplus_account();
		// Some surplus exists: 10 dUSD of fees.
		psm_mint(surplus.clone(), dusd(11));
		let in_surplus = dusd_balance(surplus.clone());
		assert_ok!(Stablecoin::liquidate(RuntimeOrigin::signed(BOB), ALICE, NATIVE));
		let Some(Event::BadDebt { shortfall, from_surplus, bad_debt, .. }) =
			events().into_iter().find(|e| matches!(e, Event::BadDebt { .. }))
		else {
			panic!("no bad debt event")
		};
		assert_eq!(from_surplus, in_surplus);
		assert_eq!(bad_debt, shortfall - in_surplus);
		// The sale took at least the oracle value less 3 %.
		assert!(shortfall <= dusd(1_000) - dusd(500) * 97 / 100);
		assert_eq!(Books::<Test>::get().bad_debt, bad_debt);
		psm_mint(surplus.clone(), dusd(100));
		assert_ok!(Stablecoin::heal(RuntimeOrigin::signed(CHARLIE)));
		assert!(Books::<Test>::get().bad_debt < bad_debt);
	});
}

#[test]
fn replay_a_dex_dump_in_one_block_neither_triggers_nor_profits_from_a_liquidation() {
	run(|| {
		open_alice_vault();
		// The attacker dumps the market's DFI price to $1 in one block: the oracle still says
		// $2, so the safe vault cannot be liquidated.
		open_pool(NATIVE, FixedU128::from_u32(1), 1_000_000);
		assert_noop!(
			Stablecoin::liquidate(RuntimeOrigin::signed(BOB), ALICE, NATIVE),
			Error::<Test>::VaultSafe
		);
		// When the vault is really unsafe (oracle $1.40) but the market is dumped to $1, the
		// sale would break the oracle bound: the liquidation is deferred, nothing is sold
		// cheap, and the discount stays closed for the delay.
		set_usd_price(NATIVE, FixedU128::from_rational(140, 100));
		MarketTrades::set(vec![]);
		assert_ok!(Stablecoin::liquidate(RuntimeOrigin::signed(BOB), ALICE, NATIVE));
		assert!(MarketTrades::get().is_empty());
		assert_eq!(held(NATIVE, ALICE), dfi(1_000));
		psm_mint(BOB, dusd(2_000));
		assert_noop!(
			Stablecoin::buy_collateral(RuntimeOrigin::signed(BOB), ALICE, NATIVE, dusd(2_000)),
			Error::<Test>::PurchaseNotOpen
		);
	});
}

#[test]
fn an_expired_deferral_does_not_open_the_discount_at_once() {
	run(|| {
		open_alice_vault();
		crash_without_market();
		assert_ok!(Stablecoin::liquidate(RuntimeOrigin::signed(BOB), ALICE, NATIVE));
		psm_mint(BOB, dusd(2_000));
		// Long after the window, a purchase is refused; a new liquidation defers from now.
		advance_blocks(PURCHASE_DELAY * (crate::liquidation::PURCHASE_WINDOW_DELAYS as u64 + 2));
		assert_noop!(
			Stablecoin::buy_collateral(RuntimeOrigin::signed(BOB), ALICE, NATIVE, dusd(2_000)),
			Error::<Test>::PurchaseNotOpen
		);
		assert_ok!(Stablecoin::liquidate(RuntimeOrigin::signed(BOB), ALICE, NATIVE));
		assert_noop!(
			Stablecoin::buy_collateral(RuntimeOrigin::signed(BOB), ALICE, NATIVE, dusd(2_000)),
			Error::<Test>::PurchaseNotOpen
		);
		advance_blocks(PURCHASE_DELAY);
		assert_ok!(Stablecoin::buy_collateral(
			RuntimeOrigin::signed(BOB),
			ALICE,
			NATIVE,
			dusd(2_000)
		));
	});
}
