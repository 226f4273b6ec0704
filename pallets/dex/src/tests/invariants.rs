//! Random operation sequences from several accounts against three pools: every invariant after
//! every step, and every kind of operation must succeed somewhere in the run.
use super::*;
use core::cell::RefCell;
use primitive_types::U256;
use proptest::{prelude::*, test_runner::TestRunner};

const ACTORS: [AccountId; 3] = [ALICE, BOB, CHARLIE];
/// Holds LP tokens in every pool and never acts: its share value must never fall.
const PASSIVE: AccountId = EVE;
const TOKENS: [Asset; 5] = [NATIVE, USDT, USDC, DAI, WBTC];

#[derive(Clone, Debug)]
enum Op {
	Add { who: usize, pool: usize, a: Balance, b: Balance, c: Balance },
	Remove { who: usize, pool: usize, permille: u32 },
	RemoveOne { who: usize, permille: u32, asset: usize },
	SwapIn { who: usize, route: usize, amount: Balance },
	SwapOut { who: usize, route: usize, amount: Balance },
	NextBlock,
	CreatePool { tier: usize },
	CollectProtocolFees { pool: usize },
}

fn op() -> impl Strategy<Value = Op> {
	let amount = 1u128..=LIQ / 20;
	prop_oneof![
		(0..3usize, 0..3usize, amount.clone(), amount.clone(), amount.clone())
			.prop_map(|(who, pool, a, b, c)| Op::Add { who, pool, a, b, c }),
		(0..3usize, 0..3usize, 1..1000u32).prop_map(|(who, pool, permille)| Op::Remove {
			who,
			pool,
			permille
		}),
		(0..3usize, 1..1000u32, 0..3usize).prop_map(|(who, permille, asset)| Op::RemoveOne {
			who,
			permille,
			asset
		}),
		(0..3usize, 0..5usize, amount.clone()).prop_map(|(who, route, amount)| Op::SwapIn {
			who,
			route,
			amount
		}),
		(0..3usize, 0..5usize, 1u128..=LIQ / 50).prop_map(|(who, route, amount)| Op::SwapOut {
			who,
			route,
			amount
		}),
		Just(Op::NextBlock),
		(0..3usize).prop_map(|tier| Op::CreatePool { tier }),
		(0..3usize).prop_map(|pool| Op::CollectProtocolFees { pool }),
	]
}

/// Pools: 0 = NATIVE/USDT (cp), 1 = USDT/USDC (cp), 2 = USDT/USDC/DAI (stable).
fn setup() -> [u32; 3] {
	assert_ok!(Dex::set_protocol_fee_share(RuntimeOrigin::root(), Permill::from_percent(10)));
	let a = cp_pool(NATIVE, USDT, LIQ, LIQ);
	let b = cp_pool(USDT, USDC, LIQ, 2 * LIQ);
	let c = stable_pool(&[USDT, USDC, DAI], LIQ);
	for pool in [a, b, c] {
		let n = Pools::<Test>::get(pool).unwrap().assets.len();
		assert_ok!(Dex::add_liquidity(origin(PASSIVE), pool, amounts(&vec![LIQ / 10; n]), 1));
	}
	[a, b, c]
}

fn route(pools: &[u32; 3], k: usize) -> Vec<(u32, Asset, Asset)> {
	match k {
		0 => vec![(pools[0], NATIVE, USDT)],
		1 => vec![(pools[1], USDC, USDT)],
		2 => vec![(pools[2], USDT, DAI)],
		3 => vec![(pools[0], NATIVE, USDT), (pools[2], USDT, USDC)],
		_ => vec![(pools[2], DAI, USDC), (pools[1], USDC, USDT), (pools[0], USDT, NATIVE)],
	}
}

fn holders() -> Vec<AccountId> {
	let mut all: Vec<AccountId> = vec![ALICE, BOB, CHARLIE, 4, EVE, TREASURY];
	all.extend((0..NextPoolId::<Test>::get()).map(Pallet::pool_account));
	all
}

/// Every holder's balance of `asset`, held amounts (pool deposits) included.
fn total(asset: Asset) -> Balance {
	holders()
		.iter()
		.map(|who| NativeAndAssets::total_balance(asset.clone(), who))
		.sum()
}

