//! Random sequences of funding, staking, redemption, early exit, withdrawals of the pot,
//! changes of terms and time: after every step `try_state` holds, every product's books are
//! exact (`available + reserved + paid = funded + penalties − withdrawn`, so `paid + reserved ≤
//! funded + penalties`), and each account's balance is its start plus rewards, minus penalties
//! and funding: principal comes back exactly. At the end every position is redeemed or left
//! early; nothing stays held, and no position can be redeemed twice. Each stake reserves
//! `principal · APR · term / blocks a year` (rounded down, computed independently) and
//! matures `term` blocks later; a refused redemption is `NotMatured` and before maturity.

use super::*;
use defi_math::testing::proptest_config;
use proptest::prelude::*;
use sp_arithmetic::FixedPointNumber;
use std::collections::BTreeMap;

#[derive(Clone, Debug)]
enum Op {
	Fund { product: u32, amount: u128 },
	Stake { who: u8, product: u32, amount: u128 },
	Redeem { who: u8, pick: u8 },
	ExitEarly { who: u8, pick: u8 },
	Withdraw { product: u32, amount: u128 },
	Terms { product: u32, open: bool, apr_percent: u32 },
	Blocks { n: u64 },
}

fn op() -> impl Strategy<Value = Op> {
	let who = 0u8..3;
	prop_oneof![
		2 => (0u32..2, 1u128..300).prop_map(|(product, amount)| Op::Fund { product, amount }),
		8 => (who.clone(), 0u32..2, 1u128..60_000).prop_map(|(who, product, amount)| Op::Stake { who, product, amount }),
		4 => (who.clone(), any::<u8>()).prop_map(|(who, pick)| Op::Redeem { who, pick }),
		2 => (who, any::<u8>()).prop_map(|(who, pick)| Op::ExitEarly { who, pick }),
		1 => (0u32..2, 1u128..100).prop_map(|(product, amount)| Op::Withdraw { product, amount }),
		1 => (0u32..2, proptest::bool::weighted(0.85), 0u32..300).prop_map(|(product, open, apr_percent)| Op::Terms { product, open, apr_percent }),
		4 => (1u64..8).prop_map(|n| Op::Blocks { n }),
	]
}

#[derive(Default, Debug)]
struct Counts {
	succeeded: u32,
	fundings: u32,
	stakes: u32,
	/// Redemptions of the random operations (the final ones are not counted).
	redemptions: u32,
	early_redemptions_refused: u32,
	exits: u32,
	pot_withdrawals: u32,
	term_changes: u32,
	rejected_by_pot: u32,
}

std::thread_local! {
	static COUNTS: core::cell::RefCell<Counts> = core::cell::RefCell::new(Counts::default());
}

fn account(who: u8) -> AccountId {
	[ALICE, BOB, CHARLIE][who as usize].clone()
}

/// Per product: funded, penalties, withdrawn, paid.
#[derive(Default, Clone, Copy)]
struct Books {
	funded: Balance,
	penalties: Balance,
	withdrawn: Balance,
	paid: Balance,
}

fn check_books(books: &BTreeMap<u32, Books>) -> Result<(), TestCaseError> {
	for (id, b) in books {
		let p = Products::<Test>::get(id).unwrap();
		prop_assert_eq!(p.available + p.reserved + b.paid + b.withdrawn, b.funded + b.penalties);
		prop_assert!(b.paid + p.reserved <= b.funded + b.penalties);
	}
	Ok(())
}

