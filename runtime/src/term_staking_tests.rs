//! Term staking in the real runtime: the dev genesis products, pots and positions; a stake in
//! the 10-block product held in the staker's account and redeemed at maturity for exactly the
//! reward reserved; the weight a stake is charged covers the benchmarked worst case.

use crate::{
	genesis_config_presets::{staking_pots, staking_products, STAKING_DEMO_TERM},
	money_market_tests::{bob, dev_ext, next_block},
	term_staking::{term_staking_account, BLOCKS_PER_YEAR},
	AccountId, Balance, Balances, Runtime, RuntimeCall, RuntimeHoldReason, RuntimeOrigin, System,
	TermStaking, UNIT,
};
use frame_support::{
	assert_noop, assert_ok,
	dispatch::GetDispatchInfo,
	traits::fungible::{Inspect, InspectHold},
};
use sp_keyring::Sr25519Keyring;

fn charlie() -> AccountId {
	Sr25519Keyring::Charlie.to_account_id()
}

fn staked_hold(who: &AccountId) -> Balance {
	Balances::balance_on_hold(
		&RuntimeHoldReason::TermStaking(pallet_term_staking::HoldReason::Staked),
		who,
	)
}

fn check_state() {
	pallet_term_staking::Pallet::<Runtime>::do_try_state().expect("term-staking state");
}

#[test]
fn the_dev_genesis_has_funded_products_and_open_positions() {
	dev_ext().execute_with(|| {
		let products = TermStaking::product_views();
		assert_eq!(products.len(), staking_products().len());
		assert_eq!(products[0].term, STAKING_DEMO_TERM);
		for ((id, _, amount), view) in staking_pots().into_iter().zip(&products) {
			assert_eq!(view.id, id);
			assert_eq!(view.pot_available + view.pot_reserved, amount);
		}
		// Charlie's 10,000 DFI for 90 days at 12 %: 10,000 · 0.12 · 90/365 DFI.
		let charlies = TermStaking::position_views(&charlie());
		assert_eq!(charlies.len(), 1);
		assert_eq!(charlies[0].principal, 10_000 * UNIT);
		assert_eq!(charlies[0].reward, 295_890_410_958_904);
		assert_eq!(staked_hold(&charlie()), 10_000 * UNIT);
		assert_eq!(BLOCKS_PER_YEAR, 5_256_000);
		check_state();
	});
}

#[test]
fn a_demo_stake_is_held_and_redeemed_at_maturity_for_the_reserved_reward() {
	dev_ext().execute_with(|| {
		let principal = 1_000 * UNIT;
		let free = Balances::balance(&bob());
		assert_ok!(TermStaking::stake(RuntimeOrigin::signed(bob()), 0, principal));
		// 1,000 DFI · 20 % · 10 / 5,256,000 = 0.000380517503805… DFI.
		let reward = 380_517_503;
		let position = TermStaking::position_views(&bob()).pop().unwrap();
		assert_eq!((position.principal, position.reward), (principal, reward));
		assert_eq!(staked_hold(&bob()), principal);
		assert_eq!(Balances::balance(&bob()), free - principal);
		assert_noop!(
			TermStaking::redeem(RuntimeOrigin::signed(bob()), position.id),
			pallet_term_staking::Error::<Runtime>::NotMatured
		);
		for _ in 0..STAKING_DEMO_TERM {
			next_block();
		}
		let pot = Balances::balance(&term_staking_account());
		assert_ok!(TermStaking::redeem(RuntimeOrigin::signed(bob()), position.id));
		assert_eq!(Balances::balance(&bob()), free + reward);
		assert_eq!(staked_hold(&bob()), 0);
		assert_eq!(Balances::balance(&term_staking_account()), pot - reward);
		assert!(System::events().iter().any(|r| matches!(
			&r.event,
			crate::RuntimeEvent::TermStaking(pallet_term_staking::Event::Redeemed { reward: r, .. })
				if *r == reward
		)));
		check_state();
	});
}

#[test]
fn staking_calls_are_charged_their_benchmarked_weight() {
	use pallet_term_staking::WeightInfo;
	type W = pallet_term_staking::weights::SubstrateWeight<Runtime>;
	let stake =
		RuntimeCall::TermStaking(pallet_term_staking::Call::stake { product: 0, amount: UNIT });
	// Plus the farming hook over the most farms a program may have.
	let hook = <crate::Farming as defi_primitives::OnSharesChanged<AccountId, u32>>::on_shares_changed_weight();
	assert_eq!(stake.get_dispatch_info().call_weight, W::stake() + hook);
	let redeem = RuntimeCall::TermStaking(pallet_term_staking::Call::redeem { position: 0 });
	assert_eq!(redeem.get_dispatch_info().call_weight, W::redeem() + hook);
}
