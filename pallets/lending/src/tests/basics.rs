//! Markets, supply, withdraw, collateral, borrow and repay, with every error they return.

use super::*;
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

#[test]
fn genesis_markets_exist_with_share_assets() {
	run(|| {
		for (asset, share) in [(NATIVE, NATIVE_SHARES), (USDT, USDT_SHARES), (WBTC, WBTC_SHARES)] {
			let m = market(asset.clone());
			assert_eq!(m.share_asset, share);
			assert_eq!(m.state, MarketState::Active);
			assert_eq!(ShareMarkets::<Test>::get(share), Some(asset));
			assert!(<Assets as Inspect<AccountId>>::asset_exists(share));
		}
	});
}

#[test]
fn create_market_checks_origin_existence_and_params() {
	run(|| {
		assert_noop!(
			Lending::create_market(signed(ALICE), USDC, USDC_SHARES, params()),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Lending::create_market(RuntimeOrigin::root(), USDT, USDC_SHARES, params()),
			Error::<Test>::MarketExists
		);
		assert_noop!(
			Lending::create_market(RuntimeOrigin::root(), USDC, USDT_SHARES, params()),
			Error::<Test>::ShareAssetExists
		);
		let mut bad = params();
		bad.collateral_factor = bad.liquidation_threshold;
		assert_noop!(
			Lending::create_market(RuntimeOrigin::root(), USDC, USDC_SHARES, bad),
			Error::<Test>::InvalidParams
		);
		// A threshold that with the incentive reaches 100 % would let liquidations seize more
		// than the collateral at health 1.
		let mut bad = params();
		bad.liquidation_threshold = Permill::from_percent(93);
		assert_noop!(
			Lending::create_market(RuntimeOrigin::root(), USDC, USDC_SHARES, bad),
			Error::<Test>::InvalidParams
		);
		let mut bad = params();
		bad.rate_model.slope_high = FixedU128::from_u32(100);
		assert_noop!(
			Lending::create_market(RuntimeOrigin::root(), USDC, USDC_SHARES, bad),
			Error::<Test>::InvalidParams
		);
		assert_ok!(Lending::create_market(RuntimeOrigin::root(), USDC, USDC_SHARES, params()));
		assert_eq!(
			last_event(),
			RuntimeEvent::Lending(Event::MarketCreated {
				asset: USDC,
				share_asset: USDC_SHARES,
				params: params()
			})
		);
	});
}

#[test]
fn market_params_and_states() {
	run(|| {
		let mut p = params();
		p.supply_cap = usdt(10);
		assert_noop!(Lending::set_market_params(signed(ALICE), USDT, p), DispatchError::BadOrigin);
		assert_noop!(
			Lending::set_market_params(RuntimeOrigin::root(), USDC, p),
			Error::<Test>::MarketNotFound
		);
		assert_ok!(Lending::set_market_params(RuntimeOrigin::root(), USDT, p));
		assert_eq!(market(USDT).params.supply_cap, usdt(10));
		assert_eq!(
			last_event(),
			RuntimeEvent::Lending(Event::MarketParamsSet { asset: USDT, params: p })
		);

		// The guardian may only tighten.
		assert_noop!(
			Lending::set_market_state(signed(ALICE), USDT, MarketState::Paused),
			DispatchError::BadOrigin
		);
		assert_ok!(Lending::set_market_state(signed(GUARDIAN), USDT, MarketState::Paused));
		assert_noop!(
			Lending::set_market_state(signed(GUARDIAN), USDT, MarketState::Active),
			Error::<Test>::NotStricter
		);
		assert_ok!(Lending::set_market_state(signed(GUARDIAN), USDT, MarketState::Frozen));
		assert_ok!(Lending::set_market_state(RuntimeOrigin::root(), USDT, MarketState::Active));
		assert_eq!(
			last_event(),
			RuntimeEvent::Lending(Event::MarketStateSet {
				asset: USDT,
				state: MarketState::Active
			})
		);
	});
}

