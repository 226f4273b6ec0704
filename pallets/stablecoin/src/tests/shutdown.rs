//! Emergency shutdown: settlement at frozen prices and pro-rata redemption.

use super::*;

#[test]
fn after_a_shutdown_vaults_settle_owners_withdraw_the_rest_and_holders_redeem_pro_rata() {
	run(|| {
		open_alice_vault();
		assert_ok!(Stablecoin::deposit_collateral(RuntimeOrigin::signed(BOB), WBTC, wbtc(1)));
		assert_ok!(Stablecoin::mint(RuntimeOrigin::signed(BOB), WBTC, dusd(30_000)));
		assert_noop!(
			Stablecoin::shutdown(RuntimeOrigin::signed(ALICE)),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_ok!(Stablecoin::shutdown(RuntimeOrigin::signed(GUARDIAN)));
		assert_noop!(
			Stablecoin::mint(RuntimeOrigin::signed(ALICE), NATIVE, dusd(1)),
			Error::<Test>::IsShutdown
		);
		assert_noop!(
			Stablecoin::shutdown(RuntimeOrigin::signed(GUARDIAN)),
			Error::<Test>::IsShutdown
		);
		// The peg module stops minting but keeps redeeming.
		use frame_support::traits::fungibles::Mutate;
		<Assets as Mutate<AccountId>>::mint_into(USDT_ID, &CHARLIE, dusd(100)).unwrap();
		assert_noop!(
			Psm::mint(
				RuntimeOrigin::signed(CHARLIE),
				DUSD_ID,
				USDT_ID,
				dusd(100),
				Permill::from_percent(1)
			),
			pallet_psm::Error::<Test>::MintingStopped
		);
		// Redemption waits for every vault.
		assert_noop!(
			Stablecoin::redeem(RuntimeOrigin::signed(ALICE), dusd(100)),
			Error::<Test>::RedemptionNotReady
		);
		// ALICE withdraws what her debt did not take: 1,000 dUSD at $2 takes 500 DFI.
		let alice_dfi = balance(NATIVE, ALICE);
		assert_ok!(Stablecoin::close(RuntimeOrigin::signed(ALICE), NATIVE));
		assert_eq!(balance(NATIVE, ALICE), alice_dfi - dfi(500));
		assert_noop!(
			Stablecoin::settle(RuntimeOrigin::signed(CHARLIE), ALICE, NATIVE),
			Error::<Test>::NoVault
		);
		assert_ok!(Stablecoin::settle(RuntimeOrigin::signed(CHARLIE), BOB, WBTC));
		assert_noop!(
			Stablecoin::settle(RuntimeOrigin::signed(CHARLIE), BOB, WBTC),
			Error::<Test>::NothingToSettle
		);
		let state = Shutdown::<Test>::get().unwrap();
		assert_eq!(state.unsettled, 0);
		let claims = state.claims_at_fix.unwrap();
		// Claims: the 31,000 dUSD of debt (no surplus to burn in this test).
		assert_eq!(claims, dusd(31_000));
		// The runtime API's quote is what a redemption pays.
		let quote = Stablecoin::redemption_quote(dusd(1_000));
		let before_dfi = balance(NATIVE, ALICE);
		let before_btc = balance(WBTC, ALICE);
		assert_ok!(Stablecoin::redeem(RuntimeOrigin::signed(ALICE), dusd(1_000)));
		let paid_dfi = balance(NATIVE, ALICE) - before_dfi;
		let paid_btc = balance(WBTC, ALICE) - before_btc;
		assert_eq!(quote, vec![(NATIVE, paid_dfi), (WBTC, paid_btc)]);
		// 1,000 / 31,000 of 500 DFI and of 0.5 BTC.
		assert_eq!(paid_dfi, dfi(500) * 1_000 / 31_000);
		assert_eq!(paid_btc, wbtc(1) / 2 * 1_000 / 31_000);
		assert_noop!(
			Stablecoin::redeem(RuntimeOrigin::signed(BOB), dusd(30_001)),
			Error::<Test>::ExceedsClaims
		);
	});
}
