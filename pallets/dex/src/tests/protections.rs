//! The protections that could once be walked around, each shown by a test that failed before
//! its fix: quotes that priced the wrong block, deposit-withdraw round trips past the swap
//! limits, unwatched pairs of multi-asset pools, prices that became 0, a TWAP horizon of a few
//! blocks and token errors that all read `BelowMinimum`.

use super::*;
use crate::{Observations, PriceReference, OBSERVATIONS};
use sp_runtime::{BuildStorage, DispatchResult};

fn swap_in(who: AccountId, hops: &[(u32, Asset, Asset)], amount: Balance) -> DispatchResult {
	Dex::swap_exact_in(origin(who), path(hops), amount, 1, who, 1_000)
		.map(|_| ())
		.map_err(|e| e.error)
}

fn next_block() {
	System::set_block_number(System::block_number() + 1);
}

/// Price of asset `i` in asset `j` of a pool, from its marginal values.
fn pair_price(pool_id: u32, i: usize, j: usize) -> FixedU128 {
	let pool = Pools::<Test>::get(pool_id).unwrap();
	let values = Pallet::marginal_values(&pool, System::block_number()).unwrap();
	FixedU128::checked_from_rational(values[i], values[j]).unwrap()
}

#[test]
fn quotes_price_the_next_block_as_execution_does() {
	new_test_ext().execute_with(|| {
		MaxPriceMovePerBlock::set(Permill::from_percent(20));
		let id = cp_pool(USDT, USDC, LIQ, LIQ);
		next_block();
		// Block B: a sale of 9 % of the reserve moves the price of USDT by about -17 %.
		assert_ok!(swap_in(BOB, &[(id, USDT, USDC)], 9 * LIQ / 100));
		// The opposite swap lifts the price ~10 % above B's opening price: within 20 % of it
		// (what a quote at B used to compare with) but ~30 % above B's close.
		let back = 13 * LIQ / 100;
		let opposite = path(&[(id, USDC, USDT)]).to_vec();
		assert!(quote_in_now(opposite.clone(), back).is_some(), "within block B's limit");
		// The API quotes the block the swap will run in: B+1, where B's close is the reference.
		assert_eq!(Pallet::quote_amounts_exact_in(opposite.clone(), back), None);
		// A smaller opposite swap is quoted at B+1's prices, and executes exactly as quoted.
		let small = LIQ / 100;
		let quote = Pallet::quote_amounts_exact_in(opposite, small).expect("quoted");
		next_block();
		assert_noop!(swap_in(CHARLIE, &[(id, USDC, USDT)], back), Error::<Test>::PriceMoveTooLarge);
		let before = bal(USDT, CHARLIE);
		assert_ok!(swap_in(CHARLIE, &[(id, USDC, USDT)], small));
		assert_eq!(bal(USDT, CHARLIE) - before, quote[1]);
	});
}

#[test]
fn quotes_follow_an_amplification_ramp_into_the_next_block() {
	new_test_ext().execute_with(|| {
		let id = stable_pool(&[USDT, USDC], LIQ);
		assert_ok!(Dex::swap_exact_in(
			origin(BOB),
			path(&[(id, USDT, USDC)]),
			LIQ / 4,
			1,
			BOB,
			100
		));
		assert_ok!(Dex::ramp_amplification(RuntimeOrigin::root(), id, 1_000, 11));
		next_block();
		// Mid-ramp: the amplification differs block by block, and the quote uses the next one's.
		let hop = path(&[(id, USDT, USDC)]).to_vec();
		let quote = Pallet::quote_amounts_exact_in(hop.clone(), LIQ / 100).unwrap();
		assert_ne!(quote_in_now(hop, LIQ / 100).unwrap(), quote, "amplification moved");
		next_block();
		let before = bal(USDC, BOB);
		assert_ok!(Dex::swap_exact_in(
			origin(BOB),
			path(&[(id, USDT, USDC)]),
			LIQ / 100,
			1,
			BOB,
			100
		));
		assert_eq!(bal(USDC, BOB) - before, quote[1]);
		try_state();
	});
}

