//! Calls of the money markets and their prices: feeds from the dev feeder (Alice) that move
//! prices up and down, supply, withdraw, collateral, borrow, repay, liquidation, write-off, and
//! rare admin calls (market states, pins). Amounts lean on what the runtime API says an
//! account may borrow or withdraw, so most calls can succeed.

use arbitrary::{Result, Unstructured};
use defi_primitives::AmountOrAll;
use defi_runtime::{
	configs::NativeAndAssets, genesis_config_presets::reference_prices, AccountId, Lending,
	RuntimeCall,
};
use frame_support::{
	traits::{fungible::NativeOrWithId, fungibles::Inspect},
	BoundedVec,
};
use sp_runtime::{
	traits::{One, Saturating},
	FixedPointNumber, FixedU128,
};

use crate::chain::Caller;

type AssetKind = NativeOrWithId<u32>;

/// Every market (and priced asset): DFI, USDT, USDC, WBTC, WETH.
const MARKETS: [Option<u32>; 5] = [None, Some(1), Some(2), Some(3), Some(4)];

fn market(u: &mut Unstructured) -> Result<AssetKind> {
	Ok(match *u.choose(&MARKETS)? {
		None => NativeOrWithId::Native,
		Some(id) => NativeOrWithId::WithId(id),
	})
}

/// A share of `limit` (per mille, up to 110 %), sometimes 0, 1 or far too much.
pub fn share_of(u: &mut Unstructured, limit: u128) -> Result<u128> {
	Ok(match u.int_in_range(0u8..=11)? {
		0 => 0,
		1 => 1,
		2 => u128::MAX,
		3 => limit,
		_ => limit / 1_000 * u128::from(u.int_in_range(1u32..=1_100)?),
	})
}

/// Alice's next report: the reference prices, each moved by up to ±50 %, one asset at a time
/// more often than all of them.
pub fn feed_call(u: &mut Unstructured) -> Result<RuntimeCall> {
	let mut values = Vec::new();
	for (asset, price) in reference_prices() {
		let percent: u32 = if u.ratio(1, 3)? { u.int_in_range(50u32..=150)? } else { 100 };
		values
			.push((asset, price.saturating_mul(FixedU128::saturating_from_rational(percent, 100))));
	}
	Ok(RuntimeCall::Oracle(pallet_oracle::Call::feed_values {
		values: BoundedVec::truncate_from(values),
	}))
}

/// A lending call by `who`, or a rare admin call by root.
pub fn lending_call(
	u: &mut Unstructured,
	actors: &[AccountId],
	who: &AccountId,
) -> Result<(Caller, RuntimeCall)> {
	use pallet_lending::Call as L;
	let asset = market(u)?;
	let view = Lending::account_view(who);
	let position = view.positions.iter().find(|p| p.asset == asset);
	let (max_borrow, max_withdraw, debt) =
		position.map_or((0, 0, 0), |p| (p.max_borrow, p.max_withdraw, p.debt));
	let held = <NativeAndAssets as Inspect<AccountId>>::balance(asset.clone(), who);
	let signed = Caller::Signed(who.clone());
	Ok(match u.int_in_range(0u8..=19)? {
		0..=3 => {
			(signed, RuntimeCall::Lending(L::supply { asset, amount: share_of(u, held / 4)? }))
		},
		4 | 5 => {
			let amount = if u.ratio(1, 4)? {
				AmountOrAll::All
			} else {
				AmountOrAll::Exact(share_of(u, max_withdraw)?)
			};
			(signed, RuntimeCall::Lending(L::withdraw { asset, amount }))
		},
		6 | 7 => (signed, RuntimeCall::Lending(L::enable_collateral { asset })),
		8 => (signed, RuntimeCall::Lending(L::disable_collateral { asset })),
		9..=11 => {
			(signed, RuntimeCall::Lending(L::borrow { asset, amount: share_of(u, max_borrow)? }))
		},
		12 | 13 => {
			let amount = if u.ratio(1, 3)? {
				AmountOrAll::All
			} else {
				AmountOrAll::Exact(share_of(u, debt)?)
			};
			if u.ratio(1, 4)? {
				let borrower = u.choose(actors)?.clone();
				(signed, RuntimeCall::Lending(L::repay_on_behalf { borrower, asset, amount }))
			} else {
				(signed, RuntimeCall::Lending(L::repay { asset, amount }))
			}
		},
		14..=16 => {
			// An unhealthy borrower when there is one, its debt and its collateral.
			let below = Lending::accounts_below(FixedU128::one());
			let borrower = match below.is_empty() {
				true => u.choose(actors)?.clone(),
				false => u.choose(&below)?.0.clone(),
			};
			let target = Lending::account_view(&borrower);
			let debts: Vec<_> = target.positions.iter().filter(|p| p.debt > 0).collect();
			let colls: Vec<_> = target.positions.iter().filter(|p| p.collateral).collect();
			let (debt_asset, repay) = match debts.is_empty() {
				true => (market(u)?, 1),
				false => {
					let p = u.choose(&debts)?;
					(p.asset.clone(), share_of(u, p.debt)?)
				},
			};
			let collateral_asset =
				if colls.is_empty() { market(u)? } else { u.choose(&colls)?.asset.clone() };
			(
				signed,
				RuntimeCall::Lending(L::liquidate {
					borrower,
					debt_asset,
					repay_amount: repay,
					collateral_asset,
				}),
			)
		},
		17 => {
			let borrower = u.choose(actors)?.clone();
			(signed, RuntimeCall::Lending(L::write_off_bad_debt { borrower }))
		},
		18 => (signed, RuntimeCall::Lending(L::accrue_interest { asset })),
		_ => (Caller::Root, admin_call(u, asset)?),
	})
}

/// Market states (mostly back to active: a stopped market would starve the rest of the input)
/// and price pins.
fn admin_call(u: &mut Unstructured, asset: AssetKind) -> Result<RuntimeCall> {
	use pallet_lending::MarketState;
	Ok(match u.int_in_range(0u8..=4)? {
		0 => RuntimeCall::Lending(pallet_lending::Call::set_market_state {
			asset,
			state: *u.choose(&[MarketState::Paused, MarketState::Frozen])?,
		}),
		1 | 2 => RuntimeCall::Lending(pallet_lending::Call::set_market_state {
			asset,
			state: MarketState::Active,
		}),
		3 => {
			let price = reference_prices()
				.into_iter()
				.find(|(a, _)| *a == asset)
				.map_or(FixedU128::one(), |(_, p)| p);
			let percent: u32 = u.int_in_range(30u32..=200)?;
			RuntimeCall::Prices(pallet_prices::Call::pin_price {
				asset,
				price: price.saturating_mul(FixedU128::saturating_from_rational(percent, 100)),
				duration_ms: u.int_in_range(1u64..=600_000)?,
			})
		},
		_ => RuntimeCall::Prices(pallet_prices::Call::unpin_price { asset }),
	})
}