#[test]
fn first_supply_locks_minimum_shares_and_later_ones_mint_at_the_rate() {
	run(|| {
		assert_noop!(
			Lending::supply(signed(BOB), USDT, MINIMUM_SHARES),
			Error::<Test>::FirstSupplyTooSmall
		);
		assert_noop!(Lending::supply(signed(BOB), USDT, 0), Error::<Test>::ZeroAmount);
		assert_noop!(Lending::supply(signed(BOB), USDC, 10), Error::<Test>::MarketNotFound);
		assert_ok!(Lending::supply(signed(BOB), USDT, usdt(100)));
		assert_eq!(shares(USDT_SHARES, BOB), usdt(100) - MINIMUM_SHARES);
		assert_eq!(shares(USDT_SHARES, Lending::account_id()), MINIMUM_SHARES);
		assert_eq!(market(USDT).cash, usdt(100));
		assert_eq!(balance(USDT, Lending::account_id()), usdt(100));
		assert_eq!(
			last_event(),
			RuntimeEvent::Lending(Event::Supplied {
				who: BOB,
				asset: USDT,
				amount: usdt(100),
				shares: usdt(100) - MINIMUM_SHARES
			})
		);
		assert_eq!(
			Reported::get().last(),
			Some(&(LendingActivity::Supply(USDT), BOB, usdt(100) - MINIMUM_SHARES))
		);
		assert_ok!(Lending::supply(signed(CHARLIE), USDT, 500));
		assert_eq!(shares(USDT_SHARES, CHARLIE), 500);
	});
}

#[test]
fn supply_respects_state_and_cap() {
	run(|| {
		let mut p = params();
		p.supply_cap = usdt(100);
		assert_ok!(Lending::set_market_params(RuntimeOrigin::root(), USDT, p));
		assert_ok!(Lending::supply(signed(BOB), USDT, usdt(60)));
		assert_noop!(
			Lending::supply(signed(BOB), USDT, usdt(41)),
			Error::<Test>::SupplyCapExceeded
		);
		assert_ok!(Lending::set_market_state(signed(GUARDIAN), USDT, MarketState::Paused));
		assert_noop!(Lending::supply(signed(BOB), USDT, usdt(1)), Error::<Test>::MarketPaused);
	});
}

#[test]
fn withdraw_exact_rounds_shares_up_and_all_pays_everything() {
	run(|| {
		alice_borrows_usdt(wbtc(25), usdt(500_000));
		advance_seconds(30 * 24 * 3600);
		assert_ok!(Lending::accrue_interest(signed(EVE), USDT));
		let rate = Lending::exchange_rate(&market(USDT));
		assert!(rate > FixedU128::one(), "interest raised the exchange rate: {rate:?}");
		let before = shares(USDT_SHARES, BOB);
		assert_ok!(Lending::withdraw(signed(BOB), USDT, AmountOrAll::Exact(usdt(1_000))));
		let burned = before - shares(USDT_SHARES, BOB);
		// The shares burned are worth at least what was paid.
		assert!(rate.saturating_mul_int(burned) >= usdt(1_000) - 1, "{burned}");
		assert!(burned < usdt(1_000), "fewer shares than units at a rate above 1");

		assert_noop!(
			Lending::withdraw(signed(CHARLIE), USDT, AmountOrAll::All),
			Error::<Test>::NothingSupplied
		);
		assert_noop!(
			Lending::withdraw(signed(BOB), USDT, AmountOrAll::Exact(0)),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			Lending::withdraw(signed(BOB), USDT, AmountOrAll::Exact(usdt(2_000_000))),
			Error::<Test>::InsufficientShares
		);
		// Half the pool is lent out: not enough cash for everything.
		assert_noop!(
			Lending::withdraw(signed(BOB), USDT, AmountOrAll::All),
			Error::<Test>::InsufficientCash
		);
		assert_ok!(Lending::repay(signed(ALICE), USDT, AmountOrAll::All));
		let paid_before = balance(USDT, BOB);
		assert_ok!(Lending::withdraw(signed(BOB), USDT, AmountOrAll::All));
		assert_eq!(shares(USDT_SHARES, BOB), 0);
		assert!(
			balance(USDT, BOB) - paid_before > usdt(999_000 - 1_000),
			"principal plus interest"
		);
		assert_ok!(Lending::set_market_state(signed(GUARDIAN), WBTC, MarketState::Frozen));
		assert_noop!(
			Lending::withdraw(signed(ALICE), WBTC, AmountOrAll::All),
			Error::<Test>::MarketFrozen
		);
	});
}

#[test]
fn a_rate_above_one_makes_tiny_supplies_mint_nothing() {
	run(|| {
		alice_borrows_usdt(wbtc(25), usdt(900_000));
		advance_seconds(365 * 24 * 3600);
		assert_ok!(Lending::accrue_interest(signed(EVE), USDT));
		assert!(Lending::exchange_rate(&market(USDT)) > FixedU128::one());
		assert_noop!(Lending::supply(signed(CHARLIE), USDT, 1), Error::<Test>::ZeroShares);
	});
}

