//! Chain-wide invariants, checked after every block.
//!
//! Each returns `Err(description)` on a violation. Pallets' own `try_state` hooks run too: the
//! DEX's always, every pallet's when the crate is built with `try-runtime` (as `scripts/fuzz.sh`
//! builds the fuzzer).

use defi_runtime::{
	AccountId, AssetConversionPoolAssets, Assets, Balances, Dex, PoolAssets, Runtime,
	EXISTENTIAL_DEPOSIT,
};
use frame_support::{dispatch::DispatchClass, traits::fungibles::Inspect};
use pallet_dex::{math, types::PoolKind, PoolInfoOf};
use primitive_types::U512;
use std::collections::BTreeMap;

pub type Check = Result<(), String>;

/// Everything below, in order.
pub fn check_all(block: u32, previous: &mut PoolSnapshots) -> Check {
	dex_try_state()?;
	lending_and_prices_try_state()?;
	stablecoin_books()?;
	term_staking_try_state()?;
	farming_try_state()?;
	#[cfg(feature = "try-runtime")]
	all_try_state(block)?;
	native_issuance()?;
	asset_issuance::<Assets, pallet_assets::Instance1>("Assets")?;
	asset_issuance::<PoolAssets, pallet_assets::Instance2>("PoolAssets")?;
	asset_issuance::<AssetConversionPoolAssets, pallet_assets::Instance3>(
		"AssetConversionPoolAssets",
	)?;
	no_account_below_minimum()?;
	pool_value_per_share(block, previous)?;
	Ok(())
}

fn dex_try_state() -> Check {
	Dex::do_try_state().map_err(|e| format!("pallet-dex try_state: {e:?}"))
}

/// The money markets' and prices' own invariants (the pallet account holds every market's cash,
/// borrows never exceed the debts, consistent account lists; tracked prices are well formed).
fn lending_and_prices_try_state() -> Check {
	pallet_lending::Pallet::<Runtime>::do_try_state()
		.map_err(|e| format!("pallet-lending try_state: {e:?}"))?;
	pallet_prices::Pallet::<Runtime>::do_try_state()
		.map_err(|e| format!("pallet-prices try_state: {e:?}"))
}

/// The stablecoin's books (issuance equals vault debt, peg-module debt, bad debt and shutdown
/// claims, and minted less burned plus peg-module debt, exactly), and the peg module's
/// reserves cover what it minted (dUSD and USDT/USDC share decimals: 1:1 in base units).
fn stablecoin_books() -> Check {
	use defi_primitives::PegStabilityModule;
	pallet_stablecoin::Pallet::<Runtime>::do_try_state()
		.map_err(|e| format!("pallet-stablecoin try_state: {e:?}"))?;
	let debt = <defi_runtime::stablecoin::PegModule as PegStabilityModule<
		frame_support::traits::fungible::NativeOrWithId<u32>,
	>>::debt();
	let reserves: u128 = <defi_runtime::stablecoin::PegModule as PegStabilityModule<
		frame_support::traits::fungible::NativeOrWithId<u32>,
	>>::reserves()
	.iter()
	.map(|(_, r)| *r)
	.sum();
	if reserves < debt {
		return Err(format!("peg-module reserves {reserves} below its debt {debt}"));
	}
	Ok(())
}

/// Term staking's books: each product's principal and reserve are the sums over its positions,
/// positions are listed once under their owners, and the pallet account holds every pot.
fn term_staking_try_state() -> Check {
	pallet_term_staking::Pallet::<Runtime>::do_try_state()
		.map_err(|e| format!("pallet-term-staking try_state: {e:?}"))
}

/// Farming's books: every stream's funding is its pot, claimable, paid and withdrawn amounts;
/// farmers are never owed more than accrued; deposits are held exactly; the pallet account holds
/// every pot.
fn farming_try_state() -> Check {
	pallet_farming::Pallet::<Runtime>::do_try_state()
		.map_err(|e| format!("pallet-farming try_state: {e:?}"))
}

