//! The DEX as other pallets see it: the pair index, `LiquiditySource`, polkadot-sdk's `Swap`,
//! `SwapCredit` and `QuotePrice`, `PriceSource`, the pause check and the trade hook.

use super::*;
use crate::{PoolsByPair, WindowPrice};
use defi_primitives::{LiquiditySource, PriceSource};
use frame_support::traits::{
	fungibles::Balanced,
	tokens::{Fortitude, Precision, Preservation},
};
use pallet_asset_conversion::{QuotePrice, Swap, SwapCredit};
use sp_runtime::traits::Saturating;

type Venue = crate::Pallet<Test>;

fn credit(asset: Asset, who: AccountId, amount: Balance) -> crate::CreditOf<Test> {
	NativeAndAssets::withdraw(
		asset,
		&who,
		amount,
		Precision::Exact,
		Preservation::Preserve,
		Fortitude::Polite,
	)
	.expect("withdrawn")
}

fn paused(call: &str) {
	PausedCalls::mutate(|p| p.push((b"Dex".to_vec(), call.as_bytes().to_vec())));
}

fn issuance(asset: Asset) -> Balance {
	NativeAndAssets::total_issuance(asset)
}

#[test]
fn pair_index_lists_pools_of_both_kinds_without_a_scan() {
	new_test_ext().execute_with(|| {
		let cp = cp_pool(USDT, USDC, LIQ, LIQ);
		assert_ok!(Dex::create_pool(origin(ALICE), USDC, USDT, Permill::from_parts(500)));
		let cp_low = NextPoolId::<Test>::get() - 1;
		let stable = stable_pool(&[USDT, USDC, DAI], LIQ);
		let _other = cp_pool(NATIVE, DAI, LIQ, LIQ);
		assert_eq!(Venue::pools_for_pair(&USDT, &USDC), vec![cp, cp_low, stable]);
		assert_eq!(Venue::pools_for_pair(&USDC, &USDT), vec![cp, cp_low, stable]);
		assert_eq!(Venue::pools_for_pair(&DAI, &USDC), vec![stable]);
		assert_eq!(Venue::pools_for_pair(&USDT, &USDT), Vec::<u32>::new());
		assert_eq!(
			<Venue as LiquiditySource<AccountId>>::pools_for_pair(&WBTC, &USDT),
			Vec::<u32>::new()
		);
		assert_eq!(PoolsByPair::<Test>::iter().count(), 4);
		try_state();
	});
}

#[test]
fn error_too_many_pools() {
	new_test_ext().execute_with(|| {
		// The mock allows 12 pools per pair: 3 fee tiers of constant product, then stable pools.
		for fee in fee_tiers() {
			assert_ok!(Dex::create_pool(origin(ALICE), USDT, USDC, fee));
		}
		let make_stable = || {
			Dex::create_stable_pool(
				RuntimeOrigin::root(),
				BoundedVec::truncate_from(vec![USDT, USDC]),
				BoundedVec::truncate_from(vec![6, 6]),
				100,
				Permill::zero(),
			)
		};
		for _ in 0..9 {
			assert_ok!(make_stable());
		}
		assert_noop!(make_stable(), Error::<Test>::TooManyPools);
	});
}

