//! The pallet's invariants, checked by `try_state` and by the tests.

use super::*;

impl<T: Config> Pallet<T> {
	/// Checks the pallet's invariants: every pool is well formed, its account holds at least
	/// its reserves plus its accrued protocol fees, its LP supply and reserves are empty
	/// together, both pair indexes agree with the pools, and oracle samples are ordered and
	/// belong to existing pools.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let next = NextPoolId::<T>::get();
		for (pool_id, pool) in Pools::<T>::iter() {
			ensure!(pool_id < next, "pool id at or above NextPoolId");
			let n = pool.assets.len();
			ensure!(pool.reserves.len() == n, "reserves and assets differ in length");
			ensure!(pool.protocol_fees.len() == n, "protocol fees and assets differ in length");
			ensure!(pool.unclaimed.len() == n, "unclaimed payouts and assets differ in length");
			ensure!(
				pool.protocol_fee_share <= MAX_PROTOCOL_FEE_SHARE,
				"protocol fee share above the maximum"
			);
			ensure!(n >= 2 && n <= math::MAX_ASSETS, "pool asset count out of range");
			for k in 1..n {
				ensure!(pool.assets[k - 1] < pool.assets[k], "pool assets not sorted and distinct");
			}
			for (k, a) in pool.assets.iter().enumerate() {
				for b in &pool.assets[k + 1..] {
					ensure!(
						PoolsByPair::<T>::get((a.clone(), b.clone())).contains(&pool_id),
						"pool missing from the pair index"
					);
				}
			}
			let samples = Observations::<T>::get(pool_id);
			ensure!(
				samples.windows(2).all(|w| w[0].block < w[1].block),
				"oracle samples not in block order"
			);
			ensure!(
				samples.last().map(|s| s.block) == pool.oracle.last_sample
					|| (samples.is_empty() && pool.oracle.last_sample.is_none()),
				"newest oracle sample disagrees with the pool"
			);
			let account = Self::pool_account(pool_id);
			let mut owed = vec![0u128; n];
			for (_, amounts) in Unclaimed::<T>::iter_prefix(pool_id) {
				ensure!(amounts.len() == n, "unclaimed entry of the wrong length");
				for (total, amount) in owed.iter_mut().zip(amounts.iter()) {
					*total = total.saturating_add(*amount);
				}
			}
			ensure!(owed == pool.unclaimed.to_vec(), "unclaimed payouts disagree with the pool");
			for (k, asset) in pool.assets.iter().enumerate() {
				let held = pool.reserves[k]
					.saturating_add(pool.protocol_fees[k])
					.saturating_add(pool.unclaimed[k]);
				ensure!(
					T::Assets::balance(asset.clone(), &account) >= held,
					"pool account holds less than its reserve, accrued fees and unclaimed payouts"
				);
			}
			let supply = Self::lp_supply(pool_id);
			let empty = pool.reserves.iter().all(|r| r.is_zero());
			ensure!(supply.is_zero() == empty, "LP supply and reserves disagree on emptiness");
			if !supply.is_zero() {
				ensure!(
					T::PoolAssets::balance(pool_id, &account) >= T::MinimumLiquidity::get(),
					"locked minimum liquidity missing"
				);
			}
			match &pool.kind {
				PoolKind::ConstantProduct => {
					ensure!(n == 2, "constant-product pool with more than two assets");
					ensure!(
						PairPools::<T>::get((
							pool.assets[0].clone(),
							pool.assets[1].clone(),
							pool.fee
						)) == Some(pool_id),
						"pair index does not point at the pool"
					);
				},
				PoolKind::Stable { precision_multipliers, .. } => {
					ensure!(
						precision_multipliers.len() == n,
						"multipliers and assets differ in length"
					);
				},
			}
		}
		for ((a, b, fee), pool_id) in PairPools::<T>::iter() {
			let pool = Pools::<T>::get(pool_id).ok_or("pair index points at no pool")?;
			ensure!(pool.assets.to_vec() == vec![a, b] && pool.fee == fee, "pair index mismatch");
		}
		for ((a, b), pools) in PoolsByPair::<T>::iter() {
			for pool_id in pools {
				let pool = Pools::<T>::get(pool_id).ok_or("pair index points at no pool")?;
				ensure!(
					pool.index_of(&a).is_some() && pool.index_of(&b).is_some(),
					"pair index names a pool without the pair"
				);
			}
		}
		for (pool_id, _) in Observations::<T>::iter() {
			ensure!(Pools::<T>::contains_key(pool_id), "oracle samples of no pool");
		}
		Ok(())
	}
}
