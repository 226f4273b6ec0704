//! Random sequences of every call, price moves and time jumps.

use super::*;
use crate::risk::PriceUse;
use defi_math::testing::proptest_config;
use proptest::prelude::*;

const ACCOUNTS: [AccountId; 4] = [ALICE, BOB, CHARLIE, DAVE];
const ASSETS: [Asset; 3] = [USDT, WBTC, WETH];

#[derive(Clone, Debug)]
enum Op {
	Supply(usize, usize, u128),
	Withdraw(usize, usize, Option<u128>),
	Enable(usize, usize),
	Disable(usize, usize),
	Borrow(usize, usize, u128),
	Repay(usize, usize, usize, Option<u128>),
	Liquidate(usize, usize, usize, usize, u128),
	WriteOff(usize),
	/// Price of an asset times `percent / 100`.
	MovePrice(usize, u32),
	Wait(u64),
}

/// Amounts as a share (per mille) of a reference so every asset gets sensible sizes.
fn amount(asset: usize, per_mille: u128) -> Balance {
	let whole = [usdt(100_000), wbtc(2), weth(30)][asset];
	(whole * per_mille / 1_000).max(1)
}

fn op() -> impl Strategy<Value = Op> {
	let a = 0..ACCOUNTS.len();
	let k = 0..ASSETS.len();
	prop_oneof![
		4 => (a.clone(), k.clone(), 1u128..1_000).prop_map(|(w, k, m)| Op::Supply(w, k, m)),
		2 => (a.clone(), k.clone(), proptest::option::of(1u128..1_000))
			.prop_map(|(w, k, m)| Op::Withdraw(w, k, m)),
		3 => (a.clone(), k.clone()).prop_map(|(w, k)| Op::Enable(w, k)),
		1 => (a.clone(), k.clone()).prop_map(|(w, k)| Op::Disable(w, k)),
		4 => (a.clone(), k.clone(), 1u128..800).prop_map(|(w, k, m)| Op::Borrow(w, k, m)),
		2 => (a.clone(), a.clone(), k.clone(), proptest::option::of(1u128..500))
			.prop_map(|(p, b, k, m)| Op::Repay(p, b, k, m)),
		3 => (a.clone(), a.clone(), k.clone(), k.clone(), 1u128..1_000)
			.prop_map(|(l, b, d, c, m)| Op::Liquidate(l, b, d, c, m)),
		1 => a.clone().prop_map(Op::WriteOff),
		4 => (k.clone(), 50u32..115).prop_map(|(k, p)| Op::MovePrice(k, p)),
		2 => (1u64..90 * 24 * 3600).prop_map(Op::Wait),
	]
}

fn underlying_total(asset: &Asset) -> Balance {
	ACCOUNTS
		.iter()
		.chain([EVE, FERDIE, GUARDIAN].iter())
		.map(|w| balance(asset.clone(), *w))
		.sum::<Balance>()
		+ balance(asset.clone(), Lending::account_id())
}

fn within_borrow_limit(who: AccountId) -> bool {
	Lending::liquidity(&who, PriceUse::Undisputed)
		.map(|(l, _)| l.debt <= l.borrow_limit)
		.unwrap_or(false)
}

#[derive(Default, Debug)]
struct Counts {
	supply: u32,
	withdraw: u32,
	borrow: u32,
	repay: u32,
	liquidate: u32,
	collateral: u32,
}