#[test]
fn imbalanced_deposit_then_single_asset_withdrawal_meets_the_swap_limits() {
	new_test_ext().execute_with(|| {
		let id = stable_pool(&[USDT, USDC], LIQ);
		assert_ok!(Dex::set_pool_protocol_fee_share(
			RuntimeOrigin::root(),
			id,
			Permill::from_percent(50)
		));
		next_block();
		MaxPriceMovePerBlock::set(Permill::from_parts(1_000)); // 0.1 %
														 // A swap of 40 % of a reserve moves the price by ~0.5 % (amplification 100): rejected.
		assert_noop!(
			swap_in(BOB, &[(id, USDT, USDC)], 4 * LIQ / 10),
			Error::<Test>::PriceMoveTooLarge
		);
		// The same trade as a one-sided deposit followed by a USDC-only withdrawal was the
		// way around it. The deposit alone now meets the price limit.
		assert_noop!(
			Dex::add_liquidity(origin(BOB), id, amounts(&[4 * LIQ / 10, 0]), 1),
			Error::<Test>::PriceMoveTooLarge
		);
		MaxPriceMovePerBlock::set(Permill::from_percent(200));
		assert_ok!(Dex::add_liquidity(origin(BOB), id, amounts(&[4 * LIQ / 10, 0]), 1));
		next_block();
		// And the withdrawal alone meets the price limit and the trade-size limit.
		MaxPriceMovePerBlock::set(Permill::from_parts(1_000));
		let shares = lp(id, BOB);
		assert_noop!(
			Dex::remove_liquidity_one_asset(origin(BOB), id, shares, USDC, 0),
			Error::<Test>::PriceMoveTooLarge
		);
		MaxPriceMovePerBlock::set(Permill::from_percent(200));
		MaxSwapReserveShare::set(Permill::from_percent(10));
		assert_noop!(
			Dex::remove_liquidity_one_asset(origin(BOB), id, shares, USDC, 0),
			Error::<Test>::TradeTooLarge
		);
		MaxSwapReserveShare::set(Permill::from_percent(50));
		// Within the limits it works, and the protocol takes its share of the imbalance fee as
		// it would of a swap's fee.
		let accrued = Pools::<Test>::get(id).unwrap().protocol_fees[1];
		assert_ok!(Dex::remove_liquidity_one_asset(origin(BOB), id, shares / 4, USDC, 0));
		assert!(Pools::<Test>::get(id).unwrap().protocol_fees[1] > accrued);
		try_state();
	});
}

#[test]
fn every_pair_of_a_three_asset_stable_pool_is_price_limited() {
	new_test_ext().execute_with(|| {
		let id = stable_pool(&[USDT, USDC, DAI], LIQ);
		next_block();
		let limit = Permill::from_parts(1_000); // 0.1 %
		MaxPriceMovePerBlock::set(limit);
		let usdt_usdc = pair_price(id, 0, 1);
		// A USDC -> DAI swap: the pair the old limit (assets[0] in assets[1]) did not watch.
		let amount = 2 * LIQ / 5;
		let result = swap_in(BOB, &[(id, USDC, DAI)], amount);
		assert_eq!(result, Err(Error::<Test>::PriceMoveTooLarge.into()));
		// Without the limit the trade goes through and moves USDC/DAI by more than 0.1 % while
		// USDT/USDC, all the old check looked at, moves by less.
		MaxPriceMovePerBlock::set(Permill::from_percent(200));
		let usdc_dai = pair_price(id, 1, 2);
		assert_ok!(swap_in(BOB, &[(id, USDC, DAI)], amount));
		assert!(!crate::math::price_move_within(usdc_dai, pair_price(id, 1, 2), limit));
		assert!(crate::math::price_move_within(usdt_usdc, pair_price(id, 0, 1), limit));
	});
}

