//! The pools' price oracle and the per-block price-move limit.
//!
//! Each pool keeps a Uniswap-v2 style wrapping cumulative price of `assets[0]` in `assets[1]`,
//! extended at the pool's first change in every block. Samples of it go to their own storage
//! ([`Observations`]) at most once per [`Config::ObservationInterval`] blocks, so a swap never
//! rewrites the sample ring and [`OBSERVATIONS`] samples reach back
//! `OBSERVATIONS × ObservationInterval` blocks however often the pool trades. An undefined price
//! (outside `FixedU128`'s range or rounding to zero) is never recorded as 0: it clears the
//! history and the EMA, so averages that would include it are `None`.

use super::*;

impl<T: Config> Pallet<T> {
	/// Marginal values of every pool asset (see [`math::values_move_within`]); `None` for an
	/// empty pool or one whose prices cannot be computed.
	pub(crate) fn marginal_values(
		pool: &PoolInfoOf<T>,
		now: BlockNumberFor<T>,
	) -> Option<Vec<u128>> {
		match &pool.kind {
			PoolKind::ConstantProduct => math::constant_product_marginal_values(
				*pool.reserves.first()?,
				*pool.reserves.get(1)?,
			)
			.ok(),
			PoolKind::Stable { amplification, precision_multipliers } => {
				let balances = Self::normalized(&pool.reserves, precision_multipliers).ok()?;
				let amp = Self::amplification_now(amplification, now);
				math::stable_marginal_values(&balances, amp).ok()
			},
		}
	}

	/// Brings the oracle to block `now` before the pool's first change in that block: extends
	/// the cumulative price by the price that held since the last change, advances the EMA and
	/// fixes the block's price reference. Returns what [`Observations`] must record, which
	/// [`Pallet::store_pool`] writes: pricing a trade never writes storage.
	pub(crate) fn refresh_oracle(
		pool: &mut PoolInfoOf<T>,
		now: BlockNumberFor<T>,
	) -> ObservationUpdate<BlockNumberFor<T>> {
		let mut update = ObservationUpdate::Keep;
		if pool.oracle.last_block >= now && pool.oracle.block_start != PriceReference::Empty {
			return update;
		}
		let empty = pool.reserves.iter().all(|r| r.is_zero());
		// One evaluation of the pool's marginal values gives both the block's reference and the
		// price the oracle records.
		let values = if empty { None } else { Self::marginal_values(pool, now) };
		let price = values.as_ref().and_then(|v| Self::spot_from_values(pool, v));
		let reference = match values.map(BoundedVec::try_from) {
			_ if empty => PriceReference::Empty,
			Some(Ok(values)) => PriceReference::Values(values),
			_ => PriceReference::Undefined,
		};
		let oracle = &mut pool.oracle;
		let elapsed: u64 = now.saturating_sub(oracle.last_block).saturated_into();
		if elapsed > 0 && !empty {
			match price {
				Some(price) => {
					let previous_change = oracle.last_block;
					oracle.price_cumulative =
						math::extend_cumulative(oracle.price_cumulative, price, elapsed.into());
					let due = oracle.last_sample.map_or(true, |last| {
						now.saturating_sub(last) >= T::ObservationInterval::get()
					});
					if due {
						let sample = Observation {
							block: now,
							price_cumulative: oracle.price_cumulative,
							previous_change,
							price_before: price,
						};
						update = ObservationUpdate::Push(sample);
						oracle.last_sample = Some(now);
					}
					oracle.ema_price = Some(match oracle.ema_price {
						None => price,
						Some(ema) => {
							// `elapsed` blocks at `price`: alpha_eff = 1 - (1 - alpha)^elapsed.
							let keep = (Perquintill::one().saturating_sub(T::EmaAlpha::get()))
								.saturating_pow(elapsed.min(u32::MAX as u64) as usize);
							math::ema(ema, price, Perquintill::one().saturating_sub(keep))
						},
					});
				},
				None => {
					// The price since the last change is undefined: no average may include it.
					update = ObservationUpdate::Clear;
					oracle.last_sample = None;
					oracle.ema_price = None;
				},
			}
		}
		oracle.last_block = now;
		oracle.block_start = reference;
		update
	}

	/// Stores a changed pool with the oracle sample its refresh produced.
	pub(crate) fn store_pool(
		pool_id: PoolId,
		pool: &PoolInfoOf<T>,
		update: &ObservationUpdate<BlockNumberFor<T>>,
	) {
		match update {
			ObservationUpdate::Keep => {},
			ObservationUpdate::Push(sample) => Observations::<T>::mutate(pool_id, |ring| {
				if ring.is_full() {
					ring.remove(0);
				}
				// Cannot fail: a slot was freed above.
				let _ = ring.try_push(*sample);
			}),
			ObservationUpdate::Clear => Observations::<T>::remove(pool_id),
		}
		Pools::<T>::insert(pool_id, pool);
	}

