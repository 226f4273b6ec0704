//! Random sequences of deposits, withdrawals, activity reports, trades, claims, funding, pot
//! withdrawals, rate changes, stops and time over five farms (two LP farms, one thinly
//! funded; lending supply with two streams and lending borrow; capped trading): after every step
//! `try_state` holds and each stream's books are exact; paid never exceeds funded; each
//! farmer's reward in farm 0 stays within the documented rounding of the exact time-integral
//! of its share of the rate; at the end every deposit comes back exactly.

use super::*;
use defi_math::testing::proptest_config;
use primitive_types::U256;
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Op {
	Deposit { who: u8, farm: u32, amount: u128 },
	Withdraw { who: u8, farm: u32, amount: u128 },
	Lending { who: u8, shares: u128 },
	Trade { who: u8, volume: u128, sell: bool },
	Claim { who: u8, farm: u32 },
	ClaimAll { who: u8 },
	Fund { farm: u32, stream: u32, amount: u128 },
	WithdrawPot { farm: u32, amount: u128 },
	Rate { farm: u32, rate: u128 },
	Stop { farm: u32, stop: bool },
	Blocks { n: u64 },
}

const FARMS: u32 = 5;

fn op() -> impl Strategy<Value = Op> {
	let who = 0u8..3;
	let farm = 0u32..FARMS;
	let deposit_farm = prop_oneof![Just(0u32), Just(4u32)];
	prop_oneof![
		6 => (who.clone(), deposit_farm.clone(), 1u128..100_000).prop_map(|(who, farm, amount)| Op::Deposit { who, farm, amount: amount * UNIT / 100 }),
		3 => (who.clone(), deposit_farm, 1u128..100_000).prop_map(|(who, farm, amount)| Op::Withdraw { who, farm, amount: amount * UNIT / 100 }),
		3 => (who.clone(), 0u128..1_000_000).prop_map(|(who, shares)| Op::Lending { who, shares }),
		3 => (who.clone(), 1u128..1_000_000, any::<bool>()).prop_map(|(who, volume, sell)| Op::Trade { who, volume, sell }),
		4 => (who.clone(), farm.clone()).prop_map(|(who, farm)| Op::Claim { who, farm }),
		1 => who.prop_map(|who| Op::ClaimAll { who }),
		2 => (farm.clone(), 0u32..2, 1u128..50).prop_map(|(farm, stream, amount)| Op::Fund { farm, stream, amount: amount * UNIT }),
		1 => (farm.clone(), 1u128..50).prop_map(|(farm, amount)| Op::WithdrawPot { farm, amount: amount * UNIT }),
		1 => (farm.clone(), 0u128..3).prop_map(|(farm, rate)| Op::Rate { farm, rate: rate * UNIT }),
		1 => (farm, any::<bool>()).prop_map(|(farm, stop)| Op::Stop { farm, stop }),
		5 => (1u64..6).prop_map(|n| Op::Blocks { n }),
	]
}

#[derive(Default, Debug)]
struct Counts {
	succeeded: u32,
	deposits: u32,
	claims: u32,
	underfunded: u32,
	epochs: u32,
}

std::thread_local! {
	static COUNTS: core::cell::RefCell<Counts> = core::cell::RefCell::new(Counts::default());
}

fn account(who: u8) -> AccountId {
	[ALICE, BOB, CHARLIE][who as usize].clone()
}

/// The exact time-integral of farm 0's stream 0 per farmer, at a scale of 10^36 per share
/// (the pallet uses 10^18): `ideal[who]` in reward units · 10^36.
struct Ideal {
	acc: U256,
	paid_at: [U256; 3],
	earned: [U256; 3],
	shares: [u128; 3],
	updated_at: u64,
	/// Settlements and accumulator steps of farm 0: each loses below one reward unit.
	roundings: u128,
}

const IDEAL_SCALE: u128 = 1_000_000_000_000_000_000;

impl Ideal {
	fn new() -> Self {
		Self {
			acc: U256::zero(),
			paid_at: [U256::zero(); 3],
			earned: [U256::zero(); 3],
			shares: [0; 3],
			updated_at: 1,
			roundings: 0,
		}
	}

	/// Advances to now with the farm's rate (stopped farms and the end stop it).
	fn advance(&mut self) {
		let farm = Farms::<Test>::get(0).unwrap();
		let now = System::block_number().min(farm.end);
		let total: u128 = self.shares.iter().sum();
		if now > self.updated_at && total > 0 && !farm.stopped {
			let blocks = now - self.updated_at;
			let emitted = U256::from(farm.streams[0].rate) * U256::from(blocks);
			self.acc +=
				emitted * U256::from(IDEAL_SCALE) * U256::from(IDEAL_SCALE) / U256::from(total);
			self.roundings += 1;
		}
		self.updated_at = self.updated_at.max(now);
	}