#[test]
fn a_price_that_rounds_to_zero_is_undefined_not_zero() {
	new_test_ext().execute_with(|| {
		// USDT is worth 1e-20 USDC per base unit: below FixedU128's resolution.
		let huge: Balance = 100_000_000_000_000_000_000_000_000;
		assert_ok!(NativeAndAssets::mint_into(USDT, &BOB, huge));
		assert_ok!(Dex::create_pool(origin(BOB), USDT, USDC, FEE_030));
		let id = NextPoolId::<Test>::get() - 1;
		assert_ok!(Dex::add_liquidity(origin(BOB), id, amounts(&[huge / 2, 10_000_000]), 1));
		for _ in 0..10 {
			next_block();
			assert_ok!(swap_in(BOB, &[(id, USDC, USDT)], 1_000));
		}
		let pool = Pools::<Test>::get(id).unwrap();
		assert_eq!(Pallet::spot_price(&pool, System::block_number()), None);
		// Before the fix: Some(0) from `twap` and an EMA of 0, and a price limit switched off.
		assert_eq!(Pallet::twap(id, 3), None);
		assert_eq!(Pallet::ema_price(id), None);
		assert!(Observations::<Test>::get(id).is_empty());
		// The limit still works: it compares exact reserve ratios, not the rounded price.
		MaxPriceMovePerBlock::set(Permill::from_percent(1));
		next_block();
		assert_noop!(
			swap_in(BOB, &[(id, USDC, USDT)], 1_000_000),
			Error::<Test>::PriceMoveTooLarge
		);
		try_state();
	});
}

#[test]
fn error_price_undefined_fails_closed() {
	new_test_ext().execute_with(|| {
		let id = cp_pool(USDT, USDC, LIQ, LIQ);
		next_block();
		assert_ok!(swap_in(BOB, &[(id, USDT, USDC)], 1_000));
		// A pool whose prices could not be computed at the block's start has no reference:
		// nothing trades in it until the next block.
		Pools::<Test>::mutate(id, |p| {
			p.as_mut().unwrap().oracle.block_start = PriceReference::Undefined
		});
		assert_noop!(swap_in(BOB, &[(id, USDT, USDC)], 1_000), Error::<Test>::PriceUndefined);
		assert_noop!(
			Dex::add_liquidity(origin(BOB), id, amounts(&[1_000, 1_000]), 1),
			Error::<Test>::PriceUndefined
		);
		next_block();
		assert_ok!(swap_in(BOB, &[(id, USDT, USDC)], 1_000));
	});
}

#[test]
fn twap_reaches_an_hour_back_on_a_pool_traded_every_block() {
	new_test_ext().execute_with(|| {
		let id = cp_pool(USDT, USDC, LIQ, 2 * LIQ);
		// 700 blocks with trades both ways in each (the mock samples every 5 blocks).
		for _ in 0..700 {
			next_block();
			assert_ok!(swap_in(BOB, &[(id, USDT, USDC)], 1_000));
			assert_ok!(swap_in(BOB, &[(id, USDC, USDT)], 2_000));
		}
		let samples = Observations::<Test>::get(id);
		assert_eq!(samples.len() as u32, OBSERVATIONS);
		assert!(samples.windows(2).all(|w| w[1].block - w[0].block >= 5));
		// Reach: 32 samples × 5 blocks ≥ 150 blocks in the mock (960 in the runtime).
		let window = 120;
		let price = Pallet::window_price(id, window).expect("answers the window");
		assert!(price.covered >= window && price.covered < window + 5, "covered {}", price.covered);
		let two = FixedU128::from_u32(2);
		assert!(price.price.into_inner().abs_diff(two.into_inner()) < FixedU128::DIV / 1_000);
		assert_eq!(price.age, 0);
		assert_eq!(price.quote_liquidity, reserves(id)[1]);
		// Older than the ring: no answer rather than a sample older than asked.
		assert_eq!(Pallet::twap(id, 5 * OBSERVATIONS as u64 + 10), None);
	});
}

#[test]
fn observation_ring_wraps_and_keeps_windows_exact_between_changes() {
	new_test_ext().execute_with(|| {
		let id = cp_pool(USDT, USDC, LIQ, LIQ);
		for _ in 0..200 {
			next_block();
			assert_ok!(swap_in(BOB, &[(id, USDT, USDC)], 1_000));
		}
		let first_before = Observations::<Test>::get(id)[0].block;
		for _ in 0..20 {
			next_block();
			assert_ok!(swap_in(BOB, &[(id, USDT, USDC)], 1_000));
		}
		let samples = Observations::<Test>::get(id);
		assert_eq!(samples.len() as u32, OBSERVATIONS);
		assert!(samples[0].block > first_before, "the oldest samples were dropped");
		// No trade for 100 blocks: the price held since the last change is known at every
		// block, so any window inside that span is exact (covered == window).
		System::set_block_number(System::block_number() + 100);
		let spot =
			Pallet::spot_price(&Pools::<Test>::get(id).unwrap(), System::block_number()).unwrap();
		let quiet = Pallet::window_price(id, 50).unwrap();
		assert_eq!((quiet.covered, quiet.age), (50, 100));
		assert!(quiet.price.into_inner().abs_diff(spot.into_inner()) <= 1);
	});
}