#[test]
fn collateral_holds_shares_in_place() {
	run(|| {
		assert_ok!(Lending::supply(signed(ALICE), WBTC, wbtc(2)));
		let owned = shares(WBTC_SHARES, ALICE);
		assert_noop!(
			Lending::disable_collateral(signed(ALICE), WBTC),
			Error::<Test>::NotCollateral
		);
		assert_ok!(Lending::enable_collateral(signed(ALICE), WBTC));
		// All but the one free unit the share asset keeps next to a hold.
		assert_eq!(held(WBTC_SHARES, ALICE), owned - 1);
		assert_noop!(
			Lending::enable_collateral(signed(ALICE), WBTC),
			Error::<Test>::AlreadyCollateral
		);
		// Held shares cannot be transferred away.
		assert!(<Assets as frame_support::traits::fungibles::Mutate<AccountId>>::transfer(
			WBTC_SHARES,
			&ALICE,
			&BOB,
			10,
			frame_support::traits::tokens::Preservation::Expendable
		)
		.is_err());
		// New supply is held too.
		assert_ok!(Lending::supply(signed(ALICE), WBTC, wbtc(1)));
		assert_eq!(held(WBTC_SHARES, ALICE), shares(WBTC_SHARES, ALICE) - 1);
		assert_ok!(Lending::disable_collateral(signed(ALICE), WBTC));
		assert_eq!(held(WBTC_SHARES, ALICE), 0);
		assert!(AccountMarkets::<Test>::get(ALICE).is_empty());
		assert_noop!(
			Lending::enable_collateral(signed(ALICE), USDC),
			Error::<Test>::MarketNotFound
		);
		assert_ok!(Lending::set_market_state(signed(GUARDIAN), WBTC, MarketState::Frozen));
		assert_noop!(Lending::enable_collateral(signed(ALICE), WBTC), Error::<Test>::MarketFrozen);
	});
}

#[test]
fn an_account_uses_a_bounded_number_of_markets() {
	run(|| {
		assert_ok!(Lending::create_market(RuntimeOrigin::root(), USDC, USDC_SHARES, params()));
		for asset in [NATIVE, USDT, WBTC, WETH] {
			assert_ok!(Lending::enable_collateral(signed(ALICE), asset));
		}
		assert_noop!(
			Lending::enable_collateral(signed(ALICE), USDC),
			Error::<Test>::TooManyMarkets
		);
	});
}

#[test]
fn borrow_within_the_collateral_factor_only() {
	run(|| {
		assert_ok!(Lending::supply(signed(BOB), USDT, usdt(1_000_000)));
		supply_collateral(ALICE, WBTC, wbtc(1));
		// 1 WBTC = 60,000 USD at 75 %: 45,000 USDT (less a rounding unit for the free share).
		assert_noop!(
			Lending::borrow(signed(ALICE), USDT, usdt(45_001)),
			Error::<Test>::InsufficientCollateral
		);
		assert_ok!(Lending::borrow(signed(ALICE), USDT, usdt(44_000)));
		assert_eq!(debt(USDT, ALICE), usdt(44_000));
		assert_eq!(market(USDT).borrows, usdt(44_000));
		assert_eq!(
			last_event(),
			RuntimeEvent::Lending(Event::Borrowed {
				who: ALICE,
				asset: USDT,
				amount: usdt(44_000),
				debt: usdt(44_000)
			})
		);
		assert_eq!(
			Reported::get().last(),
			Some(&(LendingActivity::Borrow(USDT), ALICE, usdt(44_000)))
		);
		let h = health(ALICE).unwrap();
		// 60,000 · 0.8 / 44,000 = 1.0909…
		assert!(h > FixedU128::from_rational(109, 100) && h < FixedU128::from_rational(110, 100));
		assert_noop!(Lending::borrow(signed(ALICE), USDT, 0), Error::<Test>::ZeroAmount);
		// No collateral at all.
		assert_noop!(
			Lending::borrow(signed(CHARLIE), USDT, 1),
			Error::<Test>::InsufficientCollateral
		);
	});
}

