//! Random sequences of deposits, withdrawals, activity reports, trades, claims, funding, pot
//! withdrawals, rate changes, stops and time over five farms (two LP farms, one thinly
//! funded; lending supply with two streams and lending borrow; capped trading): after every step
//! `try_state` holds and each stream's books are exact; as of every block, paid plus the
//! farmers' pending rewards (less what is owed) never exceeds funded; each farmer's reward in
//! every stream of the deposit and lending farms stays within the documented rounding of the
//! exact time-integral of its share of the rate; at the end every deposit comes back exactly.
//! Each kind of call must succeed many times over the run.

use super::*;
use defi_math::testing::proptest_config;
use primitive_types::U256;
use proptest::prelude::*;

/// The random calls; `StopOrResume` stops a running farm and resumes a stopped one.
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
	StopOrResume { farm: u32 },
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
		1 => farm.prop_map(|farm| Op::StopOrResume { farm }),
		5 => (1u64..6).prop_map(|n| Op::Blocks { n }),
	]
}

#[derive(Default, Debug)]
struct Counts {
	/// Successful calls (hooks and time excluded: they cannot fail).
	succeeded: u32,
	deposits: u32,
	withdrawals: u32,
	claims: u32,
	claim_alls: u32,
	fundings: u32,
	pot_withdrawals: u32,
	rate_changes: u32,
	stops: u32,
	resumes: u32,
	underfunded: u32,
	epochs: u32,
}

std::thread_local! {
	static COUNTS: core::cell::RefCell<Counts> = core::cell::RefCell::new(Counts::default());
}

fn account(who: u8) -> AccountId {
	[ALICE, BOB, CHARLIE][who as usize].clone()
}

/// The exact time-integral of one stream's rate per farmer, at a scale of 10^36 per share
/// (the pallet uses 10^18): `ideal(who)` in reward units.
struct Ideal {
	farm: u32,
	stream: usize,
	acc: U256,
	paid_at: [U256; 3],
	earned: [U256; 3],
	shares: [u128; 3],
	updated_at: u64,
	/// Accumulator steps (at least the pallet's): each loses below `shares / 10^18` a farmer.
	steps: u128,
	/// The pallet's settlements of each farmer (share changes and claims): each loses below
	/// one reward unit.
	settlements: [u128; 3],
	/// The most shares each farmer had.
	most_shares: [u128; 3],
}

const IDEAL_SCALE: u128 = 1_000_000_000_000_000_000;

impl Ideal {
	fn new(farm: u32, stream: usize) -> Self {
		Self {
			farm,
			stream,
			acc: U256::zero(),
			paid_at: [U256::zero(); 3],
			earned: [U256::zero(); 3],
			shares: [0; 3],
			updated_at: 1,
			steps: 0,
			settlements: [0; 3],
			most_shares: [0; 3],
		}
	}

	/// Whether `op` may accrue, settle in or change the rate of this farm.
	fn touched_by(&self, op: &Op) -> bool {
		match op {
			Op::Deposit { farm, .. } | Op::Withdraw { farm, .. } => *farm == self.farm,
			Op::Lending { .. } => self.lending(0).is_some(),
			Op::Claim { farm, .. } | Op::Rate { farm, .. } | Op::StopOrResume { farm } => {
				*farm == self.farm
			},
			Op::Fund { farm, .. } | Op::WithdrawPot { farm, .. } => *farm == self.farm,
			Op::ClaimAll { .. } => true,
			Op::Trade { .. } | Op::Blocks { .. } => false,
		}
	}

	/// The shares a lending report of `shares` gives in this farm (`None`: not a lending farm;
	/// the random runs report a third of each supply as borrowed).
	fn lending(&self, shares: u128) -> Option<u128> {
		match self.farm {
			1 => Some(shares),
			3 => Some(shares / 3),
			_ => None,
		}
	}

	/// Advances to now with the stream's rate over the farm's `[start, end)` while it runs.
	fn advance(&mut self) {
		let farm = Farms::<Test>::get(self.farm).unwrap();
		let now = System::block_number().min(farm.end);
		let from = self.updated_at.max(farm.start);
		let total: u128 = self.shares.iter().sum();
		if now > from && total > 0 && !farm.stopped {
			let emitted = U256::from(farm.streams[self.stream].rate) * U256::from(now - from);
			self.acc +=
				emitted * U256::from(IDEAL_SCALE) * U256::from(IDEAL_SCALE) / U256::from(total);
			self.steps += 1;
		}
		self.updated_at = self.updated_at.max(now);
	}