#[test]
fn ema_weights_a_gap_of_blocks_as_that_many_blocks_at_the_held_price() {
	new_test_ext().execute_with(|| {
		let id = cp_pool(USDT, USDC, LIQ, LIQ);
		next_block();
		assert_ok!(swap_in(BOB, &[(id, USDT, USDC)], 1_000));
		// Move the price to ~1.21 and leave it for 10 blocks.
		next_block();
		assert_ok!(swap_in(BOB, &[(id, USDC, USDT)], LIQ / 10));
		let before_gap = Pallet::ema_price(id).unwrap();
		let held = Pallet::spot_price(&Pools::<Test>::get(id).unwrap(), 0).unwrap();
		System::set_block_number(System::block_number() + 10);
		assert_ok!(swap_in(BOB, &[(id, USDT, USDC)], 1_000));
		// alpha 10 %: ten blocks at `held` weigh as ten steps: held - (held - old) * 0.9^10.
		let keep = 0.9f64.powi(10);
		let expected = held.to_float() - (held.to_float() - before_gap.to_float()) * keep;
		let ema = Pallet::ema_price(id).unwrap().to_float();
		assert!((ema - expected).abs() < 1e-6, "ema {ema} expected {expected}");
	});
}

#[test]
fn token_errors_keep_their_own_reason() {
	new_test_ext().execute_with(|| {
		let id = cp_pool(USDT, USDC, LIQ, LIQ);
		// The owner of USDC blocks CHARLIE: he cannot receive it.
		assert_ok!(Assets::block(origin(ALICE), 2, CHARLIE));
		assert_noop!(
			Dex::swap_exact_in(origin(BOB), path(&[(id, USDT, USDC)]), 1_000, 1, CHARLIE, 10),
			TokenError::Blocked
		);
		// An output below the minimum balance of a new account still reads `BelowMinimum`.
		assert_noop!(
			Dex::swap_exact_in(origin(BOB), path(&[(id, USDT, USDC)]), 5, 1, 77, 10),
			TokenError::BelowMinimum
		);
	});
}

