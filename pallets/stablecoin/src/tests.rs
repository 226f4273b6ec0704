//! Tests of the stablecoin pallet against the mock (real `pallet-psm`, a constant-product
//! market on defi-math). Every test ends with the pallet's `try_state`, which checks the books
//! exactly.

use crate::{mock::*, AmountOrAll, Books, Error, Event, Sale, Shutdown, Vaults};
use frame_support::{assert_noop, assert_ok, traits::fungibles::InspectHold};
use sp_arithmetic::{FixedU128, Permill};

mod errors;
mod invariants;
mod liquidation;
mod shutdown;

fn held(asset: Asset, who: AccountId) -> Balance {
	<NativeAndAssetHolds as InspectHold<AccountId>>::balance_on_hold(
		asset,
		&RuntimeHoldReason::Stablecoin(crate::HoldReason::VaultCollateral),
		&who,
	)
}

/// ALICE: 1,000 DFI ($2,000) and 1,000 dUSD of debt (ratio 200 %).
fn open_alice_vault() {
	assert_ok!(Stablecoin::deposit_collateral(RuntimeOrigin::signed(ALICE), NATIVE, dfi(1_000)));
	assert_ok!(Stablecoin::mint(RuntimeOrigin::signed(ALICE), NATIVE, dusd(1_000)));
}

#[test]
fn a_vault_opens_mints_repays_and_closes_with_collateral_held_in_place() {
	run(|| {
		let before = balance(NATIVE, ALICE);
		open_alice_vault();
		assert_eq!(held(NATIVE, ALICE), dfi(1_000));
		assert_eq!(balance(NATIVE, ALICE), before, "held collateral stays in the account");
		assert_eq!(dusd_balance(ALICE), dusd(1_000));
		let vault = Vaults::<Test>::get(NATIVE, ALICE).unwrap();
		assert_eq!((vault.collateral, vault.debt), (dfi(1_000), dusd(1_000)));
		assert!(events().contains(&Event::Minted {
			owner: ALICE,
			asset: NATIVE,
			amount: dusd(1_000),
			debt: dusd(1_000)
		}));
		assert_ok!(Stablecoin::repay(
			RuntimeOrigin::signed(ALICE),
			NATIVE,
			AmountOrAll::Exact(dusd(400))
		));
		assert_eq!(Vaults::<Test>::get(NATIVE, ALICE).unwrap().debt, dusd(600));
		// Closing needs the rest of the debt: mint it through the peg module.
		psm_mint(ALICE, dusd(10));
		assert_ok!(Stablecoin::close(RuntimeOrigin::signed(ALICE), NATIVE));
		assert!(Vaults::<Test>::get(NATIVE, ALICE).is_none());
		assert_eq!(held(NATIVE, ALICE), 0);
		assert_eq!(Books::<Test>::get().vault_debt, 0);
		assert!(events().contains(&Event::VaultClosed { owner: ALICE, asset: NATIVE }));
	});
}

#[test]
fn fees_compound_per_second_and_are_minted_to_the_surplus_only_with_their_debt() {
	run(|| {
		open_alice_vault();
		let surplus = Stablecoin::surplus_account();
		let surplus_before = dusd_balance(surplus.clone());
		advance_seconds(defi_math::lending::SECONDS_PER_YEAR);
		// Nothing is minted while nobody touches the vault.
		assert_eq!(dusd_balance(surplus.clone()), surplus_before);
		let view = Stablecoin::vault_view(&ALICE, &NATIVE).unwrap();
		// 2 % a year (MakerDAO's per-second rate, cut to 18 decimals): 1,019.99999998 dUSD,
		// rounded up.
		assert_eq!(view.debt, 1_020_000_000);
		assert_ok!(Stablecoin::deposit_collateral(RuntimeOrigin::signed(ALICE), NATIVE, dfi(1)));
		let vault = Vaults::<Test>::get(NATIVE, ALICE).unwrap();
		assert_eq!(vault.debt, view.debt);
		assert_eq!(dusd_balance(surplus.clone()) - surplus_before, view.debt - dusd(1_000));
		assert!(events().contains(&Event::FeesBooked {
			owner: ALICE,
			asset: NATIVE,
			fees: view.debt - dusd(1_000)
		}));
	});
}

#[test]
fn one_debt_ceiling_covers_vaults_and_the_peg_module() {
	run(|| {
		let psm_debt = <PegModule as defi_primitives::PegStabilityModule<Asset>>::debt();
		// The mock's pools minted 2 million dUSD and change through the peg module.
		assert!(psm_debt > dusd(2_000_000));
		let max_psm = pallet_psm::Psm::<Test>::get(DUSD_ID).unwrap().max_debt;
		assert_eq!(max_psm, CEILING);
		open_alice_vault();
		// The peg module may now mint only up to the ceiling less the vault debt.
		assert_eq!(pallet_psm::Psm::<Test>::get(DUSD_ID).unwrap().max_debt, CEILING - dusd(1_000));
		assert_ok!(Stablecoin::set_debt_ceiling(RuntimeOrigin::root(), psm_debt + dusd(1_500)));
		assert_eq!(pallet_psm::Psm::<Test>::get(DUSD_ID).unwrap().max_debt, psm_debt + dusd(500));
		// A vault may not mint past it either.
		assert_noop!(
			Stablecoin::mint(RuntimeOrigin::signed(ALICE), NATIVE, dusd(501)),
			Error::<Test>::DebtCeilingExceeded
		);
		assert_ok!(Stablecoin::mint(RuntimeOrigin::signed(ALICE), NATIVE, dusd(100)));
	});
}

