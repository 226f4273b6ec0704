//! Read-only views for the runtime API.

use super::*;

impl<T: Config> Pallet<T> {
	/// Every pool with reserves, fee, amplification, LP supply and prices.
	pub fn pool_views() -> Vec<PoolView<T::AssetKind>> {
		let now = frame_system::Pallet::<T>::block_number();
		Pools::<T>::iter()
			.map(|(pool_id, pool)| PoolView {
				pool_id,
				stable: pool.is_stable(),
				assets: pool.assets.to_vec(),
				reserves: pool.reserves.to_vec(),
				fee: pool.fee,
				protocol_fee_share: pool.protocol_fee_share,
				protocol_fees: pool.protocol_fees.to_vec(),
				amplification: match &pool.kind {
					PoolKind::ConstantProduct => 0,
					PoolKind::Stable { amplification, .. } => {
						Self::amplification_now(amplification, now)
					},
				},
				lp_token: pool_id,
				lp_supply: Self::lp_supply(pool_id),
				spot_price: Self::spot_price(&pool, now),
				ema_price: pool.oracle.ema_price,
			})
			.collect()
	}

	/// What `shares` LP tokens of a pool would withdraw proportionally now.
	pub fn lp_share_value(pool_id: PoolId, shares: Balance) -> Option<Vec<Balance>> {
		let pool = Pools::<T>::get(pool_id)?;
		let supply = Self::lp_supply(pool_id);
		if shares > supply {
			return None;
		}
		math::stable_amounts_for_shares_proportional(&pool.reserves, shares, supply).ok()
	}

	/// The block a transaction submitted now executes in: quotes price as of then, because
	/// the per-block price reference and the oracle move at a block's first trade.
	fn next_block() -> BlockNumberFor<T> {
		frame_system::Pallet::<T>::block_number().saturating_add(One::one())
	}

	/// Amounts along `path` for an exact-in swap submitted now, as it executes in the next
	/// block: `[amount_in, out of hop 1, …]`.
	pub fn quote_amounts_exact_in(
		path: Vec<Hop<T::AssetKind>>,
		amount_in: Balance,
	) -> Option<Vec<Balance>> {
		let hops = Self::quote_exact_in(&path, amount_in, Self::next_block()).ok()?;
		Some(Self::amounts_of(&hops))
	}

	/// Amounts along `path` for an exact-out swap submitted now, as it executes in the next
	/// block: `[amount_in, out of hop 1, …, amount_out]`.
	pub fn quote_amounts_exact_out(
		path: Vec<Hop<T::AssetKind>>,
		amount_out: Balance,
	) -> Option<Vec<Balance>> {
		let hops = Self::quote_exact_out(&path, amount_out, Self::next_block()).ok()?;
		Some(Self::amounts_of(&hops))
	}
}