#[test]
fn liquidity_source_quotes_and_swaps_for_an_account() {
	new_test_ext().execute_with(|| {
		let a = cp_pool(NATIVE, USDT, LIQ, LIQ);
		let b = stable_pool(&[USDT, USDC], LIQ);
		let p = path(&[(a, NATIVE, USDT), (b, USDT, USDC)]).to_vec();
		let quote = <Venue as LiquiditySource<AccountId>>::quote_exact_in(&p, 1_000_000).unwrap();
		let before = bal(USDC, CHARLIE);
		let out =
			<Venue as LiquiditySource<AccountId>>::swap_exact_in(&BOB, &p, 1_000_000, 1, &CHARLIE)
				.unwrap();
		assert_eq!(out, quote[2]);
		assert_eq!(bal(USDC, CHARLIE) - before, out);
		// Exact out, and a failing swap changes nothing.
		let quote = <Venue as LiquiditySource<AccountId>>::quote_exact_out(&p, 500_000).unwrap();
		let paid =
			<Venue as LiquiditySource<AccountId>>::swap_exact_out(&BOB, &p, 500_000, LIQ, &BOB)
				.unwrap();
		assert_eq!(paid, quote[0]);
		assert_noop!(
			<Venue as LiquiditySource<AccountId>>::swap_exact_in(&BOB, &p, 1_000_000, LIQ, &BOB),
			Error::<Test>::InsufficientOutput
		);
		assert_eq!(<Venue as LiquiditySource<AccountId>>::max_hops(), 4);
		assert!(
			<Venue as LiquiditySource<AccountId>>::swap_weight(2)
				== Venue::declared_swap_weight(2, true).max(Venue::declared_swap_weight(2, false))
		);
		try_state();
	});
}

#[test]
fn liquidity_source_swaps_credits_and_hands_back_a_failed_one() {
	new_test_ext().execute_with(|| {
		let id = cp_pool(USDT, USDC, LIQ, LIQ);
		let p = path(&[(id, USDT, USDC)]).to_vec();
		let (usdt_issued, usdc_issued) = (issuance(USDT), issuance(USDC));
		let quote = <Venue as LiquiditySource<AccountId>>::quote_exact_in(&p, 1_000_000).unwrap();
		let out = <Venue as LiquiditySource<AccountId>>::swap_credit_exact_in(
			&p,
			credit(USDT, BOB, 1_000_000),
			1,
		)
		.unwrap_or_else(|(_, e)| panic!("{e:?}"));
		assert_eq!((out.asset(), out.peek()), (USDC, quote[1]));
		assert!(matches!(last_event(), RuntimeEvent::Dex(Event::CreditSwapped { .. })));
		assert_ok!(NativeAndAssets::resolve(&BOB, out));
		// Exact out: the change comes back in the input asset.
		let quote = <Venue as LiquiditySource<AccountId>>::quote_exact_out(&p, 400_000).unwrap();
		let (out, change) = <Venue as LiquiditySource<AccountId>>::swap_credit_exact_out(
			&p,
			credit(USDT, BOB, 1_000_000),
			400_000,
		)
		.unwrap_or_else(|(_, e)| panic!("{e:?}"));
		assert_eq!(out.peek(), 400_000);
		assert_eq!((change.asset(), change.peek()), (USDT, 1_000_000 - quote[0]));
		assert_ok!(NativeAndAssets::resolve(&BOB, out));
		assert_ok!(NativeAndAssets::resolve(&BOB, change));
		// A credit swap that cannot reach its minimum hands the whole credit back.
		let pool_before = Pools::<Test>::get(id);
		let (back, e) = <Venue as LiquiditySource<AccountId>>::swap_credit_exact_in(
			&p,
			credit(USDT, BOB, 1_000_000),
			LIQ,
		)
		.map(|_| ())
		.unwrap_err();
		assert_eq!(e, Error::<Test>::InsufficientOutput.into());
		assert_eq!((back.asset(), back.peek()), (USDT, 1_000_000));
		assert_ok!(NativeAndAssets::resolve(&BOB, back));
		assert_eq!(Pools::<Test>::get(id), pool_before);
		// Exact out with too small a credit: handed back too.
		let (back, e) = <Venue as LiquiditySource<AccountId>>::swap_credit_exact_out(
			&p,
			credit(USDT, BOB, 10),
			400_000,
		)
		.map(|_| ())
		.unwrap_err();
		assert_eq!((e, back.peek()), (Error::<Test>::ExcessiveInput.into(), 10));
		assert_ok!(NativeAndAssets::resolve(&BOB, back));
		// Nothing minted or burned on the way.
		assert_eq!((issuance(USDT), issuance(USDC)), (usdt_issued, usdc_issued));
		try_state();
	});
}