#[test]
fn a_peg_round_trip_loses_exactly_the_two_fees() {
	run(|| {
		use frame_support::traits::fungibles::Mutate;
		let amount = dusd(10_000);
		<Assets as Mutate<AccountId>>::mint_into(USDT_ID, &BOB, 0).ok();
		let usdt_before = balance(USDT, BOB);
		assert_ok!(Psm::mint(
			RuntimeOrigin::signed(BOB),
			DUSD_ID,
			USDT_ID,
			amount,
			Permill::from_percent(1)
		));
		let minted = dusd_balance(BOB);
		// 0.5 % minting fee.
		assert_eq!(minted, amount - amount / 200);
		assert_ok!(Psm::redeem(
			RuntimeOrigin::signed(BOB),
			DUSD_ID,
			USDT_ID,
			minted,
			Permill::from_percent(1)
		));
		// 0.5 % redemption fee on what came back: no profit, exactly the two fees lost.
		let fee_out = (minted + 199) / 200;
		assert_eq!(balance(USDT, BOB), usdt_before - amount / 200 - fee_out);
		assert_eq!(dusd_balance(BOB), 0);
	});
}

#[test]
fn views_show_ratio_mintable_withdrawable_and_liquidation_price() {
	run(|| {
		open_alice_vault();
		let view = Stablecoin::vault_view(&ALICE, &NATIVE).unwrap();
		// $2,000 against $1,000: 200 %.
		assert_eq!(view.ratio, Some(FixedU128::from_u32(2)));
		assert_eq!(view.collateral_value, Some(2_000 * 1_000_000_000_000_000_000));
		// At 170 %: $2,000 supports 1,176.470588 dUSD.
		assert_eq!(view.max_mintable, 1_176_470_588 - dusd(1_000));
		// 1,000 dUSD at 170 % locks 850 DFI (rounded up).
		assert_eq!(view.max_withdrawable, dfi(1_000) - dfi(850) - 1);
		// Liquidatable below 1.5 · 1,000 / 1,000 = $1.5.
		assert_eq!(view.liquidation_price, Some(FixedU128::from_rational(3, 2)));
		assert!(!view.liquidatable);
		// What the view says can be minted, can be; one more cannot.
		assert_noop!(
			Stablecoin::mint(RuntimeOrigin::signed(ALICE), NATIVE, view.max_mintable + 1),
			Error::<Test>::BelowMinimumRatio
		);
		assert_ok!(Stablecoin::mint(RuntimeOrigin::signed(ALICE), NATIVE, view.max_mintable));
		let totals = Stablecoin::totals();
		assert_eq!(totals.vault_debt, 1_176_470_588);
		assert_eq!(totals.debt_ceiling, CEILING);
		assert!(totals.psm_reserves.iter().any(|(a, r)| *a == USDT && *r > 0));
	});
}

#[test]
fn a_vault_can_withdraw_to_the_minimum_ratio_and_not_below() {
	run(|| {
		open_alice_vault();
		let view = Stablecoin::vault_view(&ALICE, &NATIVE).unwrap();
		assert_noop!(
			Stablecoin::withdraw_collateral(
				RuntimeOrigin::signed(ALICE),
				NATIVE,
				view.max_withdrawable + 2
			),
			Error::<Test>::BelowMinimumRatio
		);
		assert_ok!(Stablecoin::withdraw_collateral(
			RuntimeOrigin::signed(ALICE),
			NATIVE,
			view.max_withdrawable
		));
		assert!(Shutdown::<Test>::get().is_none());
	});
}

#[test]
fn liquidation_sells_through_the_market_within_the_oracle_bounds() {
	run(|| {
		open_alice_vault();
		// DFI falls to $1.40 (oracle and market): ratio 140 % < 150 %.
		set_usd_price(NATIVE, FixedU128::from_rational(140, 100));
		open_pool(NATIVE, FixedU128::from_rational(140, 100), 1_000_000);
		MarketTrades::set(vec![]);
		let owner_dfi = balance(NATIVE, ALICE);
		assert_ok!(Stablecoin::liquidate(RuntimeOrigin::signed(BOB), ALICE, NATIVE));
		let trades = MarketTrades::get();
		assert_eq!(trades.len(), 1, "one sale through the market");
		let (asset_in, sold, bought) = trades[0].clone();
		// Debt 1,000 + 13 % penalty.
		assert_eq!((asset_in, bought), (NATIVE, dusd(1_130)));
		// At most the oracle value plus 3 %.
		assert!(sold <= dfi(1_130) * 100 / 140 * 103 / 100 + 1);
		assert!(Vaults::<Test>::get(NATIVE, ALICE).is_none());
		assert_eq!(held(NATIVE, ALICE), 0);
		assert_eq!(balance(NATIVE, ALICE), owner_dfi - sold, "the rest returns to the owner");
		assert!(events().iter().any(|e| matches!(
			e,
			Event::Liquidated { sale: Sale::Market, debt, penalty, shortfall: 0, .. }
				if *debt == dusd(1_000) && *penalty == dusd(130)
		)));
	});
}
