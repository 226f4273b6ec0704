//! Every `Error` variant, each with `assert_noop!` (nothing changes).

use super::*;

#[test]
fn vault_calls_reject_bad_input_and_change_nothing() {
	run(|| {
		let alice = RuntimeOrigin::signed(ALICE);
		assert_noop!(
			Stablecoin::deposit_collateral(alice.clone(), WETH, 1),
			Error::<Test>::UnknownCollateral
		);
		assert_noop!(
			Stablecoin::deposit_collateral(alice.clone(), NATIVE, 0),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(Stablecoin::mint(alice.clone(), NATIVE, dusd(100)), Error::<Test>::NoVault);
		open_alice_vault();
		assert_noop!(
			Stablecoin::withdraw_collateral(alice.clone(), NATIVE, dfi(1_001)),
			Error::<Test>::InsufficientCollateral
		);
		assert_noop!(
			Stablecoin::repay(alice.clone(), NATIVE, AmountOrAll::Exact(dusd(1_001))),
			Error::<Test>::RepayExceedsDebt
		);
		assert_noop!(
			Stablecoin::repay(alice.clone(), NATIVE, AmountOrAll::Exact(dusd(950))),
			Error::<Test>::BelowMinimumDebt
		);
		assert_ok!(Stablecoin::deposit_collateral(RuntimeOrigin::signed(BOB), NATIVE, dfi(1_000)));
		assert_noop!(
			Stablecoin::mint(RuntimeOrigin::signed(BOB), NATIVE, dusd(99)),
			Error::<Test>::BelowMinimumDebt
		);
		// A stale price is no price: minting against it is rejected.
		remove_price(NATIVE);
		assert_noop!(
			Stablecoin::mint(alice.clone(), NATIVE, dusd(1)),
			Error::<Test>::PriceUnavailable
		);
		set_usd_price(NATIVE, FixedU128::from_u32(2));
		dispute(NATIVE, true);
		assert_noop!(
			Stablecoin::mint(alice.clone(), NATIVE, dusd(1)),
			Error::<Test>::PriceDisputed
		);
		dispute(NATIVE, false);
		assert_noop!(
			Stablecoin::liquidate(RuntimeOrigin::signed(BOB), ALICE, NATIVE),
			Error::<Test>::VaultSafe
		);
		assert_noop!(
			Stablecoin::buy_collateral(RuntimeOrigin::signed(BOB), ALICE, NATIVE, dusd(2_000)),
			Error::<Test>::PurchaseNotOpen
		);
		assert_noop!(Stablecoin::heal(RuntimeOrigin::signed(BOB)), Error::<Test>::NothingToHeal);
		assert_noop!(
			Stablecoin::settle(RuntimeOrigin::signed(BOB), ALICE, NATIVE),
			Error::<Test>::NotShutdown
		);
		assert_noop!(Stablecoin::redeem(alice.clone(), dusd(1)), Error::<Test>::NotShutdown);
	});
}

#[test]
fn ceilings_reject_a_mint_above_them() {
	run(|| {
		let mut small = params();
		small.debt_ceiling = dusd(1_500);
		assert_ok!(Stablecoin::set_collateral_type(RuntimeOrigin::root(), NATIVE, small));
		open_alice_vault();
		assert_noop!(
			Stablecoin::mint(RuntimeOrigin::signed(ALICE), NATIVE, dusd(501)),
			Error::<Test>::CollateralCeilingExceeded
		);
	});
}

#[test]
fn admin_calls_reject_bad_parameters_and_bad_origins() {
	run(|| {
		let root = RuntimeOrigin::root();
		let mut bad = params();
		bad.minimum_ratio = bad.liquidation_ratio;
		assert_noop!(
			Stablecoin::set_collateral_type(root.clone(), WETH, bad),
			Error::<Test>::InvalidParams
		);
		let mut bad = params();
		bad.liquidation_ratio = FixedU128::from_rational(110, 100);
		assert_noop!(
			Stablecoin::set_collateral_type(root.clone(), WETH, bad),
			Error::<Test>::InvalidParams
		);
		let mut bad = params();
		bad.stability_fee = crate::MAX_STABILITY_FEE + FixedU128::from_inner(1);
		assert_noop!(
			Stablecoin::set_collateral_type(root.clone(), WETH, bad),
			Error::<Test>::InvalidParams
		);
		assert_noop!(
			Stablecoin::set_collateral_type(root.clone(), DUSD, params()),
			Error::<Test>::StablecoinAsCollateral
		);
		assert_noop!(
			Stablecoin::set_collateral_type(RuntimeOrigin::signed(ALICE), WETH, params()),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_ok!(Stablecoin::set_collateral_type(root.clone(), WETH, params()));
		assert_ok!(Stablecoin::set_collateral_type(root.clone(), USDC, params()));
		assert_noop!(
			Stablecoin::set_collateral_type(root.clone(), USDT, params()),
			Error::<Test>::TooManyCollateralTypes
		);
		assert_noop!(Stablecoin::shutdown(root), sp_runtime::DispatchError::BadOrigin);
	});
}

#[test]
fn the_maximum_stability_fee_is_100_percent_a_year() {
	assert_eq!(
		defi_math::vaults::per_second_fee(FixedU128::from_u32(1)),
		Ok(crate::MAX_STABILITY_FEE)
	);
}

#[test]
fn overflowing_amounts_are_rejected() {
	run(|| {
		open_alice_vault();
		assert_noop!(
			Stablecoin::mint(RuntimeOrigin::signed(ALICE), NATIVE, Balance::MAX),
			Error::<Test>::Overflow
		);
	});
}