/// Pool "size" per LP share, compared as a cross product: sqrt(k) for constant product
/// (compared squared), D for stable pools.
fn size(pool_id: u32) -> U256 {
	let pool = Pools::<Test>::get(pool_id).unwrap();
	match &pool.kind {
		PoolKind::ConstantProduct => U256::from(pool.reserves[0]) * U256::from(pool.reserves[1]),
		PoolKind::Stable { amplification, precision_multipliers } => {
			let balances: Vec<u128> = pool
				.reserves
				.iter()
				.zip(precision_multipliers.iter())
				.map(|(r, m)| r * m)
				.collect();
			let amp = Pallet::amplification_now(amplification, System::block_number());
			U256::from(crate::math::calculate_d(&balances, amp).unwrap())
		},
	}
}

fn is_stable(pool_id: u32) -> bool {
	Pools::<Test>::get(pool_id).unwrap().is_stable()
}

/// `size/supply` did not fall: for cp `k1 * s0^2 >= k0 * s1^2`, for stable `d1 * s0 >= d0 * s1`.
fn per_share_not_down(pool_id: u32, before: (U256, Balance), after: (U256, Balance)) -> bool {
	let (s0, s1) = (U256::from(before.1), U256::from(after.1));
	if is_stable(pool_id) {
		after.0 * s0 >= before.0 * s1
	} else {
		after.0 * s0 * s0 >= before.0 * s1 * s1
	}
}

/// Successful operations per kind over the whole run: a kind that never succeeds is not
/// being tested, so the run fails.
#[derive(Default, Debug)]
struct Successes {
	add: usize,
	remove: usize,
	remove_one: usize,
	swap_in: usize,
	swap_out: usize,
	create_pool: usize,
	collect: usize,
}

/// Errors an `add_liquidity` of random amounts may meet; anything else is a defect.
fn allowed_add_error(e: DispatchError) -> bool {
	[
		Error::<Test>::InsufficientShares.into(),
		// Rounding at the pool's price can leave one side of a constant-product deposit at 0.
		Error::<Test>::ZeroAmount.into(),
		Error::<Test>::ZeroOutput.into(),
		Error::<Test>::PriceMoveTooLarge.into(),
		Error::<Test>::InsufficientLiquidity.into(),
		DispatchError::Token(TokenError::FundsUnavailable),
	]
	.contains(&e)
}

/// Errors a `remove_liquidity_one_asset` of a random share may meet.
fn allowed_remove_one_error(e: DispatchError) -> bool {
	[
		Error::<Test>::ZeroAmount.into(),
		Error::<Test>::ZeroOutput.into(),
		Error::<Test>::TradeTooLarge.into(),
		Error::<Test>::PriceMoveTooLarge.into(),
		Error::<Test>::InsufficientLiquidity.into(),
	]
	.contains(&e)
}

