//! Calls of term staking: stakes sized from the staker's balance in the genesis products (and,
//! rarely, in one that does not exist), redemptions and early exits of the caller's positions
//! (sometimes of another actor's, or of an id that was never used), pot funding, and rare admin
//! calls (terms moved within and out of range, closing a product, taking back unreserved pot).

use arbitrary::{Result, Unstructured};
use defi_runtime::{
	configs::NativeAndAssets, genesis_config_presets::staking_products, AccountId, RuntimeCall,
	TermStaking,
};
use frame_support::traits::{fungible::NativeOrWithId, fungibles::Inspect};
use sp_runtime::{FixedU128, Permill};

use crate::{chain::Caller, lending_input::share_of};

fn product(u: &mut Unstructured) -> Result<u32> {
	let count = staking_products().len() as u32;
	Ok(if u.ratio(15, 16)? { u.int_in_range(0..=count - 1)? } else { count + 3 })
}

fn balance(asset: NativeOrWithId<u32>, who: &AccountId) -> u128 {
	<NativeAndAssets as Inspect<AccountId>>::balance(asset, who)
}

/// A position id: mostly one of `who`'s, else another actor's or one never used.
fn position(u: &mut Unstructured, actors: &[AccountId], who: &AccountId) -> Result<u64> {
	let own: Vec<_> = TermStaking::position_views(who).into_iter().map(|p| p.id).collect();
	if !own.is_empty() && u.ratio(7, 8)? {
		return Ok(*u.choose(&own)?);
	}
	let other = u.choose(actors)?;
	let theirs: Vec<_> = TermStaking::position_views(other).into_iter().map(|p| p.id).collect();
	Ok(match theirs.is_empty() {
		true => u.int_in_range(0..=1_000)?,
		false => *u.choose(&theirs)?,
	})
}

/// A term-staking call by `who`, or a rare admin call by root.
pub fn staking_call(
	u: &mut Unstructured,
	actors: &[AccountId],
	who: &AccountId,
) -> Result<(Caller, RuntimeCall)> {
	use pallet_term_staking::Call as S;
	let signed = Caller::Signed(who.clone());
	let products = staking_products();
	let call = match u.int_in_range(0u8..=15)? {
		0..=5 => {
			let product = product(u)?;
			let asset =
				products.get(product as usize).map_or(NativeOrWithId::Native, |p| p.0.clone());
			S::stake { product, amount: share_of(u, balance(asset, who) / 8)? }
		},
		6..=8 => S::redeem { position: position(u, actors, who)? },
		9 | 10 => S::exit_early { position: position(u, actors, who)? },
		11 | 12 => {
			let product = product(u)?;
			let asset =
				products.get(product as usize).map_or(NativeOrWithId::Native, |p| p.1.clone());
			S::fund { product, amount: share_of(u, balance(asset, who) / 16)? }
		},
		_ => return Ok((Caller::Root, admin_call(u, actors)?)),
	};
	Ok((signed, RuntimeCall::TermStaking(call)))
}

/// New terms (a shorter term, another APR, a closed product, sometimes invalid ones) or a
/// withdrawal of unreserved pot.
fn admin_call(u: &mut Unstructured, actors: &[AccountId]) -> Result<RuntimeCall> {
	use pallet_term_staking::Call as S;
	let product = product(u)?;
	let products = staking_products();
	let mut terms = products.get(product as usize).map_or(products[0].2, |p| p.2);
	Ok(RuntimeCall::TermStaking(if u.ratio(2, 3)? {
		terms.term = u.int_in_range(0u32..=50)?;
		terms.apr = FixedU128::from_rational(u.int_in_range(0u32..=1_200)?.into(), 100);
		terms.open = u.ratio(7, 8)?;
		if u.ratio(1, 4)? {
			terms.early_exit_penalty = Some(Permill::from_percent(u.int_in_range(0..=100)?));
		}
		S::update_product { product, terms }
	} else {
		let amount = share_of(u, 10_000 * defi_runtime::UNIT)?;
		S::withdraw_pot { product, amount, to: u.choose(actors)?.clone() }
	}))
}
