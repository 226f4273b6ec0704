//! Calls of the stablecoin and its peg module: vaults (deposit, withdraw, mint, repay, close)
//! sized from what `StablecoinApi` says a vault may mint or withdraw, liquidations of vaults the
//! API lists as liquidatable, discounted purchases, healing, peg-module mints and redemptions
//! with USDT and USDC, and rare admin calls (ceilings, a collateral type's parameters, the
//! emergency shutdown, after which settlements and redemptions become reachable).

use arbitrary::{Result, Unstructured};
use defi_primitives::AmountOrAll;
use defi_runtime::{
	assets::{DUSD, USDC, USDT},
	configs::NativeAndAssets,
	genesis_config_presets::collateral_types,
	AccountId, RuntimeCall, Stablecoin,
};
use frame_support::traits::{fungible::NativeOrWithId, fungibles::Inspect};
use sp_runtime::Permill;

use crate::{chain::Caller, lending_input::share_of};

type AssetKind = NativeOrWithId<u32>;

/// The collateral types (DFI, WBTC, WETH), dUSD itself and USDT (never collateral).
const ASSETS: [Option<u32>; 5] = [None, Some(3), Some(4), Some(DUSD), Some(USDT)];

fn asset(u: &mut Unstructured) -> Result<AssetKind> {
	// Mostly a real collateral type.
	let pick = if u.ratio(7, 8)? { *u.choose(&ASSETS[..3])? } else { *u.choose(&ASSETS)? };
	Ok(pick.map_or(NativeOrWithId::Native, NativeOrWithId::WithId))
}

fn held(asset: AssetKind, who: &AccountId) -> u128 {
	<NativeAndAssets as Inspect<AccountId>>::balance(asset, who)
}

/// A vault's owner: one the API lists as liquidatable when `liquidatable` and there is one,
/// else any actor.
fn owner(u: &mut Unstructured, actors: &[AccountId], asset: &AssetKind) -> Result<AccountId> {
	let at_risk: Vec<_> = actors
		.iter()
		.filter(|a| Stablecoin::vault_view(a, asset).is_some_and(|v| v.liquidatable))
		.collect();
	Ok(match at_risk.is_empty() {
		true => u.choose(actors)?.clone(),
		false => (*u.choose(&at_risk)?).clone(),
	})
}

/// A stablecoin or peg-module call by `who`, or a rare admin call by root.
pub fn stablecoin_call(
	u: &mut Unstructured,
	actors: &[AccountId],
	who: &AccountId,
) -> Result<(Caller, RuntimeCall)> {
	use pallet_stablecoin::Call as S;
	// Vault calls come mostly from an actor with a vault, when one has.
	let owners: Vec<_> = actors
		.iter()
		.filter(|a| !Stablecoin::vault_views(a).is_empty())
		.cloned()
		.collect();
	let who = match owners.is_empty() || owners.contains(who) || u.ratio(1, 4)? {
		true => who.clone(),
		false => u.choose(&owners)?.clone(),
	};
	let who = &who;
	// Mostly one of `who`'s own vaults, when it has any.
	let own: Vec<_> = Stablecoin::vault_views(who).into_iter().map(|v| v.asset).collect();
	let asset = match own.is_empty() || u.ratio(1, 4)? {
		true => asset(u)?,
		false => u.choose(&own)?.clone(),
	};
	let view = Stablecoin::vault_view(who, &asset);
	let (max_mint, max_withdraw, debt) = view
		.as_ref()
		.map_or((0, 0, 0), |v| (v.max_mintable, v.max_withdrawable, v.debt));
	let dusd = held(NativeOrWithId::WithId(DUSD), who);
	let signed = Caller::Signed(who.clone());
	let call = match u.int_in_range(0u8..=23)? {
		0..=3 => {
			let amount = share_of(u, held(asset.clone(), who) / 8)?;
			S::deposit_collateral { asset, amount }
		},
		4 | 5 => S::withdraw_collateral { asset, amount: share_of(u, max_withdraw)? },
		6..=9 => S::mint { asset, amount: share_of(u, max_mint)? },
		10 | 11 => {
			let amount = if u.ratio(1, 3)? {
				AmountOrAll::All
			} else {
				AmountOrAll::Exact(share_of(u, debt.min(dusd))?)
			};
			S::repay { asset, amount }
		},
		12 => S::close { asset },
		13..=15 => S::liquidate { owner: owner(u, actors, &asset)?, asset },
		16 => {
			let owner = owner(u, actors, &asset)?;
			S::buy_collateral { owner, asset, max_payment: share_of(u, dusd)? }
		},
		17 => S::heal {},
		18 => S::settle { owner: u.choose(actors)?.clone(), asset },
		19 => S::redeem { amount: share_of(u, dusd)? },
		20 | 21 => return Ok((signed, psm_call(u, who)?)),
		_ => return Ok((Caller::Root, admin_call(u, asset)?)),
	};
	Ok((signed, RuntimeCall::Stablecoin(call)))
}

/// A peg-module mint (USDT or USDC in) or redemption (dUSD in), mostly with a fee bound that
/// admits the fee.
fn psm_call(u: &mut Unstructured, who: &AccountId) -> Result<RuntimeCall> {
	use pallet_psm::Call as P;
	let external = *u.choose(&[USDT, USDC])?;
	let max_fee = if u.ratio(7, 8)? { Permill::one() } else { Permill::zero() };
	Ok(RuntimeCall::Psm(if u.ratio(1, 2)? {
		let external_amount = share_of(u, held(NativeOrWithId::WithId(external), who) / 8)?;
		P::mint { internal_asset: DUSD, external_asset: external, external_amount, max_fee }
	} else {
		let internal_amount = share_of(u, held(NativeOrWithId::WithId(DUSD), who))?;
		P::redeem { internal_asset: DUSD, external_asset: external, internal_amount, max_fee }
	}))
}

/// Ceilings, a collateral type's parameters moved within (and sometimes out of) range, and,
/// rarely, the emergency shutdown.
fn admin_call(u: &mut Unstructured, asset: AssetKind) -> Result<RuntimeCall> {
	use pallet_stablecoin::Call as S;
	// A shutdown ends vault activity for the rest of the input: rare.
	Ok(RuntimeCall::Stablecoin(match u.int_in_range(0u8..=63)? {
		0..=20 => S::set_debt_ceiling {
			ceiling: u128::from(u.int_in_range(0u32..=100_000_000)?) * 1_000_000,
		},
		21..=62 => {
			let mut params = collateral_types()
				.into_iter()
				.find(|(a, _)| *a == asset)
				.map_or_else(|| collateral_types()[0].1, |(_, p)| p);
			params.debt_ceiling = u128::from(u.int_in_range(0u32..=20_000_000)?) * 1_000_000;
			params.minimum_debt = u128::from(u.int_in_range(0u32..=1_000)?) * 1_000_000;
			if u.ratio(1, 4)? {
				params.liquidation_penalty = Permill::from_percent(u.int_in_range(0..=60)?);
			}
			S::set_collateral_type { asset, params }
		},
		_ => S::shutdown {},
	}))
}