	fn set_shares(&mut self, who: usize, shares: u128) {
		self.earned[who] += U256::from(self.shares[who]) * (self.acc - self.paid_at[who]);
		self.paid_at[who] = self.acc;
		self.shares[who] = shares;
		self.most_shares[who] = self.most_shares[who].max(shares);
		self.settlements[who] += 1;
	}

	fn ideal(&self, who: usize) -> u128 {
		let owed = self.earned[who] + U256::from(self.shares[who]) * (self.acc - self.paid_at[who]);
		(owed / U256::from(IDEAL_SCALE) / U256::from(IDEAL_SCALE)).as_u128()
	}

	/// The documented bound on what `who` may lose to rounding, plus the view's own accrual
	/// step and settlement.
	fn tolerance(&self, who: usize) -> u128 {
		let per_steps = (self.steps + 1) * self.most_shares[who] / IDEAL_SCALE + 1;
		self.settlements[who] + 1 + per_steps
	}
}

/// The streams checked against the integral: farm 0 (LP), both streams of 1 (lending supply),
/// 3 (lending borrow, starting at block 50) and 4 (a thinly funded LP farm, underfunded).
fn ideals() -> Vec<Ideal> {
	[(0, 0), (1, 0), (1, 1), (3, 0), (4, 0)]
		.into_iter()
		.map(|(farm, stream)| Ideal::new(farm, stream))
		.collect()
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
		let mut ideals = ideals();
		for op in ops {
			for ideal in ideals.iter_mut().filter(|i| i.touched_by(&op)) {
				ideal.advance();
			}
			let result = match op.clone() {
				Op::Deposit { who, farm, amount } => {
					let r = Farming::deposit(RuntimeOrigin::signed(account(who)), farm, amount);
					if r.is_ok() {
						counts.deposits += 1;
						for ideal in ideals.iter_mut().filter(|i| i.farm == farm) {
							let shares = ideal.shares[who as usize] + amount;
							ideal.set_shares(who as usize, shares);
						}
					}
					Some(r)
				},
				Op::Withdraw { who, farm, amount } => {
					let r = Farming::withdraw(RuntimeOrigin::signed(account(who)), farm, amount);
					if r.is_ok() {
						counts.withdrawals += 1;
						for ideal in ideals.iter_mut().filter(|i| i.farm == farm) {
							let shares = ideal.shares[who as usize] - amount;
							ideal.set_shares(who as usize, shares);
						}
					}
					Some(r)
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
					for ideal in ideals.iter_mut() {
						if let Some(shares) = ideal.lending(shares) {
							ideal.set_shares(who as usize, shares);
						}
					}
					None
				},
				Op::Trade { who, volume, sell } => {
					if sell {
						trade(&account(who), 0, volume);
					} else {
						trade(&account(who), volume, 0);
					}
					None
				},
				Op::Claim { who, farm } => {
					let r = Farming::claim(RuntimeOrigin::signed(account(who)), farm);
					if r.is_ok() {
						counts.claims += 1;
						for ideal in ideals.iter_mut().filter(|i| i.farm == farm) {
							ideal.settlements[who as usize] += 1;
						}
					}
					Some(r)
				},
				Op::ClaimAll { who } => {
					let r = Farming::claim_all(RuntimeOrigin::signed(account(who)))
						.map(|_| ())
						.map_err(|e| e.error);
					if r.is_ok() {
						counts.claim_alls += 1;
						for ideal in ideals.iter_mut() {
							ideal.settlements[who as usize] += 1;
						}
					}
					Some(r)
				},
				Op::Fund { farm, stream, amount } => {
					let r = Farming::fund(RuntimeOrigin::signed(FUNDER), farm, stream, amount);
					counts.fundings += r.is_ok() as u32;
					Some(r)
				},
				Op::WithdrawPot { farm, amount } => {
					let r = Farming::withdraw_pot(RuntimeOrigin::root(), farm, 0, amount, FUNDER);
					counts.pot_withdrawals += r.is_ok() as u32;
					Some(r)
				},
				Op::Rate { farm, rate } => {
					let r = Farming::set_rate(RuntimeOrigin::root(), farm, 0, rate);
					counts.rate_changes += r.is_ok() as u32;
					Some(r)
				},
				Op::StopOrResume { farm } => {
					if !Farms::<Test>::get(farm).unwrap().stopped {
						let r = Farming::stop_farm(RuntimeOrigin::root(), farm);
						counts.stops += r.is_ok() as u32;
						Some(r)
					} else {
						let r = Farming::resume_farm(RuntimeOrigin::root(), farm);
						counts.resumes += r.is_ok() as u32;
						Some(r)
					}
				},
				Op::Blocks { n } => {
					run_to(System::block_number() + n);
					None
				},
			};
			if let Some(Ok(())) = result {
				counts.succeeded += 1;
			}
			check_state();
			check_books()?;
			for ideal in ideals.iter_mut() {
				check_ideal(ideal)?;
			}
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

/// What each farmer has claimed from `farm`'s `stream` so far (its `Claimed` events; every
/// stream of a farm pays its own asset).
fn claimed(farm: u32, stream: usize) -> [u128; 3] {
	let asset = Farms::<Test>::get(farm).unwrap().streams[stream].asset.clone();
	let mut paid = [0u128; 3];
	for e in events() {
		if let crate::Event::Claimed { who, farm: f, rewards } = e {
			if f != farm {
				continue;
			}
			let i = [ALICE, BOB, CHARLIE].iter().position(|a| *a == who).unwrap();
			paid[i] += rewards.iter().filter(|r| r.0 == asset).map(|r| r.1).sum::<u128>();
		}
	}
	paid
}

/// The stored books balance exactly, and as of this block (accrual simulated and rolled
/// back) `paid + Σ pending − owed ≤ funded` per stream: what farmers may claim is backed.
fn check_books() -> Result<(), TestCaseError> {
	for (id, farm) in Farms::<Test>::iter() {
		for s in farm.streams.iter() {
			prop_assert_eq!(s.funded, s.pot + s.claimable + s.paid + s.withdrawn);
			prop_assert!(s.paid <= s.funded);
		}
		let now = frame_support::storage::with_transaction(|| {
			let farm = Farming::accrued(id);
			sp_runtime::TransactionOutcome::Rollback(Ok::<_, sp_runtime::DispatchError>(farm))
		})
		.unwrap()
		.unwrap();
		let mut pending = vec![0u128; now.streams.len()];
		for who in Farmers::<Test>::iter_key_prefix(id) {
			let view = Farming::farmer_view(id, &who).unwrap();
			for (i, p) in view.pending.iter().enumerate() {
				pending[i] += p.1;
			}
		}
		for (s, pending) in now.streams.iter().zip(pending) {
			prop_assert!(
				pending <= s.claimable + s.owed,
				"farm {}: pending {} over {:?}",
				id,
				pending,
				s
			);
			prop_assert!(s.paid + pending.saturating_sub(s.owed) <= s.funded);
		}
	}
	Ok(())
}

/// Claimed + pending is at most the exact integral (rounding only ever favours the pot) and
/// below it by at most the documented rounding.
fn check_ideal(ideal: &mut Ideal) -> Result<(), TestCaseError> {
	ideal.advance();
	let claimed = claimed(ideal.farm, ideal.stream);
	for who in 0..3usize {
		let pending = pending(ideal.farm, &account(who as u8)).get(ideal.stream).copied();
		let got = claimed[who] + pending.unwrap_or(0);
		let exact = ideal.ideal(who);
		let (farm, stream) = (ideal.farm, ideal.stream);
		// The integral at 10^36 rounds down too: it may end one unit below an exact payout.
		prop_assert!(
			got <= exact + 1,
			"farm {}/{}: farmer {} got {} above {}",
			farm,
			stream,
			who,
			got,
			exact
		);
		prop_assert!(
			exact.saturating_sub(got) <= ideal.tolerance(who),
			"farm {}/{}: farmer {} got {}, integral {}, tolerance {}",
			farm,
			stream,
			who,
			got,
			exact,
			ideal.tolerance(who)
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

/// A run where every call of a kind failed, or no farm ran dry or closed an epoch, would
/// prove little.
#[test]
fn random_sequences_reach_every_path() {
	random_sequences_keep_the_books();
	COUNTS.with(|c| {
		let c = c.borrow();
		println!("farming operations: {c:?}");
		assert!(
			c.succeeded > 8_000
				&& c.deposits > 4_000
				&& c.withdrawals > 500
				&& c.claims > 500
				&& c.claim_alls > 300
				&& c.fundings > 800
				&& c.pot_withdrawals > 500
				&& c.rate_changes > 600
				&& c.stops > 200
				&& c.resumes > 60
				&& c.underfunded > 300
				&& c.epochs > 500,
			"{c:?}"
		);
	});
}