#[test]
fn swap_trait_routes_each_pair_through_its_best_pool() {
	new_test_ext().execute_with(|| {
		// Two USDT/USDC pools: the deeper one pays more for the same input.
		let shallow = cp_pool(USDT, USDC, LIQ / 100, LIQ / 100);
		assert_ok!(Dex::create_pool(origin(ALICE), USDT, USDC, Permill::from_parts(500)));
		let deep = NextPoolId::<Test>::get() - 1;
		assert_ok!(Dex::add_liquidity(origin(ALICE), deep, amounts(&[LIQ, LIQ]), 1));
		let amount = LIQ / 1_000;
		let via_deep = quote_in_now(path(&[(deep, USDT, USDC)]).to_vec(), amount).unwrap()[1];
		let via_shallow = quote_in_now(path(&[(shallow, USDT, USDC)]).to_vec(), amount).unwrap()[1];
		assert!(via_deep > via_shallow);
		let before = bal(USDC, CHARLIE);
		let out = <Venue as Swap<AccountId>>::swap_exact_tokens_for_tokens(
			BOB,
			vec![USDT, USDC],
			amount,
			Some(1),
			CHARLIE,
			true,
		)
		.unwrap();
		assert_eq!(out, via_deep);
		assert_eq!(bal(USDC, CHARLIE) - before, out);
		// Exact out: the pool asking the least.
		let need_deep =
			Venue::quote_exact_out(&path(&[(deep, USDT, USDC)]), amount, 1).unwrap()[0].amount_in;
		let paid = <Venue as Swap<AccountId>>::swap_tokens_for_exact_tokens(
			BOB,
			vec![USDT, USDC],
			amount,
			None,
			BOB,
			true,
		)
		.unwrap();
		assert_eq!(paid, need_deep);
		assert_eq!(<Venue as Swap<AccountId>>::max_path_len(), 5);
		// No pool for the pair.
		assert_noop!(
			<Venue as Swap<AccountId>>::swap_exact_tokens_for_tokens(
				BOB,
				vec![WBTC, DAI],
				1_000,
				None,
				BOB,
				true
			),
			Error::<Test>::PoolNotFound
		);
		try_state();
	});
}

#[test]
fn swap_credit_trait_swaps_along_asset_paths() {
	new_test_ext().execute_with(|| {
		let a = cp_pool(NATIVE, USDT, LIQ, LIQ);
		let b = stable_pool(&[USDT, USDC], LIQ);
		let assets = vec![NATIVE, USDT, USDC];
		let expected =
			quote_in_now(path(&[(a, NATIVE, USDT), (b, USDT, USDC)]).to_vec(), 2_000_000).unwrap();
		let out = <Venue as SwapCredit<AccountId>>::swap_exact_tokens_for_tokens(
			assets.clone(),
			credit(NATIVE, BOB, 2_000_000),
			None,
		)
		.unwrap_or_else(|(_, e)| panic!("{e:?}"));
		assert_eq!((out.asset(), out.peek()), (USDC, expected[2]));
		assert_ok!(NativeAndAssets::resolve(&BOB, out));
		let (out, change) = <Venue as SwapCredit<AccountId>>::swap_tokens_for_exact_tokens(
			assets.clone(),
			credit(NATIVE, BOB, 2_000_000),
			1_000_000,
		)
		.unwrap_or_else(|(_, e)| panic!("{e:?}"));
		assert_eq!(out.peek(), 1_000_000);
		assert!(change.peek() > 0 && change.asset() == NATIVE);
		assert_ok!(NativeAndAssets::resolve(&BOB, out));
		assert_ok!(NativeAndAssets::resolve(&BOB, change));
		// A credit of another asset than the path's first is refused and handed back.
		let (back, e) = <Venue as SwapCredit<AccountId>>::swap_exact_tokens_for_tokens(
			assets,
			credit(USDC, BOB, 1_000),
			None,
		)
		.map(|_| ())
		.unwrap_err();
		assert_eq!(
			(e, back.asset(), back.peek()),
			(Error::<Test>::InvalidPath.into(), USDC, 1_000)
		);
		assert_ok!(NativeAndAssets::resolve(&BOB, back));
		try_state();
	});
}

