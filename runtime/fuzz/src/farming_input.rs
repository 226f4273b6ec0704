//! Calls of farming: deposits of the caller's LP tokens (sized from its balance) into the
//! genesis LP farms, withdrawals, claims, funding, and rare admin calls (stop, resume, rates,
//! pot withdrawals, a later end). Activity farms are fed by the lending, staking and DEX calls
//! the other inputs make.

use arbitrary::{Result, Unstructured};
use defi_primitives::{DepositAsset, FarmProgram, FarmStatus::Stopped};
use defi_runtime::{farming::genesis::farms, AccountId, Farming, PoolAssets, RuntimeCall};

use crate::{chain::Caller, lending_input::share_of};

fn farm(u: &mut Unstructured) -> Result<u32> {
	let count = farms().len() as u32;
	Ok(if u.ratio(15, 16)? { u.int_in_range(0..=count - 1)? } else { count + 3 })
}

/// Mostly one of the farms `pick` accepts (when there is one), else any farm: random farm ids
/// would rarely find the caller's LP tokens, its deposit or a stopped farm.
fn farm_where(u: &mut Unstructured, pick: impl Fn(u32) -> bool) -> Result<u32> {
	let fitting: Vec<u32> = (0..farms().len() as u32).filter(|f| pick(*f)).collect();
	if !fitting.is_empty() && u.ratio(3, 4)? {
		Ok(*u.choose(&fitting)?)
	} else {
		farm(u)
	}
}

fn is_deposit_farm(farm: u32) -> bool {
	matches!(farms().get(farm as usize), Some((FarmProgram::Deposit(_), ..)))
}

/// `who`'s free LP tokens of the farm's pool (0 for activity farms).
fn lp_balance(farm: u32, who: &AccountId) -> u128 {
	match farms().get(farm as usize).map(|f| f.0.clone()) {
		Some(FarmProgram::Deposit(DepositAsset::Lp(pool))) => PoolAssets::balance(pool, who),
		_ => 0,
	}
}

/// A farming call by `who`, or a rare admin call by root.
pub fn farming_call(
	u: &mut Unstructured,
	actors: &[AccountId],
	who: &AccountId,
) -> Result<(Caller, RuntimeCall)> {
	use pallet_farming::Call as F;
	let signed = Caller::Signed(who.clone());
	let call = match u.int_in_range(0u8..=15)? {
		0..=4 => {
			let farm = farm_where(u, |f| lp_balance(f, who) > 1)?;
			F::deposit { farm, amount: share_of(u, lp_balance(farm, who))? }
		},
		5..=6 => {
			let shares = |f| Farming::farmer_view(f, who).map_or(0, |v| v.shares);
			let farm = farm_where(u, |f| is_deposit_farm(f) && shares(f) > 0)?;
			F::withdraw { farm, amount: share_of(u, shares(farm))? }
		},
		7..=9 => F::claim { farm: farm(u)? },
		10 => F::claim_all {},
		11..=12 => F::fund {
			farm: farm(u)?,
			stream: u.int_in_range(0..=1)?,
			amount: share_of(u, 100 * defi_runtime::UNIT)?,
		},
		_ => return Ok((Caller::Root, admin_call(u, actors)?)),
	};
	Ok((signed, RuntimeCall::Farming(call)))
}

fn admin_call(u: &mut Unstructured, actors: &[AccountId]) -> Result<RuntimeCall> {
	use pallet_farming::Call as F;
	let farm = farm(u)?;
	Ok(RuntimeCall::Farming(match u.int_in_range(0u8..=4)? {
		0 => F::stop_farm { farm },
		1 => F::resume_farm {
			farm: farm_where(u, |f| Farming::farm_view(f).is_some_and(|v| v.status == Stopped))?,
		},
		2 => F::set_rate { farm, stream: 0, rate: share_of(u, defi_runtime::UNIT)? },
		3 => F::withdraw_pot {
			farm,
			stream: 0,
			amount: share_of(u, 1_000 * defi_runtime::UNIT)?,
			to: u.choose(actors)?.clone(),
		},
		_ => F::set_end {
			farm,
			end: defi_runtime::farming::genesis::FARM_DURATION
				+ defi_runtime::HOURS * u.int_in_range(0u32..=24)?,
		},
	}))
}