#[test]
#[should_panic(expected = "protocol fee share above the maximum")]
fn genesis_rejects_a_protocol_fee_share_above_the_maximum() {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	crate::GenesisConfig::<Test> {
		fee_tiers: fee_tiers(),
		protocol_fee_share: Permill::from_percent(51),
		pools: vec![],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
}

#[test]
fn sandwich_profit_is_bounded_by_the_victims_slippage() {
	new_test_ext().execute_with(|| {
		let id = cp_pool(USDT, USDC, LIQ, LIQ);
		next_block();
		let victim_in = LIQ / 100;
		let fair = quote_in_now(path(&[(id, USDT, USDC)]).to_vec(), victim_in).unwrap()[1];
		// The victim accepts 1 % less than the fair output.
		let min_out = fair - fair / 100;
		// The attacker front-runs with the largest buy that leaves the victim's swap valid.
		let (mut low, mut high) = (0, LIQ / 10);
		while high - low > 1_000 {
			let mid = (low + high) / 2;
			let after_front = frame_support::storage::with_transaction(|| {
				let ok = swap_in(EVE, &[(id, USDT, USDC)], mid).is_ok()
					&& quote_in_now(path(&[(id, USDT, USDC)]).to_vec(), victim_in)
						.map_or(false, |q| q[1] >= min_out);
				frame_support::storage::TransactionOutcome::Rollback(Ok::<_, DispatchError>(ok))
			})
			.unwrap();
			if after_front {
				low = mid
			} else {
				high = mid
			}
		}
		let (usdt0, usdc0) = (bal(USDT, EVE), bal(USDC, EVE));
		assert_ok!(swap_in(EVE, &[(id, USDT, USDC)], low));
		assert_ok!(Dex::swap_exact_in(
			origin(BOB),
			path(&[(id, USDT, USDC)]),
			victim_in,
			min_out,
			BOB,
			10
		));
		let got = bal(USDC, EVE) - usdc0;
		assert_ok!(swap_in(EVE, &[(id, USDC, USDT)], got));
		let profit = bal(USDT, EVE) as i128 - usdt0 as i128;
		// What the victim lost to slippage bounds what the attacker can make; two fees on the
		// attacker's round trip leave less than that.
		let victim_loss = (fair - min_out) as i128;
		assert!(profit < victim_loss, "profit {profit} loss bound {victim_loss}");
	});
}

#[test]
fn a_frozen_pool_asset_defers_its_payout_and_frees_the_others() {
	new_test_ext().execute_with(|| {
		let id = cp_pool(USDT, USDC, LIQ, LIQ);
		assert_ok!(Dex::add_liquidity(origin(BOB), id, amounts(&[LIQ / 10, LIQ / 10]), 1));
		let pool_account = Pallet::pool_account(id);
		// The owner of USDT freezes the pool's USDT: it can neither pay nor be swapped out.
		assert_ok!(Assets::freeze(origin(ALICE), 1, pool_account));
		assert_noop!(
			swap_in(CHARLIE, &[(id, USDC, USDT)], 1_000),
			pallet_assets::Error::<Test, pallet_assets::Instance1>::Frozen
		);
		// Bob still withdraws: his USDC now, his USDT owed until it can be paid.
		let (usdt, usdc) = (bal(USDT, BOB), bal(USDC, BOB));
		let shares = lp(id, BOB);
		assert_ok!(Dex::remove_liquidity(origin(BOB), id, shares, amounts(&[0, 0])));
		let owed = crate::Unclaimed::<Test>::get(id, BOB).expect("USDT owed");
		assert!(owed[0] > 0 && owed[1] == 0);
		assert_eq!(bal(USDT, BOB), usdt);
		assert!(bal(USDC, BOB) > usdc);
		assert!(System::events().iter().any(|e| matches!(
			&e.event,
			RuntimeEvent::Dex(Event::PayoutDeferred { who: BOB, asset, .. }) if *asset == USDT
		)));
		try_state();
		// While frozen there is nothing to claim; once thawed, the claim pays in full.
		assert_noop!(Dex::claim_unclaimed(origin(BOB), id), Error::<Test>::NothingToClaim);
		assert_ok!(Assets::thaw(origin(ALICE), 1, pool_account));
		assert_ok!(Dex::claim_unclaimed(origin(BOB), id));
		assert_eq!(bal(USDT, BOB), usdt + owed[0]);
		assert!(crate::Unclaimed::<Test>::get(id, BOB).is_none());
		assert_eq!(Pools::<Test>::get(id).unwrap().unclaimed.to_vec(), vec![0, 0]);
		try_state();
	});
}

#[test]
fn a_blocked_provider_is_paid_the_other_assets_and_owed_the_blocked_one() {
	new_test_ext().execute_with(|| {
		let id = cp_pool(USDT, USDC, LIQ, LIQ);
		assert_ok!(Dex::add_liquidity(origin(BOB), id, amounts(&[LIQ / 10, LIQ / 10]), 1));
		assert_ok!(Assets::block(origin(ALICE), 2, BOB));
		let usdt = bal(USDT, BOB);
		assert_ok!(Dex::remove_liquidity(origin(BOB), id, lp(id, BOB) / 2, amounts(&[0, 0])));
		assert!(bal(USDT, BOB) > usdt);
		assert!(crate::Unclaimed::<Test>::get(id, BOB).unwrap()[1] > 0);
		try_state();
	});
}

#[test]
fn protocol_fees_of_a_frozen_asset_keep_accruing_and_the_others_are_paid() {
	new_test_ext().execute_with(|| {
		let id = cp_pool(USDT, USDC, LIQ, LIQ);
		assert_ok!(Dex::set_pool_protocol_fee_share(
			RuntimeOrigin::root(),
			id,
			Permill::from_percent(50)
		));
		assert_ok!(swap_in(BOB, &[(id, USDT, USDC)], LIQ / 100));
		assert_ok!(swap_in(BOB, &[(id, USDC, USDT)], LIQ / 100));
		assert_ok!(Assets::freeze(origin(ALICE), 1, Pallet::pool_account(id)));
		let accrued = Pools::<Test>::get(id).unwrap().protocol_fees.to_vec();
		assert!(accrued[0] > 0 && accrued[1] > 0);
		assert_ok!(Dex::collect_protocol_fees(origin(BOB), id));
		assert_eq!(Pools::<Test>::get(id).unwrap().protocol_fees.to_vec(), vec![accrued[0], 0]);
		assert_eq!(bal(USDC, TREASURY), accrued[1]);
	});
}

#[test]
fn error_nothing_to_claim() {
	new_test_ext().execute_with(|| {
		let id = cp_pool(USDT, USDC, LIQ, LIQ);
		assert_noop!(Dex::claim_unclaimed(origin(BOB), id), Error::<Test>::NothingToClaim);
	});
}

#[test]
fn stable_pool_of_six_and_eighteen_decimal_assets_trades_at_par_in_whole_tokens() {
	new_test_ext().execute_with(|| {
		const E6: Balance = 1_000_000;
		const E18: Balance = 1_000_000_000_000_000_000;
		assert_ok!(NativeAndAssets::mint_into(DAI, &ALICE, 10_000_000 * E18));
		assert_ok!(NativeAndAssets::mint_into(DAI, &BOB, 1_000 * E18));
		// USDT has 6 decimals, DAI 18: the pool scales both to 18 before the invariant.
		assert_ok!(Dex::create_stable_pool(
			RuntimeOrigin::root(),
			BoundedVec::truncate_from(vec![USDT, DAI]),
			BoundedVec::truncate_from(vec![6, 18]),
			200,
			Permill::from_parts(400),
		));
		let id = NextPoolId::<Test>::get() - 1;
		assert_ok!(Dex::add_liquidity(
			origin(ALICE),
			id,
			amounts(&[1_000_000 * E6, 1_000_000 * E18]),
			1
		));
		next_block();
		// 100 USDT buy just under 100 DAI (0.04 % fee), exactly as quoted.
		let hop = path(&[(id, USDT, DAI)]);
		let quote = quote_in_now(hop.to_vec(), 100 * E6).unwrap();
		let before = bal(DAI, BOB);
		assert_ok!(Dex::swap_exact_in(origin(BOB), hop, 100 * E6, 1, BOB, 10));
		let got = bal(DAI, BOB) - before;
		assert_eq!(got, quote[1]);
		assert!(got < 100 * E18 && got > 99_900 * E18 / 1_000, "got {got}");
		// Back: 100 DAI buy just under 100 USDT; scaling down to 6 decimals rounds against the
		// trader, never in their favour.
		let back = path(&[(id, DAI, USDT)]);
		let usdt_before = bal(USDT, BOB);
		assert_ok!(Dex::swap_exact_in(origin(BOB), back.clone(), 100 * E18, 1, BOB, 10));
		let usdt_got = bal(USDT, BOB) - usdt_before;
		assert!(usdt_got < 100 * E6 && usdt_got > 99_900 * E6 / 1_000, "got {usdt_got}");
		// Exact out across the decimals: exactly 1 USDT for at most a little over 1 DAI.
		let dai_before = bal(DAI, BOB);
		assert_ok!(Dex::swap_exact_out(origin(BOB), back, E6, 2 * E18, BOB, 10));
		let paid = dai_before - bal(DAI, BOB);
		assert!(paid > E18 && paid < E18 + E18 / 1_000, "paid {paid}");
		// Spot price in base units: 1 USDT unit (1e-6) is worth ~1e12 DAI units.
		let spot =
			Pallet::spot_price(&Pools::<Test>::get(id).unwrap(), System::block_number()).unwrap();
		let ratio = spot.into_inner() / FixedU128::DIV;
		assert!((999_000_000_000..=1_001_000_000_000).contains(&ratio), "spot {spot:?}");
		try_state();
	});
}