fn run_sequence(ops: Vec<Op>, counts: &mut Counts) -> Result<(), TestCaseError> {
	let mut result = Ok(());
	new_test_ext().execute_with(|| {
		let mut prices: Vec<u128> = vec![1, 60_000, 3_000];
		let totals: Vec<Balance> = ASSETS.iter().map(underlying_total).collect();
		// A live start: every market has liquidity, two accounts have collateral.
		for (k, asset) in ASSETS.iter().enumerate() {
			assert!(Lending::supply(RuntimeOrigin::signed(BOB), asset.clone(), amount(k, 1_000))
				.is_ok());
		}
		supply_collateral(ALICE, WBTC, wbtc(1));
		supply_collateral(CHARLIE, WETH, weth(10));
		// The shares of the market each account could claim at most: what it supplied (in
		// value, at the rate then) plus interest; checked per withdrawal against the rate.
		for op in ops {
			let outcome: Result<(), TestCaseError> = (|| {
				match op {
					Op::Supply(w, k, m) => {
						if Lending::supply(
							RuntimeOrigin::signed(ACCOUNTS[w]),
							ASSETS[k].clone(),
							amount(k, m),
						)
						.is_ok()
						{
							counts.supply += 1;
						}
					},
					Op::Withdraw(w, k, m) => {
						let who = ACCOUNTS[w];
						let asset = ASSETS[k].clone();
						let before = Lending::current_market(&asset).unwrap();
						let (funds, total) = (
							Lending::supplier_funds(&before),
							<Assets as Inspect<AccountId>>::total_issuance(before.share_asset),
						);
						let shares_before = shares(before.share_asset, who);
						let held_before = held(before.share_asset, who);
						let paid_before = balance(asset.clone(), who);
						let arg = m.map_or(AmountOrAll::All, |m| AmountOrAll::Exact(amount(k, m)));
						if Lending::withdraw(RuntimeOrigin::signed(who), asset.clone(), arg).is_ok()
						{
							counts.withdraw += 1;
							let burned = shares_before - shares(before.share_asset, who);
							let paid = balance(asset, who) - paid_before;
							// Nobody is paid more than the shares burned are worth.
							prop_assert!(
								paid <= defi_math::mul_div_floor(burned, funds, total).unwrap(),
								"paid {paid} for {burned}"
							);
							// Withdrawing collateral leaves the account within its borrow limit.
							if held(before.share_asset, who) < held_before {
								prop_assert!(
									within_borrow_limit(who),
									"collateral withdrawn past the limit"
								);
							}
						}
					},
					Op::Enable(w, k) => {
						if Lending::enable_collateral(
							RuntimeOrigin::signed(ACCOUNTS[w]),
							ASSETS[k].clone(),
						)
						.is_ok()
						{
							counts.collateral += 1;
						}
					},
					Op::Disable(w, k) => {
						let _ = Lending::disable_collateral(
							RuntimeOrigin::signed(ACCOUNTS[w]),
							ASSETS[k].clone(),
						);
					},
					Op::Borrow(w, k, m) => {
						let who = ACCOUNTS[w];
						// A share of what the account may borrow, sometimes more than all of it.
						let max = Lending::account_view(&who)
							.positions
							.iter()
							.find(|p| p.asset == ASSETS[k])
							.map_or(0, |p| p.max_borrow);
						let wanted = (max * m / 700).max(1);
						if Lending::borrow(RuntimeOrigin::signed(who), ASSETS[k].clone(), wanted)
							.is_ok()
						{
							counts.borrow += 1;
							prop_assert!(
								within_borrow_limit(who),
								"a borrow left the account over its limit"
							);
						}
					},
					Op::Repay(p, b, k, m) => {
						// One of the borrower's debts, in part or all.
						let view = Lending::account_view(&ACCOUNTS[b]);
						let debts: Vec<_> = view.positions.iter().filter(|p| p.debt > 0).collect();
						let (asset, owed) = debts
							.get(k % debts.len().max(1))
							.map_or((ASSETS[k].clone(), 1), |p| (p.asset.clone(), p.debt));
						let arg = m.map_or(AmountOrAll::All, |m| {
							AmountOrAll::Exact((owed * m / 400).max(1))
						});
						if Lending::repay_on_behalf(
							RuntimeOrigin::signed(ACCOUNTS[p]),
							ACCOUNTS[b],
							asset,
							arg,
						)
						.is_ok()
						{
							counts.repay += 1;
						}
					},
					Op::Liquidate(l, b, d, c, m) => {
						// A borrower that owes something, and someone else to liquidate it.
						let owing: Vec<AccountId> = ACCOUNTS
							.iter()
							.copied()
							.filter(|w| Lending::account_view(w).debt_value > 0)
							.collect();
						let borrower =
							owing.get(b % owing.len().max(1)).copied().unwrap_or(ACCOUNTS[b]);
						let l = if ACCOUNTS[l] == borrower { (l + 1) % ACCOUNTS.len() } else { l };
						let before = health(borrower);
						// The borrower's own debts and collateral, picked by index.
						let view = Lending::account_view(&borrower);
						let debts: Vec<_> = view.positions.iter().filter(|p| p.debt > 0).collect();
						let colls: Vec<_> =
							view.positions.iter().filter(|p| p.collateral).collect();
						let (debt_asset, coll_asset) = match (
							debts.get(d % debts.len().max(1)),
							colls.get(c % colls.len().max(1)),
						) {
							(Some(x), Some(y)) => (x.asset.clone(), y.asset.clone()),
							_ => (ASSETS[d].clone(), ASSETS[c].clone()),
						};
						let wanted =
							(debts.iter().find(|p| p.asset == debt_asset).map_or(0, |p| p.debt)
								* m / 1_000)
								.max(1);
						let debt_before = debt(debt_asset.clone(), borrower);
						let coll_share = market(coll_asset.clone()).share_asset;
						let held_before = held(coll_share, borrower);
						let r = Lending::liquidate(
							RuntimeOrigin::signed(ACCOUNTS[l]),
							borrower,
							debt_asset.clone(),
							wanted,
							coll_asset,
						);
						if r.is_ok() {
							counts.liquidate += 1;
							prop_assert!(
								before.is_some_and(|h| h < FixedU128::one()),
								"liquidated at {before:?}"
							);
							let closed =
								debt(debt_asset, borrower) == 0 || held(coll_share, borrower) == 0;
							if !closed {
								let after = health(borrower);
								prop_assert!(
									after >= before,
									"health fell from {before:?} to {after:?}"
								);
							}
							prop_assert!(debt_before > 0 && held_before > 0);
						}
					},
					Op::WriteOff(b) => {
						let _ =
							Lending::write_off_bad_debt(RuntimeOrigin::signed(EVE), ACCOUNTS[b]);
					},
					Op::MovePrice(k, percent) => {
						prices[k] = (prices[k] * u128::from(percent) / 100).max(1);
						set_usd_price(ASSETS[k].clone(), prices[k]);
					},
					Op::Wait(seconds) => advance_seconds(seconds),
				}
				// After every step.
				Lending::do_try_state().map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
				for (asset, total) in ASSETS.iter().zip(&totals) {
					prop_assert_eq!(
						underlying_total(asset),
						*total,
						"supply of {:?} changed",
						asset
					);
					let m = Lending::current_market(asset).unwrap();
					let shares = <Assets as Inspect<AccountId>>::total_issuance(m.share_asset);
					let funds = Lending::supplier_funds(&m);
					let rate = Lending::exchange_rate(&m);
					// cash + borrows − reserves = shares · rate, less than one unit per 10^18 shares.
					let backed = rate.saturating_mul_int(shares);
					prop_assert!(
						backed <= funds && funds - backed <= shares / 1_000_000_000_000_000_000 + 1
					);
				}
				Ok(())
			})();
			if let Err(e) = outcome {
				result = Err(e);
				return;
			}
		}
	});
	result
}

std::thread_local! {
	static COUNTS: core::cell::RefCell<Counts> = core::cell::RefCell::new(Counts::default());
}

proptest! {
	#![proptest_config(proptest_config())]

	/// Run by [`random_sequences_reach_every_call`], which then checks the counts.
	fn random_sequences_keep_every_invariant(ops in proptest::collection::vec(op(), 10..40)) {
		COUNTS.with(|c| run_sequence(ops, &mut c.borrow_mut()))?;
	}
}

/// The sequences above must actually exercise the calls: a run where every borrow or
/// liquidation failed would prove nothing.
#[test]
fn random_sequences_reach_every_call() {
	random_sequences_keep_every_invariant();
	COUNTS.with(|c| {
		let c = c.borrow();
		println!("successful calls: {c:?}");
		assert!(
			c.supply > 0
				&& c.withdraw > 0
				&& c.borrow > 0
				&& c.repay > 0
				&& c.liquidate > 0
				&& c.collateral > 0,
			"{c:?}"
		);
	});
}