#[test]
fn borrow_needs_fresh_undisputed_prices() {
	run(|| {
		assert_ok!(Lending::supply(signed(BOB), USDT, usdt(1_000_000)));
		supply_collateral(ALICE, WBTC, wbtc(1));
		remove_price(WBTC);
		assert_noop!(
			Lending::borrow(signed(ALICE), USDT, usdt(1)),
			Error::<Test>::PriceUnavailable
		);
		set_usd_price(WBTC, 60_000);
		dispute(WBTC, true);
		assert_noop!(Lending::borrow(signed(ALICE), USDT, usdt(1)), Error::<Test>::PriceDisputed);
		// Supply and repay need no price.
		assert_ok!(Lending::supply(signed(ALICE), WBTC, wbtc(1)));
		dispute(WBTC, false);
		assert_ok!(Lending::borrow(signed(ALICE), USDT, usdt(1_000)));
		remove_price(WBTC);
		remove_price(USDT);
		assert_ok!(Lending::repay(signed(ALICE), USDT, AmountOrAll::Exact(usdt(400))));
		assert_eq!(debt(USDT, ALICE), usdt(600));
		// Withdrawing collateral with debt needs the prices.
		assert_noop!(
			Lending::withdraw(signed(ALICE), WBTC, AmountOrAll::Exact(wbtc(1))),
			Error::<Test>::PriceUnavailable
		);
		assert_noop!(
			Lending::disable_collateral(signed(ALICE), WBTC),
			Error::<Test>::PriceUnavailable
		);
	});
}

#[test]
fn borrow_respects_cash_caps_utilization_and_state() {
	run(|| {
		assert_ok!(Lending::supply(signed(BOB), USDT, usdt(100_000)));
		supply_collateral(ALICE, WBTC, wbtc(10));
		assert_noop!(
			Lending::borrow(signed(ALICE), USDT, usdt(100_001)),
			Error::<Test>::InsufficientCash
		);
		assert_noop!(
			Lending::borrow(signed(ALICE), USDT, usdt(96_000)),
			Error::<Test>::MaxUtilizationExceeded
		);
		let mut p = params();
		p.borrow_cap = usdt(10_000);
		assert_ok!(Lending::set_market_params(RuntimeOrigin::root(), USDT, p));
		assert_noop!(
			Lending::borrow(signed(ALICE), USDT, usdt(10_001)),
			Error::<Test>::BorrowCapExceeded
		);
		assert_ok!(Lending::set_market_state(signed(GUARDIAN), USDT, MarketState::Paused));
		assert_noop!(Lending::borrow(signed(ALICE), USDT, usdt(1)), Error::<Test>::MarketPaused);
		assert_noop!(Lending::borrow(signed(ALICE), USDC, usdt(1)), Error::<Test>::MarketNotFound);
	});
}

#[test]
fn withdrawing_collateral_keeps_the_account_within_its_limit() {
	run(|| {
		alice_borrows_usdt(wbtc(1), usdt(30_000));
		// 30,000 / 0.75 = 40,000 USD of WBTC must stay: 2/3 WBTC.
		assert_noop!(
			Lending::withdraw(signed(ALICE), WBTC, AmountOrAll::Exact(wbtc(1) / 2)),
			Error::<Test>::InsufficientCollateral
		);
		assert_noop!(
			Lending::disable_collateral(signed(ALICE), WBTC),
			Error::<Test>::InsufficientCollateral
		);
		assert_ok!(Lending::withdraw(signed(ALICE), WBTC, AmountOrAll::Exact(wbtc(1) / 4)));
		let view = Lending::account_view(&ALICE);
		let wbtc_pos = view.positions.iter().find(|p| p.asset == WBTC).unwrap();
		// The view's max withdraw is accepted, and a bit more is not.
		let max = wbtc_pos.max_withdraw;
		assert!(max > 0);
		assert_noop!(
			Lending::withdraw(signed(ALICE), WBTC, AmountOrAll::Exact(max + wbtc(1) / 1_000)),
			Error::<Test>::InsufficientCollateral
		);
		assert_ok!(Lending::withdraw(signed(ALICE), WBTC, AmountOrAll::Exact(max)));
	});
}