#[test]
fn quote_price_with_and_without_the_fee() {
	new_test_ext().execute_with(|| {
		let id = cp_pool(USDT, USDC, LIQ, 2 * LIQ);
		let amount = 1_000_000;
		let with_fee =
			<Venue as QuotePrice>::quote_price_exact_tokens_for_tokens(USDT, USDC, amount, true)
				.unwrap();
		assert_eq!(with_fee, quote_in_now(path(&[(id, USDT, USDC)]).to_vec(), amount).unwrap()[1]);
		// Without fee or price impact: the spot price, 2 USDC per USDT.
		assert_eq!(
			<Venue as QuotePrice>::quote_price_exact_tokens_for_tokens(USDT, USDC, amount, false),
			Some(2 * amount)
		);
		assert!(with_fee < 2 * amount);
		// Exact out: what must be paid, rounded up.
		let need =
			<Venue as QuotePrice>::quote_price_tokens_for_exact_tokens(USDC, USDT, amount, true)
				.unwrap();
		assert_eq!(
			need,
			Venue::quote_exact_out(&path(&[(id, USDC, USDT)]), amount, 1).unwrap()[0].amount_in
		);
		assert_eq!(
			<Venue as QuotePrice>::quote_price_tokens_for_exact_tokens(USDC, USDT, amount, false),
			Some(2 * amount)
		);
		// No pool for the pair: no quote.
		assert_eq!(
			<Venue as QuotePrice>::quote_price_exact_tokens_for_tokens(USDT, WBTC, amount, true),
			None
		);
	});
}

#[test]
fn price_source_answers_in_both_directions_from_the_deepest_pool() {
	new_test_ext().execute_with(|| {
		let shallow = cp_pool(USDT, USDC, LIQ / 10, LIQ / 5);
		assert_ok!(Dex::create_pool(origin(ALICE), USDT, USDC, Permill::from_parts(500)));
		let deep = NextPoolId::<Test>::get() - 1;
		assert_ok!(Dex::add_liquidity(origin(ALICE), deep, amounts(&[LIQ, 2 * LIQ]), 1));
		for block in 2..=30 {
			System::set_block_number(block);
			for pool in [shallow, deep] {
				assert_ok!(Dex::swap_exact_in(
					origin(BOB),
					path(&[(pool, USDT, USDC)]),
					1_000,
					1,
					BOB,
					100
				));
			}
		}
		let usdt_in_usdc: WindowPrice<u64> =
			<Venue as PriceSource<Asset, u64>>::window_price(&USDT, &USDC, 10).unwrap();
		assert_eq!(usdt_in_usdc.quote_liquidity, reserves(deep)[1]);
		assert!(
			usdt_in_usdc.price.into_inner().abs_diff(FixedU128::from_u32(2).into_inner())
				< FixedU128::DIV / 1_000
		);
		let usdc_in_usdt =
			<Venue as PriceSource<Asset, u64>>::window_price(&USDC, &USDT, 10).unwrap();
		assert_eq!(usdc_in_usdt.quote_liquidity, reserves(deep)[0]);
		let product = usdt_in_usdc.price.saturating_mul(usdc_in_usdt.price);
		assert!(product.into_inner().abs_diff(FixedU128::DIV) < FixedU128::DIV / 1_000_000);
		// No pool, or no history that long.
		assert_eq!(<Venue as PriceSource<Asset, u64>>::window_price(&WBTC, &USDC, 10), None);
		assert_eq!(<Venue as PriceSource<Asset, u64>>::window_price(&USDT, &USDC, 1_000), None);
	});
}