	fn settle(&mut self, who: usize) {
		self.earned[who] += U256::from(self.shares[who]) * (self.acc - self.paid_at[who]);
		self.paid_at[who] = self.acc;
		self.roundings += 1;
	}

	fn ideal(&self, who: usize) -> u128 {
		let owed = self.earned[who] + U256::from(self.shares[who]) * (self.acc - self.paid_at[who]);
		(owed / U256::from(IDEAL_SCALE) / U256::from(IDEAL_SCALE)).as_u128()
	}
}

fn run_case(ops: Vec<Op>, counts: &mut Counts) -> Result<(), TestCaseError> {
	new_test_ext().execute_with(|| {
		// Farm 0 is genesis's LP farm; 1 lending supply (two streams), 2 capped trading,
		// 3 lending borrow (starting later), 4 a thinly funded LP farm.
		let supply = create(
			FarmProgram::Lending(LendingActivity::Supply(USDT)),
			1,
			400,
			0,
			vec![reward(REWARD, UNIT), reward(REWARD2, 2 * UNIT)],
		);
		let trading = create(
			FarmProgram::Trading { pool: 7, measured: USDT },
			1,
			401,
			5,
			vec![RewardConfig {
				asset: REWARD,
				rate: UNIT,
				cap_per_volume: Some(FixedU128::from_rational(1, 2)),
			}],
		);
		let borrow = create(
			FarmProgram::Lending(LendingActivity::Borrow(USDT)),
			50,
			300,
			0,
			vec![reward(REWARD2, UNIT)],
		);
		let thin = create(FarmProgram::Deposit(LP), 1, 1000, 0, vec![reward(REWARD, UNIT)]);
		assert_eq!((supply, trading, borrow, thin), (1, 2, 3, 4));
		fund(supply, 0, 200 * UNIT);
		fund(supply, 1, 200 * UNIT);
		fund(trading, 0, 100 * UNIT);
		fund(borrow, 0, 100 * UNIT);
		fund(thin, 0, 2 * UNIT);
		let mut ideal = Ideal::new();
		for op in ops {
			let farm0_touched = match &op {
				Op::Deposit { farm: 0, .. } | Op::Withdraw { farm: 0, .. } => true,
				Op::Claim { farm: 0, .. } | Op::ClaimAll { .. } => true,
				Op::Rate { farm: 0, .. } | Op::Stop { farm: 0, .. } => true,
				Op::Fund { farm: 0, .. } | Op::WithdrawPot { farm: 0, .. } => true,
				_ => false,
			};
			if farm0_touched {
				ideal.advance();
			}
			let result = match op.clone() {
				Op::Deposit { who, farm, amount } => {
					let r = Farming::deposit(RuntimeOrigin::signed(account(who)), farm, amount);
					if r.is_ok() {
						counts.deposits += 1;
						if farm == 0 {
							ideal.settle(who as usize);
							ideal.shares[who as usize] += amount;
						}
					}
					r
				},
				Op::Withdraw { who, farm, amount } => {
					let r = Farming::withdraw(RuntimeOrigin::signed(account(who)), farm, amount);
					if r.is_ok() && farm == 0 {
						ideal.settle(who as usize);
						ideal.shares[who as usize] -= amount;
					}
					r
				},
				Op::Lending { who, shares } => {
					<Farming as OnSharesChanged<AccountId, LendingActivity<Asset>>>::on_shares_changed(
						&LendingActivity::Supply(USDT),
						&account(who),
						shares,
					);
					<Farming as OnSharesChanged<AccountId, LendingActivity<Asset>>>::on_shares_changed(
						&LendingActivity::Borrow(USDT),
						&account(who),
						shares / 3,
					);
					Ok(())
				},
				Op::Trade { who, volume, sell } => {
					if sell {
						trade(&account(who), 0, volume);
					} else {
						trade(&account(who), volume, 0);
					}
					Ok(())
				},
				Op::Claim { who, farm } => {
					let r = Farming::claim(RuntimeOrigin::signed(account(who)), farm);
					if r.is_ok() {
						counts.claims += 1;
					}
					r
				},
				Op::ClaimAll { who } => Farming::claim_all(RuntimeOrigin::signed(account(who)))
					.map(|_| ())
					.map_err(|e| e.error),
				Op::Fund { farm, stream, amount } => {
					Farming::fund(RuntimeOrigin::signed(FUNDER), farm, stream, amount)
				},
				Op::WithdrawPot { farm, amount } => {
					Farming::withdraw_pot(RuntimeOrigin::root(), farm, 0, amount, FUNDER)
				},
				Op::Rate { farm, rate } => Farming::set_rate(RuntimeOrigin::root(), farm, 0, rate),
				Op::Stop { farm, stop } => {
					if stop {
						Farming::stop_farm(RuntimeOrigin::root(), farm)
					} else {
						Farming::resume_farm(RuntimeOrigin::root(), farm)
					}
				},
				Op::Blocks { n } => {
					run_to(System::block_number() + n);
					Ok(())
				},
			};
			if result.is_ok() {
				counts.succeeded += 1;
			}
			if farm0_touched && result.is_ok() {
				// Every successful call on farm 0 settled (claim) or moved the accumulator.
				for who in 0..3 {
					ideal.settle(who);
				}
			}
			check_state();
			check_books()?;
			check_ideal(&mut ideal)?;
		}
		counts.underfunded += events()
			.iter()
			.filter(|e| matches!(e, crate::Event::Underfunded { .. }))
			.count() as u32;
		counts.epochs += events()
			.iter()
			.filter(|e| matches!(e, crate::Event::EpochClosed { .. }))
			.count() as u32;
		// Every deposit comes back exactly.
		for who in 0..3u8 {
			for farm in [0, 4] {
				let shares = Farmers::<Test>::get(farm, account(who)).map_or(0, |f| f.shares);
				if shares > 0 {
					assert_ok!(Farming::withdraw(
						RuntimeOrigin::signed(account(who)),
						farm,
						shares
					));
				}
			}
			prop_assert_eq!(balance(LP, &account(who)), INITIAL);
			prop_assert_eq!(held(LP, &account(who)), 0);
		}
		check_state();
		Ok(())
	})
}