fn run(ops: Vec<Op>, successes: &RefCell<Successes>) -> Result<(), TestCaseError> {
	new_test_ext().execute_with(|| {
		let pools = setup();
		let totals: Vec<Balance> = TOKENS.iter().map(|t| total(t.clone())).collect();
		for op in ops {
			let snapshot: Vec<(U256, Balance)> =
				pools.iter().map(|p| (size(*p), PoolAssets::total_issuance(*p))).collect();
			let mut swapped = false;
			match op {
				Op::Add { who, pool, a, b, c } => {
					let n = Pools::<Test>::get(pools[pool]).unwrap().assets.len();
					let v = [a, b, c];
					let (shares_before, reserves_before) =
						(lp(pools[pool], ACTORS[who]), reserves(pools[pool]));
					match Dex::add_liquidity(origin(ACTORS[who]), pools[pool], amounts(&v[..n]), 1)
					{
						Ok(()) => {
							successes.borrow_mut().add += 1;
							let RuntimeEvent::Dex(Event::LiquidityAdded {
								amounts: paid,
								shares,
								..
							}) = last_event()
							else {
								return Err(TestCaseError::fail("no LiquidityAdded event"));
							};
							// Minted what the event says, took at most what was offered, and
							// the reserves grew by exactly what was taken.
							prop_assert_eq!(lp(pools[pool], ACTORS[who]), shares_before + shares);
							prop_assert!(shares > 0);
							for k in 0..n {
								prop_assert!(paid[k] <= v[k]);
								prop_assert_eq!(
									reserves(pools[pool])[k],
									reserves_before[k] + paid[k]
								);
							}
						},
						Err(e) => prop_assert!(allowed_add_error(e), "add failed: {:?}", e),
					}
				},
				Op::Remove { who, pool, permille } => {
					let shares = lp(pools[pool], ACTORS[who]) * permille as u128 / 1000;
					let n = Pools::<Test>::get(pools[pool]).unwrap().assets.len();
					let before: Vec<Balance> = reserves(pools[pool]);
					let supply = PoolAssets::total_issuance(pools[pool]);
					if Dex::remove_liquidity(
						origin(ACTORS[who]),
						pools[pool],
						shares,
						amounts(&vec![0; n]),
					)
					.is_ok()
					{
						successes.borrow_mut().remove += 1;
						// Rounding never pays more than the exact proportional amount.
						for (k, r) in reserves(pools[pool]).iter().enumerate() {
							let paid = before[k] - r;
							prop_assert!(
								U256::from(paid) * U256::from(supply)
									<= U256::from(shares) * U256::from(before[k])
							);
						}
					}
				},
				Op::RemoveOne { who, permille, asset } => {
					let shares = lp(pools[2], ACTORS[who]) * permille as u128 / 1000;
					let token = [USDT, USDC, DAI][asset].clone();
					let (held, reserve) =
						(bal(token.clone(), ACTORS[who]), reserves(pools[2])[asset]);
					let supply = PoolAssets::total_issuance(pools[2]);
					let accrued_before = Pools::<Test>::get(pools[2]).unwrap().protocol_fees[asset];
					match Dex::remove_liquidity_one_asset(
						origin(ACTORS[who]),
						pools[2],
						shares,
						token.clone(),
						0,
					) {
						Ok(()) => {
							successes.borrow_mut().remove_one += 1;
							let paid = bal(token.clone(), ACTORS[who]) - held;
							prop_assert!(paid > 0);
							prop_assert_eq!(PoolAssets::total_issuance(pools[2]), supply - shares);
							// The reserve paid the trader and the protocol's part of the fee.
							let accrued =
								Pools::<Test>::get(pools[2]).unwrap().protocol_fees[asset];
							prop_assert_eq!(
								reserves(pools[2])[asset] + paid + (accrued - accrued_before),
								reserve
							);
						},
						Err(e) => prop_assert!(allowed_remove_one_error(e), "remove one: {:?}", e),
					}
				},
				Op::SwapIn { who, route: k, amount } => {
					let r = route(&pools, k);
					let first_pool = r[0].0;
					let (ri, ro) = {
						let pool = Pools::<Test>::get(first_pool).unwrap();
						(
							pool.reserves[pool.index_of(&r[0].1).unwrap()],
							pool.reserves[pool.index_of(&r[0].2).unwrap()],
						)
					};
					let quote = quote_in_now(path(&r).to_vec(), amount);
					let result = Dex::swap_exact_in(
						origin(ACTORS[who]),
						path(&r),
						amount,
						1,
						ACTORS[who],
						1_000,
					);
					prop_assert_eq!(result.is_ok(), quote.is_some());
					if let (Ok(_), Some(q)) = (result, quote) {
						swapped = true;
						successes.borrow_mut().swap_in += 1;
						// Executed output equals the quote; a constant-product hop never pays
						// more than the exact formula.
						if let RuntimeEvent::Dex(Event::Swapped { amounts, .. }) = last_event() {
							prop_assert_eq!(amounts, q.clone());
						}
						if !is_stable(first_pool) {
							let g = U256::from(997_000u128);
							let (out, inp) = (U256::from(q[1]), U256::from(amount));
							prop_assert!(
								out * (U256::from(ri) * U256::from(1_000_000u128) + inp * g)
									<= inp * g * U256::from(ro)
							);
						}
					}
				},
				Op::SwapOut { who, route: k, amount } => {
					let r = route(&pools, k);
					let before = bal(r.last().unwrap().2.clone(), ACTORS[who]);
					if Dex::swap_exact_out(
						origin(ACTORS[who]),
						path(&r),
						amount,
						LIQ,
						ACTORS[who],
						1_000,
					)
					.is_ok()
					{
						swapped = true;
						successes.borrow_mut().swap_out += 1;
						prop_assert_eq!(
							bal(r.last().unwrap().2.clone(), ACTORS[who]) - before,
							amount
						);
					}
				},
				Op::NextBlock => System::set_block_number(System::block_number() + 1),
				Op::CreatePool { tier } => {
					let fee = fee_tiers()[tier];
					let existed = PairPools::<Test>::contains_key((DAI, WBTC, fee));
					let next = NextPoolId::<Test>::get();
					match Dex::create_pool(origin(ALICE), DAI, WBTC, fee) {
						Ok(()) => {
							successes.borrow_mut().create_pool += 1;
							prop_assert!(!existed);
							prop_assert_eq!(PairPools::<Test>::get((DAI, WBTC, fee)), Some(next));
							prop_assert!(Pallet::pools_for_pair(&WBTC, &DAI).contains(&next));
						},
						Err(e) => {
							prop_assert!(existed);
							prop_assert_eq!(e, Error::<Test>::PoolExists.into());
						},
					}
				},
				Op::CollectProtocolFees { pool } => {
					let treasury_before: Vec<Balance> =
						TOKENS.iter().map(|t| bal(t.clone(), TREASURY)).collect();
					let accrued = Pools::<Test>::get(pools[pool]).unwrap().protocol_fees.to_vec();
					match Dex::collect_protocol_fees(origin(BOB), pools[pool]) {
						Ok(()) => {
							successes.borrow_mut().collect += 1;
							// The treasury received at most what had accrued, nothing else.
							let gained: Balance = TOKENS
								.iter()
								.zip(&treasury_before)
								.map(|(t, b)| bal(t.clone(), TREASURY) - b)
								.sum();
							prop_assert!(gained > 0 && gained <= accrued.iter().sum::<Balance>());
						},
						Err(e) => prop_assert_eq!(e, Error::<Test>::NoProtocolFees.into()),
					}
				},
			}
			Pallet::do_try_state().map_err(|e| TestCaseError::fail(format!("try_state: {e:?}")))?;
			for (k, t) in TOKENS.iter().enumerate() {
				prop_assert_eq!(total(t.clone()), totals[k], "token {:?} not conserved", t);
			}
			for (k, p) in pools.iter().enumerate() {
				let after = (size(*p), PoolAssets::total_issuance(*p));
				if swapped {
					// Swaps never shrink k (or D) with the LP supply unchanged.
					prop_assert_eq!(after.1, snapshot[k].1);
					prop_assert!(after.0 >= snapshot[k].0, "pool {} shrank in a swap", p);
				}
				prop_assert!(
					per_share_not_down(*p, snapshot[k], after),
					"pool {} value per share fell",
					p
				);
			}
		}
		// The passive LP can still withdraw.
		for p in pools {
			let shares = lp(p, PASSIVE);
			let n = Pools::<Test>::get(p).unwrap().assets.len();
			prop_assert!(
				Dex::remove_liquidity(origin(PASSIVE), p, shares, amounts(&vec![0; n])).is_ok()
			);
		}
		Ok(())
	})
}

#[test]
fn random_operation_sequences_keep_every_invariant() {
	let successes = RefCell::new(Successes::default());
	let mut runner = TestRunner::new(crate::math::testing::proptest_config());
	let result = runner.run(&proptest::collection::vec(op(), 1..25), |ops| run(ops, &successes));
	if let Err(e) = result {
		panic!("{e}");
	}
	let s = successes.into_inner();
	for (kind, n) in [
		("add_liquidity", s.add),
		("remove_liquidity", s.remove),
		("remove_liquidity_one_asset", s.remove_one),
		("swap_exact_in", s.swap_in),
		("swap_exact_out", s.swap_out),
		("create_pool", s.create_pool),
		("collect_protocol_fees", s.collect),
	] {
		assert!(n > 0, "{kind} never succeeded: {s:?}");
	}
}