fn run_case(ops: Vec<Op>, counts: &mut Counts) -> Result<(), TestCaseError> {
	new_test_ext().execute_with(|| {
		// Product 0's terms are 10 blocks; product 1's term is shortened so redemptions happen.
		assert_ok!(TermStaking::update_product(
			RuntimeOrigin::root(),
			1,
			ProductTerms { term: 20, ..usdt_terms() }
		));
		let mut books: BTreeMap<u32, Books> = (0..2).map(|id| (id, Books::default())).collect();
		// Expected native and USDT balance of each account (REWARD is product 1's reward).
		let mut native: BTreeMap<AccountId, Balance> = BTreeMap::new();
		let mut reward: BTreeMap<AccountId, Balance> = BTreeMap::new();
		for who in [ALICE, BOB, CHARLIE] {
			native.insert(who.clone(), INITIAL);
			reward.insert(who, INITIAL);
		}
		for op in ops {
			let result = match op.clone() {
				Op::Fund { product, amount } => {
					let amount = amount * UNIT / 10;
					let r = TermStaking::fund(RuntimeOrigin::signed(ALICE), product, amount);
					if r.is_ok() {
						counts.fundings += 1;
						books.get_mut(&product).unwrap().funded += amount;
						let map = if product == 0 { &mut native } else { &mut reward };
						*map.get_mut(&ALICE).unwrap() -= amount;
					}
					r
				},
				Op::Stake { who, product, amount } => {
					let who = account(who);
					let terms = Products::<Test>::get(product).unwrap().terms;
					let id = crate::NextPositionId::<Test>::get();
					let r = TermStaking::stake(
						RuntimeOrigin::signed(who.clone()),
						product,
						amount * UNIT,
					);
					match &r {
						Ok(()) => {
							counts.stakes += 1;
							// The reserved reward is principal · APR · term / blocks a year,
							// rounded down, computed here without the pallet's math.
							let position = Positions::<Test>::get(id).unwrap();
							let reward = (amount * UNIT)
								.checked_mul(terms.apr.into_inner())
								.and_then(|r| r.checked_mul(u128::from(terms.term)))
								.unwrap() / (u128::from(BLOCKS_PER_YEAR)
								* sp_arithmetic::FixedU128::DIV);
							prop_assert_eq!(position.reward, reward);
							prop_assert_eq!(position.principal, amount * UNIT);
							prop_assert_eq!(
								position.matures_at,
								System::block_number() + u64::from(terms.term)
							);
						},
						Err(e) if *e == Error::<Test>::PotInsufficient.into() => {
							counts.rejected_by_pot += 1
						},
						_ => {},
					}
					r
				},
				Op::Redeem { who, pick } => {
					let who = account(who);
					let ids = AccountPositions::<Test>::get(&who);
					if ids.is_empty() {
						continue;
					}
					let id = ids[pick as usize % ids.len()];
					let position = Positions::<Test>::get(id).unwrap();
					let r = TermStaking::redeem(RuntimeOrigin::signed(who.clone()), id);
					if r.is_ok() {
						counts.redemptions += 1;
						books.get_mut(&position.product).unwrap().paid += position.reward;
						let map = if position.product == 0 { &mut native } else { &mut reward };
						*map.get_mut(&who).unwrap() += position.reward;
						// Once redeemed, it is gone.
						prop_assert_eq!(
							TermStaking::redeem(RuntimeOrigin::signed(who.clone()), id),
							Err(Error::<Test>::PositionNotFound.into())
						);
					} else {
						prop_assert!(System::block_number() < position.matures_at);
						prop_assert_eq!(r.clone(), Err(Error::<Test>::NotMatured.into()));
						counts.early_redemptions_refused += 1;
					}
					r
				},
				Op::ExitEarly { who, pick } => {
					let who = account(who);
					let ids = AccountPositions::<Test>::get(&who);
					if ids.is_empty() {
						continue;
					}
					let id = ids[pick as usize % ids.len()];
					let position = Positions::<Test>::get(id).unwrap();
					let r = TermStaking::exit_early(RuntimeOrigin::signed(who.clone()), id);
					if r.is_ok() {
						counts.exits += 1;
						let penalty = defi_math::rewards::exit_penalty(
							position.principal,
							position.early_exit_penalty.unwrap(),
						)
						.unwrap();
						books.get_mut(&0).unwrap().penalties += penalty;
						*native.get_mut(&who).unwrap() -= penalty;
					}
					r
				},
				Op::Withdraw { product, amount } => {
					let amount = amount * UNIT / 100;
					let r =
						TermStaking::withdraw_pot(RuntimeOrigin::root(), product, amount, CHARLIE);
					if r.is_ok() {
						counts.pot_withdrawals += 1;
						books.get_mut(&product).unwrap().withdrawn += amount;
						let map = if product == 0 { &mut native } else { &mut reward };
						*map.get_mut(&CHARLIE).unwrap() += amount;
					}
					r
				},
				Op::Terms { product, open, apr_percent } => {
					let base = if product == 0 {
						native_terms()
					} else {
						ProductTerms { term: 20, ..usdt_terms() }
					};
					let terms = ProductTerms {
						open,
						apr: sp_arithmetic::FixedU128::from_rational(apr_percent.into(), 100),
						..base
					};
					let r = TermStaking::update_product(RuntimeOrigin::root(), product, terms);
					counts.term_changes += r.is_ok() as u32;
					r
				},
				Op::Blocks { n } => {
					run_to(System::block_number() + n);
					Ok(())
				},
			};
			if result.is_ok() {
				counts.succeeded += 1;
			}
			check_state();
			check_books(&books)?;
			for who in [ALICE, BOB, CHARLIE] {
				prop_assert_eq!(balance(&NATIVE, &who), native[&who]);
				prop_assert_eq!(balance(&REWARD, &who), reward[&who]);
				prop_assert_eq!(balance(&USDT, &who), INITIAL, "USDT principal stays put");
			}
		}
		// Everything matures; every position redeems once and nothing stays held.
		run_to(System::block_number() + 21);
		for who in [ALICE, BOB, CHARLIE] {
			for id in AccountPositions::<Test>::get(&who) {
				let position = Positions::<Test>::get(id).unwrap();
				assert_ok!(TermStaking::redeem(RuntimeOrigin::signed(who.clone()), id));
				books.get_mut(&position.product).unwrap().paid += position.reward;
				let map = if position.product == 0 { &mut native } else { &mut reward };
				*map.get_mut(&who).unwrap() += position.reward;
			}
			prop_assert_eq!(held(&NATIVE, &who), 0);
			prop_assert_eq!(held(&USDT, &who), 0);
			prop_assert_eq!(free(&USDT, &who), INITIAL);
			prop_assert_eq!(balance(&NATIVE, &who), native[&who]);
			prop_assert_eq!(balance(&REWARD, &who), reward[&who]);
		}
		check_books(&books)?;
		for id in 0..2 {
			let p = Products::<Test>::get(id).unwrap();
			prop_assert_eq!((p.staked, p.reserved), (0, 0));
		}
		check_state();
		Ok(())
	})
}

proptest! {
	#![proptest_config(proptest_config())]

	/// Run by [`random_operations_reach_every_path`], which then checks the counts.
	fn random_operations_keep_the_books(ops in proptest::collection::vec(op(), 5..60)) {
		COUNTS.with(|c| run_case(ops, &mut c.borrow_mut()))?;
	}
}

/// A run where every call of a kind failed, or no stake was redeemed or left early, would
/// prove little.
#[test]
fn random_operations_reach_every_path() {
	random_operations_keep_the_books();
	COUNTS.with(|c| {
		let c = c.borrow();
		println!("term-staking operations: {c:?}");
		assert!(
			c.succeeded > 10_000
				&& c.fundings > 2_000
				&& c.stakes > 3_000
				&& c.redemptions > 300
				&& c.early_redemptions_refused > 1_000
				&& c.exits > 300
				&& c.pot_withdrawals > 500
				&& c.term_changes > 1_000
				&& c.rejected_by_pot > 1_000,
			"{c:?}"
		);
	});
}