#[cfg(feature = "try-runtime")]
fn all_try_state(block: u32) -> Check {
	use frame_support::traits::{TryState, TryStateSelect};
	<defi_runtime::AllPalletsWithSystem as TryState<u32>>::try_state(block, TryStateSelect::All)
		.map_err(|e| format!("try_state: {e:?}"))
}

/// DFI: total issuance equals the sum of every account's free and reserved balance (holds are
/// reserved balance).
fn native_issuance() -> Check {
	let mut sum: u128 = 0;
	for (_, info) in frame_system::Account::<Runtime>::iter() {
		sum = sum
			.checked_add(info.data.free)
			.and_then(|s| s.checked_add(info.data.reserved))
			.ok_or("DFI balances overflow u128")?;
	}
	let issuance = Balances::total_issuance();
	if sum != issuance {
		return Err(format!("DFI issuance {issuance} != sum of accounts {sum}"));
	}
	Ok(())
}

/// Every asset of a `pallet-assets` instance: its supply equals the sum of its accounts' total
/// balances (including what is on hold).
pub fn asset_issuance<P, I: 'static>(instance: &str) -> Check
where
	Runtime: pallet_assets::Config<I, AssetId = u32, Balance = u128>,
	P: Inspect<AccountId, AssetId = u32, Balance = u128>,
{
	for id in pallet_assets::Asset::<Runtime, I>::iter_keys() {
		let mut sum: u128 = 0;
		for (who, _) in pallet_assets::Account::<Runtime, I>::iter_prefix(id) {
			sum = sum
				.checked_add(P::total_balance(id, &who))
				.ok_or_else(|| format!("{instance} {id}: balances overflow u128"))?;
		}
		let supply = P::total_issuance(id);
		if sum != supply {
			return Err(format!("{instance} {id}: supply {supply} != sum of accounts {sum}"));
		}
	}
	Ok(())
}

/// No account (pallet accounts included) holds a positive DFI balance below the existential
/// deposit, and no asset account holds a positive balance below the asset's minimum.
fn no_account_below_minimum() -> Check {
	for (who, info) in frame_system::Account::<Runtime>::iter() {
		let total = info.data.free.saturating_add(info.data.reserved);
		if total > 0 && total < EXISTENTIAL_DEPOSIT {
			return Err(format!("account {who} holds {total} DFI, below the existential deposit"));
		}
	}
	for (id, who, account) in pallet_assets::Account::<Runtime, pallet_assets::Instance1>::iter() {
		// An account opened by `touch` exists by its deposit and may hold less than the minimum
		// (pallet-assets' rule): only accounts that exist by their balance are held to it.
		if matches!(
			account.reason,
			pallet_assets::ExistenceReason::DepositHeld(_)
				| pallet_assets::ExistenceReason::DepositFrom(..)
		) {
			continue;
		}
		let minimum = Assets::minimum_balance(id);
		let total = Assets::total_balance(id, &who);
		if total > 0 && total < minimum {
			return Err(format!(
				"account {who} holds {total} of asset {id}, below its minimum {minimum}"
			));
		}
	}
	Ok(())
}

/// A pool's reserves and LP supply after the last checked block.
#[derive(Clone, Debug, PartialEq)]
pub struct PoolSnapshot {
	reserves: Vec<u128>,
	supply: u128,
	/// Stable pools: the amplification in force; `None` for constant-product pools.
	amplification: Option<u128>,
	precision_multipliers: Vec<u128>,
}

pub type PoolSnapshots = BTreeMap<u32, PoolSnapshot>;