	/// Checks the per-block price-move limit after a change of `pool` in block `now`: the price
	/// of every pair of its assets stays within [`Config::MaxPriceMovePerBlock`] of the block's
	/// reference. Fails closed when a price is undefined.
	pub(crate) fn ensure_price_within_limit(
		pool: &PoolInfoOf<T>,
		now: BlockNumberFor<T>,
	) -> DispatchResult {
		let before = match &pool.oracle.block_start {
			// No price yet (first deposit): nothing to compare against.
			PriceReference::Empty => return Ok(()),
			PriceReference::Undefined => return Err(Error::<T>::PriceUndefined.into()),
			PriceReference::Values(values) => values,
		};
		let after = Self::marginal_values(pool, now).ok_or(Error::<T>::PriceUndefined)?;
		ensure!(
			math::values_move_within(before, &after, T::MaxPriceMovePerBlock::get()),
			Error::<T>::PriceMoveTooLarge
		);
		Ok(())
	}

	/// The wrapping cumulative price at block `at` (not after now; `spot` is the current spot
	/// price), exactly, or `None` when the
	/// samples do not determine it; the second value is the block the cumulative belongs to,
	/// which is `at` or, failing an exact answer, the newest sample before it.
	fn cumulative_at(
		pool: &PoolInfoOf<T>,
		samples: &[Observation<BlockNumberFor<T>>],
		spot: Option<FixedU128>,
		at: BlockNumberFor<T>,
	) -> Option<(u128, BlockNumberFor<T>)> {
		let oracle = &pool.oracle;
		if at >= oracle.last_block {
			// The price has been the current spot price since the last change.
			let spot = spot?;
			let since_last: u128 = at.saturating_sub(oracle.last_block).saturated_into();
			return Some((math::extend_cumulative(oracle.price_cumulative, spot, since_last), at));
		}
		// A sample whose constant-price span covers `at` gives it exactly.
		if let Some(s) = samples.iter().find(|s| s.previous_change <= at && at <= s.block) {
			let back: u128 = s.block.saturating_sub(at).saturated_into();
			let subtracted = s.price_before.into_inner().wrapping_mul(back);
			return Some((s.price_cumulative.wrapping_sub(subtracted), at));
		}
		// Otherwise the newest sample before `at` (less than one interval older, since the
		// first change after an interval always takes a sample).
		samples
			.iter()
			.rev()
			.find(|s| s.block <= at)
			.map(|s| (s.price_cumulative, s.block))
	}

	/// Time-weighted average price of `assets[0]` in `assets[1]` over at least the last
	/// `window` blocks, with the blocks it actually covers (see [`WindowPrice`]). `None` if the
	/// pool does not exist, its history is shorter than `window` or its price is undefined.
	pub fn window_price(
		pool_id: PoolId,
		window: BlockNumberFor<T>,
	) -> Option<WindowPrice<BlockNumberFor<T>>> {
		Self::window_price_of(pool_id, &Pools::<T>::get(pool_id)?, window)
	}

	/// [`Pallet::window_price`] of a pool already read.
	pub(crate) fn window_price_of(
		pool_id: PoolId,
		pool: &PoolInfoOf<T>,
		window: BlockNumberFor<T>,
	) -> Option<WindowPrice<BlockNumberFor<T>>> {
		if window.is_zero() {
			return None;
		}
		let now = frame_system::Pallet::<T>::block_number();
		let samples = Observations::<T>::get(pool_id);
		// Computed once: both ends of the window may extend the cumulative price by it.
		let spot = Self::spot_price(pool, now);
		let (cumulative_now, _) = Self::cumulative_at(pool, &samples, spot, now)?;
		let horizon = now.checked_sub(&window)?;
		let (cumulative_then, from) = Self::cumulative_at(pool, &samples, spot, horizon)?;
		let covered = now.saturating_sub(from);
		let price = math::average_price(cumulative_then, cumulative_now, covered.saturated_into())?;
		Some(WindowPrice {
			price,
			covered,
			age: now.saturating_sub(pool.oracle.last_block),
			quote_liquidity: pool.reserves.get(1).copied().unwrap_or_default(),
		})
	}

	/// The price of [`Pallet::window_price`] alone.
	pub fn twap(pool_id: PoolId, window: BlockNumberFor<T>) -> Option<FixedU128> {
		Self::window_price(pool_id, window).map(|w| w.price)
	}

	/// The EMA price of a pool; `None` until its price is defined.
	pub fn ema_price(pool_id: PoolId) -> Option<FixedU128> {
		Pools::<T>::get(pool_id).and_then(|p| p.oracle.ema_price)
	}
}