/// What each farmer has claimed from farm 0 so far (its `Claimed` events).
fn claimed0() -> [u128; 3] {
	let mut paid = [0u128; 3];
	for e in events() {
		if let crate::Event::Claimed { who, farm: 0, rewards } = e {
			let i = [ALICE, BOB, CHARLIE].iter().position(|a| *a == who).unwrap();
			paid[i] += rewards.iter().map(|r| r.1).sum::<u128>();
		}
	}
	paid
}

fn check_books() -> Result<(), TestCaseError> {
	for (_, farm) in Farms::<Test>::iter() {
		for s in farm.streams.iter() {
			prop_assert_eq!(s.funded, s.pot + s.claimable + s.paid + s.withdrawn);
			prop_assert!(s.paid <= s.funded);
		}
	}
	Ok(())
}

/// Farm 0: claimed + pending is at most the exact integral (rounding only ever favours the
/// pot) and below it by at most one unit per rounding step.
fn check_ideal(ideal: &mut Ideal) -> Result<(), TestCaseError> {
	ideal.advance();
	let claimed = claimed0();
	for who in 0..3usize {
		let got = claimed[who] + pending(0, &account(who as u8)).first().copied().unwrap_or(0);
		let exact = ideal.ideal(who);
		prop_assert!(got <= exact + 1, "farmer {} got {} above the integral {}", who, got, exact);
		prop_assert!(
			exact - got.min(exact) <= ideal.roundings + 1,
			"farmer {} got {}, integral {}, {} roundings",
			who,
			got,
			exact,
			ideal.roundings
		);
	}
	Ok(())
}

proptest! {
	#![proptest_config(proptest_config())]

	/// Run by [`random_sequences_reach_every_path`], which then checks the counts.
	fn random_sequences_keep_the_books(ops in proptest::collection::vec(op(), 1..60)) {
		COUNTS.with(|c| run_case(ops, &mut c.borrow_mut()))?;
	}
}

/// A run where every operation failed, or no farm ran dry or closed an epoch, would prove
/// little.
#[test]
fn random_sequences_reach_every_path() {
	random_sequences_keep_the_books();
	COUNTS.with(|c| {
		let c = c.borrow();
		println!("farming operations: {c:?}");
		assert!(
			c.succeeded > 20_000
				&& c.deposits > 5_000
				&& c.claims > 500
				&& c.underfunded > 300
				&& c.epochs > 500,
			"{c:?}"
		);
	});
}