fn snapshot(pool_id: u32, pool: &PoolInfoOf<Runtime>, now: u32) -> PoolSnapshot {
	let (amplification, precision_multipliers) = match &pool.kind {
		PoolKind::ConstantProduct => (None, vec![1; pool.assets.len()]),
		PoolKind::Stable { amplification, precision_multipliers } => {
			(Some(Dex::amplification_now(amplification, now)), precision_multipliers.to_vec())
		},
	};
	PoolSnapshot {
		reserves: pool.reserves.to_vec(),
		supply: PoolAssets::total_issuance(pool_id),
		amplification,
		precision_multipliers,
	}
}

/// The value behind one LP share never falls: `x·y / s²` for constant-product pools, `D / s` for
/// stable pools at an unchanged amplification. Swap fees raise it; deposits and withdrawals
/// round against the provider, so they cannot lower it. An emptied pool starts afresh.
fn pool_value_per_share(now: u32, previous: &mut PoolSnapshots) -> Check {
	let mut current = PoolSnapshots::new();
	for (pool_id, pool) in pallet_dex::Pools::<Runtime>::iter() {
		let after = snapshot(pool_id, &pool, now);
		if let Some(before) = previous.get(&pool_id) {
			if before.supply > 0 && after.supply > 0 {
				compare_value_per_share(pool_id, before, &after)?;
			}
		}
		current.insert(pool_id, after);
	}
	*previous = current;
	Ok(())
}

fn compare_value_per_share(pool_id: u32, before: &PoolSnapshot, after: &PoolSnapshot) -> Check {
	match (before.amplification, after.amplification) {
		(None, None) => {
			let (x0, y0) = (U512::from(before.reserves[0]), U512::from(before.reserves[1]));
			let (x1, y1) = (U512::from(after.reserves[0]), U512::from(after.reserves[1]));
			let (s0, s1) = (U512::from(before.supply), U512::from(after.supply));
			// x1·y1·s0² ≥ x0·y0·s1², exact in 512 bits.
			if x1 * y1 * s0 * s0 < x0 * y0 * s1 * s1 {
				return Err(format!(
					"pool {pool_id}: value per LP share fell: reserves {:?} supply {} -> \
					 reserves {:?} supply {}",
					before.reserves, before.supply, after.reserves, after.supply
				));
			}
		},
		(Some(a0), Some(a1)) if a0 == a1 => {
			let d = |s: &PoolSnapshot| -> Option<u128> {
				let scaled: Option<Vec<u128>> = s
					.reserves
					.iter()
					.zip(&s.precision_multipliers)
					.map(|(r, m)| r.checked_mul(*m))
					.collect();
				math::stableswap::calculate_d(&scaled?, a0).ok()
			};
			let (Some(d0), Some(d1)) = (d(before), d(after)) else { return Ok(()) };
			// (D1 + 1)·s0 ≥ D0·s1: D is rounded down, so one unit of D is tolerance.
			let lhs = (U512::from(d1) + U512::one()) * U512::from(before.supply);
			let rhs = U512::from(d0) * U512::from(after.supply);
			if lhs < rhs {
				return Err(format!(
					"stable pool {pool_id}: D per LP share fell: D {d0} supply {} -> D {d1} \
					 supply {}",
					before.supply, after.supply
				));
			}
		},
		_ => {},
	}
	Ok(())
}

/// The block's weight stays within the limits of every dispatch class and of the block.
pub fn block_weight_within_limits() -> Check {
	let limits = <Runtime as frame_system::Config>::BlockWeights::get();
	let consumed = frame_system::Pallet::<Runtime>::block_weight();
	if consumed.total().any_gt(limits.max_block) {
		return Err(format!(
			"block weight {:?} above the limit {:?}",
			consumed.total(),
			limits.max_block
		));
	}
	for class in [DispatchClass::Normal, DispatchClass::Operational] {
		if let Some(max) = limits.get(class).max_total {
			if consumed.get(class).any_gt(max) {
				return Err(format!("{class:?} weight {:?} above {max:?}", consumed.get(class)));
			}
		}
	}
	Ok(())
}
