//! Random sequences of vault, peg-module, price, time, liquidation and shutdown operations:
//! after every step the books hold exactly (`try_state`: issuance = Σ vault debt + peg-module
//! debt + bad debt + shutdown claims = minted + peg-module debt − burned), no successful user
//! action leaves a vault below the minimum ratio, the peg module's reserves cover its debt, and
//! a liquidation adds at most the vault's shortfall to bad debt.

use super::*;
use defi_math::testing::proptest_config;
use defi_primitives::PegStabilityModule;
use frame_support::traits::fungibles::Mutate;
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Op {
	Deposit {
		who: u8,
		btc: bool,
		amount: u128,
	},
	Withdraw {
		who: u8,
		btc: bool,
		amount: u128,
	},
	/// A percentage of what the vault may still mint (above 100 must fail).
	Mint {
		who: u8,
		btc: bool,
		percent: u128,
	},
	Repay {
		who: u8,
		btc: bool,
		amount: u128,
		all: bool,
	},
	Close {
		who: u8,
		btc: bool,
	},
	/// DFI's price in cents on the oracle (BTC's moves alike); the market follows (0), stays
	/// (1) or trades 20 % below the oracle (2).
	Price {
		cents: u32,
		market: u8,
	},
	Time {
		seconds: u64,
	},
	Liquidate {
		who: u8,
		btc: bool,
	},
	Buy {
		who: u8,
		btc: bool,
	},
	PsmMint {
		who: u8,
		amount: u128,
	},
	PsmRedeem {
		who: u8,
		amount: u128,
	},
	Heal,
	Shutdown,
	Settle {
		who: u8,
		btc: bool,
	},
	Redeem {
		who: u8,
		amount: u128,
	},
}

fn op() -> impl Strategy<Value = Op> {
	let who = 0u8..2;
	prop_oneof![
		6 => (who.clone(), proptest::bool::weighted(0.3), 1u128..2_000).prop_map(|(who, btc, amount)| Op::Deposit { who, btc, amount }),
		2 => (who.clone(), proptest::bool::weighted(0.3), 1u128..1_000).prop_map(|(who, btc, amount)| Op::Withdraw { who, btc, amount }),
		8 => (who.clone(), proptest::bool::weighted(0.3), 30u128..105).prop_map(|(who, btc, percent)| Op::Mint { who, btc, percent }),
		2 => (who.clone(), proptest::bool::weighted(0.3), 1u128..1_000, any::<bool>()).prop_map(|(who, btc, amount, all)| Op::Repay { who, btc, amount, all }),
		1 => (who.clone(), proptest::bool::weighted(0.3)).prop_map(|(who, btc)| Op::Close { who, btc }),
		4 => (60u32..240, 0u8..3).prop_map(|(cents, market)| Op::Price { cents, market }),
		2 => (1u64..10_000_000).prop_map(|seconds| Op::Time { seconds }),
		5 => (who.clone(), proptest::bool::weighted(0.3)).prop_map(|(who, btc)| Op::Liquidate { who, btc }),
		2 => (who.clone(), proptest::bool::weighted(0.3)).prop_map(|(who, btc)| Op::Buy { who, btc }),
		2 => (who.clone(), 1u128..5_000).prop_map(|(who, amount)| Op::PsmMint { who, amount }),
		2 => (who.clone(), 1u128..5_000).prop_map(|(who, amount)| Op::PsmRedeem { who, amount }),
		1 => Just(Op::Heal),
		2 => (who.clone(), proptest::bool::weighted(0.3)).prop_map(|(who, btc)| Op::Settle { who, btc }),
		2 => (who, 1u128..500).prop_map(|(who, amount)| Op::Redeem { who, amount }),
	]
}

#[derive(Default, Debug)]
struct Counts {
	succeeded: u32,
	mints: u32,
	liquidations: u32,
	bad_debts: u32,
	purchases: u32,
	shutdowns: u32,
	redemptions: u32,
	psm: u32,
}

std::thread_local! {
	static COUNTS: core::cell::RefCell<Counts> = core::cell::RefCell::new(Counts::default());
}

fn account(who: u8) -> AccountId {
	[ALICE, BOB, CHARLIE][who as usize].clone()
}

fn asset(btc: bool) -> Asset {
	if btc {
		WBTC
	} else {
		NATIVE
	}
}