#[test]
fn error_paused_stops_trait_swaps_but_not_the_dispatched_call() {
	new_test_ext().execute_with(|| {
		let id = cp_pool(USDT, USDC, LIQ, LIQ);
		let p = path(&[(id, USDT, USDC)]).to_vec();
		paused("swap_exact_in");
		assert_noop!(
			<Venue as LiquiditySource<AccountId>>::swap_exact_in(&BOB, &p, 1_000, 1, &BOB),
			Error::<Test>::Paused
		);
		assert_noop!(
			<Venue as Swap<AccountId>>::swap_exact_tokens_for_tokens(
				BOB,
				vec![USDT, USDC],
				1_000,
				None,
				BOB,
				true
			),
			Error::<Test>::Paused
		);
		let (back, e) = <Venue as SwapCredit<AccountId>>::swap_exact_tokens_for_tokens(
			vec![USDT, USDC],
			credit(USDT, BOB, 1_000),
			None,
		)
		.map(|_| ())
		.unwrap_err();
		assert_eq!((e, back.peek()), (Error::<Test>::Paused.into(), 1_000));
		assert_ok!(NativeAndAssets::resolve(&BOB, back));
		// Exact out is its own call: still open. (The runtime's call filter stops dispatched
		// calls; the mock has none.)
		assert_ok!(<Venue as Swap<AccountId>>::swap_tokens_for_exact_tokens(
			BOB,
			vec![USDT, USDC],
			1_000,
			None,
			BOB,
			true
		));
		paused("swap_exact_out");
		assert_noop!(
			<Venue as LiquiditySource<AccountId>>::swap_exact_out(&BOB, &p, 1_000, LIQ, &BOB),
			Error::<Test>::Paused
		);
		PausedCalls::set(vec![]);
	});
}

#[test]
fn every_hop_of_every_swap_reaches_the_trade_hook() {
	new_test_ext().execute_with(|| {
		Trades::set(vec![]);
		let a = cp_pool(NATIVE, USDT, LIQ, LIQ);
		let b = cp_pool(USDT, USDC, LIQ, LIQ);
		assert_ok!(Dex::swap_exact_in(
			origin(BOB),
			path(&[(a, NATIVE, USDT), (b, USDT, USDC)]),
			10_000,
			1,
			BOB,
			10
		));
		let trades = Trades::get();
		assert_eq!(trades.len(), 2);
		assert_eq!((trades[0].0, trades[0].1, trades[0].2), (Some(BOB), a, 10_000));
		assert_eq!((trades[1].1, trades[1].2), (b, trades[0].3));
		let out = <Venue as LiquiditySource<AccountId>>::swap_credit_exact_in(
			&path(&[(b, USDT, USDC)]),
			credit(USDT, BOB, 5_000),
			1,
		)
		.unwrap_or_else(|(_, e)| panic!("{e:?}"));
		assert_eq!(
			Trades::get().last().map(|t| (t.0, t.1, t.2, t.3)),
			Some((None, b, 5_000, out.peek()))
		);
		assert_ok!(NativeAndAssets::resolve(&BOB, out));
	});
}

#[test]
fn asset_paths_never_route_through_one_pool_twice() {
	new_test_ext().execute_with(|| {
		// USDT -> USDC -> DAI: the stable pool is the only USDT/USDC venue and the deepest
		// USDC/DAI one, but a path may use a pool once, so the second hop takes the other pool.
		// (Before, both hops picked the stable pool and the swap failed with `RepeatedPool`.)
		let stable = stable_pool(&[USDT, USDC, DAI], LIQ);
		let cp = cp_pool(USDC, DAI, LIQ / 10, LIQ / 10);
		let hops = Venue::best_path(&[USDT, USDC, DAI], 1_000_000, false, 1).unwrap();
		assert_eq!(hops.iter().map(|h| h.pool_id).collect::<Vec<_>>(), vec![stable, cp]);
		let before = bal(DAI, BOB);
		let out = <Venue as Swap<AccountId>>::swap_exact_tokens_for_tokens(
			BOB,
			vec![USDT, USDC, DAI],
			1_000_000,
			Some(1),
			BOB,
			true,
		)
		.unwrap();
		assert_eq!(bal(DAI, BOB) - before, out);
		try_state();
	});
}