#[test]
fn repay_amount_all_and_on_behalf() {
	run(|| {
		alice_borrows_usdt(wbtc(1), usdt(10_000));
		assert_noop!(Lending::repay(signed(BOB), USDT, AmountOrAll::All), Error::<Test>::NoDebt);
		assert_noop!(
			Lending::repay(signed(ALICE), USDT, AmountOrAll::Exact(0)),
			Error::<Test>::ZeroAmount
		);
		advance_seconds(3600);
		let owed = debt(USDT, ALICE);
		assert!(owed > usdt(10_000));
		assert_ok!(Lending::repay_on_behalf(
			signed(CHARLIE),
			ALICE,
			USDT,
			AmountOrAll::Exact(usdt(4_000))
		));
		assert_eq!(debt(USDT, ALICE), owed - usdt(4_000));
		let before = balance(USDT, ALICE);
		// More than the debt repays only the debt.
		assert_ok!(Lending::repay(signed(ALICE), USDT, AmountOrAll::Exact(usdt(1_000_000))));
		assert_eq!(before - balance(USDT, ALICE), owed - usdt(4_000));
		assert_eq!(debt(USDT, ALICE), 0);
		assert_eq!(market(USDT).borrows, 0);
		assert!(Borrows::<Test>::get(USDT, ALICE).is_none());
		// The collateral entry stays, the debt entry went.
		assert_eq!(AccountMarkets::<Test>::get(ALICE).into_inner(), vec![(WBTC, true)]);
		// Repay works in a frozen market.
		assert_ok!(Lending::borrow(signed(ALICE), USDT, usdt(10)));
		assert_ok!(Lending::set_market_state(signed(GUARDIAN), USDT, MarketState::Frozen));
		assert_ok!(Lending::repay(signed(ALICE), USDT, AmountOrAll::All));
	});
}

#[test]
fn interest_accrues_per_second_and_splits_into_reserves() {
	run(|| {
		alice_borrows_usdt(wbtc(25), usdt(500_000));
		let m = market(USDT);
		let rates = Lending::rates(&m);
		// u = 0.5: 2 % + 20 % · 0.5 = 12 %.
		assert_eq!(rates.borrow_rate, FixedU128::from_rational(12, 100));
		advance_seconds(365 * 24 * 3600);
		assert_ok!(Lending::accrue_interest(signed(EVE), USDT));
		let m = market(USDT);
		// e^0.12 − 1 = 12.7497 %.
		let interest = m.borrows - usdt(500_000);
		assert!(interest.abs_diff(63_748_000_000) < 1_000_000, "{interest}");
		assert_eq!(m.reserves, Permill::from_percent(10).mul_floor(interest));
		assert!(matches!(last_event(), RuntimeEvent::Lending(Event::InterestAccrued { .. })));
		assert!(debt(USDT, ALICE) >= m.borrows);
		assert_noop!(Lending::accrue_interest(signed(EVE), USDC), Error::<Test>::MarketNotFound);
	});
}

#[test]
fn overflowing_values_are_an_error_not_a_panic() {
	run(|| {
		assert_ok!(Lending::supply(signed(BOB), USDT, usdt(1_000_000)));
		supply_collateral(ALICE, WBTC, wbtc(1));
		set_price(WBTC, FixedU128::from_inner(u128::MAX), 0);
		assert_noop!(Lending::borrow(signed(ALICE), USDT, 1), Error::<Test>::Overflow);
	});
}

#[test]
fn donations_to_the_pallet_account_change_nothing() {
	run(|| {
		assert_ok!(Lending::supply(signed(BOB), USDT, usdt(1_000)));
		let rate = Lending::exchange_rate(&market(USDT));
		assert_ok!(
			<NativeAndAssets as frame_support::traits::fungibles::Mutate<AccountId>>::transfer(
				USDT,
				&EVE,
				&Lending::account_id(),
				usdt(1_000_000),
				frame_support::traits::tokens::Preservation::Expendable
			)
		);
		assert_eq!(Lending::exchange_rate(&market(USDT)), rate);
		assert_eq!(market(USDT).cash, usdt(1_000));
	});
}

#[test]
fn genesis_positions_are_open() {
	run(|| {
		assert_eq!(debt(NATIVE, FERDIE), 1_000_000);
		assert_eq!(held(NATIVE_SHARES, FERDIE), shares(NATIVE_SHARES, FERDIE) - 1);
		assert!(health(FERDIE).unwrap() > FixedU128::one());
	});
}

#[test]
fn a_market_opened_without_a_clock_starts_accruing_at_the_first_block_with_one() {
	run(|| {
		alice_borrows_usdt(wbtc(25), usdt(500_000));
		Markets::<Test>::mutate(USDT, |m| m.as_mut().unwrap().last_accrued = 0);
		assert_ok!(Lending::accrue_interest(RuntimeOrigin::signed(EVE), USDT));
		assert_eq!(market(USDT).borrows, usdt(500_000));
		assert_eq!(market(USDT).last_accrued, START_MS / 1_000);
	});
}