/// Collateral in whole-token hundredths: DFI amounts are 100s of DFI, BTC amounts thousandths.
fn collateral(btc: bool, amount: u128) -> Balance {
	if btc {
		amount * 100_000
	} else {
		dfi(amount)
	}
}

fn run_case(
	mut ops: Vec<Op>,
	shutdown_at: Option<usize>,
	counts: &mut Counts,
) -> Result<(), TestCaseError> {
	if let Some(at) = shutdown_at {
		ops.insert(at.min(ops.len()), Op::Shutdown);
	}
	new_test_ext().execute_with(|| {
		// Every account holds some dUSD from the peg module to repay fees with.
		for who in [ALICE, BOB, CHARLIE] {
			psm_mint(who, dusd(5_000));
		}
		for op in ops {
			System::reset_events();
			let bad_before = Books::<Test>::get().bad_debt;
			let mut liquidated: Option<(Asset, AccountId)> = None;
			let mut shortfall_bound = 0;
			let result = match op.clone() {
				Op::Deposit { who, btc, amount } => Stablecoin::deposit_collateral(
					RuntimeOrigin::signed(account(who)),
					asset(btc),
					collateral(btc, amount),
				),
				Op::Withdraw { who, btc, amount } => Stablecoin::withdraw_collateral(
					RuntimeOrigin::signed(account(who)),
					asset(btc),
					collateral(btc, amount),
				),
				Op::Mint { who, btc, percent } => {
					let room = Stablecoin::vault_view(&account(who), &asset(btc))
						.map_or(dusd(100), |v| v.max_mintable)
						.max(dusd(100));
					let amount = room * percent / 100;
					let r =
						Stablecoin::mint(RuntimeOrigin::signed(account(who)), asset(btc), amount);
					counts.mints += u32::from(r.is_ok());
					r
				},
				Op::Repay { who, btc, amount, all } => Stablecoin::repay(
					RuntimeOrigin::signed(account(who)),
					asset(btc),
					if all { AmountOrAll::All } else { AmountOrAll::Exact(dusd(amount)) },
				),
				Op::Close { who, btc } => {
					Stablecoin::close(RuntimeOrigin::signed(account(who)), asset(btc))
				},
				Op::Price { cents, market } => {
					let (dfi_price, btc_price) = (
						FixedU128::from_rational(cents.into(), 100),
						FixedU128::from_u32(cents * 300),
					);
					set_usd_price(NATIVE, dfi_price);
					set_usd_price(WBTC, btc_price);
					let below = FixedU128::from_rational(80, 100);
					match market {
						0 => {
							open_pool(NATIVE, dfi_price, 1_000_000);
							open_pool(WBTC, btc_price, 1_000_000);
						},
						2 => {
							open_pool(NATIVE, dfi_price * below, 1_000_000);
							open_pool(WBTC, btc_price * below, 1_000_000);
						},
						_ => {},
					}
					Ok(())
				},
				Op::Time { seconds } => {
					advance_seconds(seconds);
					Ok(())
				},
				Op::Liquidate { who, btc } | Op::Buy { who, btc } => {
					let owner = account(who);
					let a = asset(btc);
					let buying = matches!(op, Op::Buy { .. });
					if buying {
						advance_blocks(PURCHASE_DELAY);
					}
					// What the sale may realize at worst: the oracle value less the slippage
					// (market) or the discount (purchase).
					if let Some(view) = Stablecoin::vault_view(&owner, &a) {
						let p = params();
						let loss = if buying { p.purchase_discount } else { p.max_slippage };
						let value = view.collateral_value.unwrap_or_default() / 1_000_000_000_000;
						let realized = defi_math::vaults::with_slippage_below(value, loss);
						shortfall_bound = view.debt.saturating_sub(realized) + 1;
					}
					liquidated = Some((a.clone(), owner.clone()));
					let liquidator = RuntimeOrigin::signed(account((who + 1) % 3));
					if buying {
						let r = Stablecoin::buy_collateral(liquidator, owner, a, Balance::MAX);
						counts.purchases += u32::from(r.is_ok());
						r
					} else {
						Stablecoin::liquidate(liquidator, owner, a)
					}
				},
				Op::PsmMint { who, amount } => {
					<Assets as Mutate<AccountId>>::mint_into(USDT_ID, &account(who), dusd(amount))
						.unwrap();
					let r = Psm::mint(
						RuntimeOrigin::signed(account(who)),
						DUSD_ID,
						USDT_ID,
						dusd(amount),
						Permill::from_percent(1),
					);
					counts.psm += u32::from(r.is_ok());
					r
				},
				Op::PsmRedeem { who, amount } => {
					let r = Psm::redeem(
						RuntimeOrigin::signed(account(who)),
						DUSD_ID,
						USDT_ID,
						dusd(amount),
						Permill::from_percent(1),
					);
					counts.psm += u32::from(r.is_ok());
					r
				},
				Op::Heal => Stablecoin::heal(RuntimeOrigin::signed(ALICE)),
				Op::Shutdown => {
					let r = Stablecoin::shutdown(RuntimeOrigin::signed(GUARDIAN));
					counts.shutdowns += u32::from(r.is_ok());
					r
				},
				Op::Settle { who, btc } => {
					Stablecoin::settle(RuntimeOrigin::signed(ALICE), account(who), asset(btc))
				},
				Op::Redeem { who, amount } => {
					let r = Stablecoin::redeem(RuntimeOrigin::signed(account(who)), dusd(amount));
					counts.redemptions += u32::from(r.is_ok());
					r
				},
			};
			if result.is_ok() {
				counts.succeeded += 1;
			}
			if std::env::var("STABLECOIN_TRACE").is_ok() && matches!(op, Op::Liquidate { .. }) {
				println!("{op:?} -> {result:?}");
			}
			// The books, exactly.
			Stablecoin::do_try_state()
				.map_err(|e| TestCaseError::fail(format!("{op:?}: {e:?}")))?;
			// The peg module's reserves cover its debt (both 6 decimals).
			let reserves: Balance = <PegModule as PegStabilityModule<Asset>>::reserves()
				.iter()
				.map(|(_, r)| r)
				.sum();
			prop_assert!(reserves >= <PegModule as PegStabilityModule<Asset>>::debt());
			// A user action that succeeded left its vault at the minimum ratio.
			if let (Ok(()), Op::Mint { who, btc, .. } | Op::Withdraw { who, btc, .. }) =
				(&result, &op)
			{
				if let Some(view) = Stablecoin::vault_view(&account(*who), &asset(*btc)) {
					if view.debt > 0 {
						prop_assert!(
							view.ratio.unwrap() >= params().minimum_ratio,
							"{op:?}: {view:?}"
						);
					}
				}
			}
			if let (Ok(()), Some((a, owner))) = (&result, liquidated) {
				let done = !Vaults::<Test>::contains_key(&a, &owner);
				counts.liquidations += u32::from(done);
				let added = Books::<Test>::get().bad_debt.saturating_sub(bad_before);
				counts.bad_debts += u32::from(added > 0);
				// Bad debt grows by at most what the sale left of the debt, and that is at most
				// the vault's shortfall at the oracle plus the sale's allowed loss.
				let shortfall = events()
					.into_iter()
					.rev()
					.find_map(|e| match e {
						Event::Liquidated { shortfall, .. } => Some(shortfall),
						_ => None,
					})
					.unwrap_or_default();
				prop_assert!(
					added <= shortfall,
					"{op:?}: bad debt +{added} > shortfall {shortfall}"
				);
				prop_assert!(
					shortfall <= shortfall_bound,
					"{op:?}: {shortfall} > {shortfall_bound}"
				);
			}
		}
		Ok(())
	})
}

proptest! {
	#![proptest_config(proptest_config())]

	/// Run by [`random_operations_reach_every_path`], which then checks the counts.
	fn random_operations_keep_the_books(
		ops in proptest::collection::vec(op(), 5..60),
		shutdown_at in proptest::option::weighted(0.25, 0usize..60),
	) {
		COUNTS.with(|c| run_case(ops, shutdown_at, &mut c.borrow_mut()))?;
	}
}

/// A run where every operation failed, or no liquidation, purchase or redemption happened,
/// would prove little.
#[test]
fn random_operations_reach_every_path() {
	random_operations_keep_the_books();
	COUNTS.with(|c| {
		let c = c.borrow();
		println!("stablecoin operations: {c:?}");
		assert!(
			c.succeeded > 5_000
				&& c.mints > 500
				&& c.liquidations > 10
				&& c.bad_debts > 0
				&& c.purchases > 0
				&& c.shutdowns > 100
				&& c.redemptions > 0
				&& c.psm > 500,
			"{c:?}"
		);
	});
}
