//! Adding and removing liquidity, and paying out accrued protocol fees.

use super::*;

impl<T: Config> Pallet<T> {
	pub(crate) fn lp_supply(pool_id: PoolId) -> Balance {
		T::PoolAssets::total_issuance(pool_id)
	}

	/// Adds liquidity; see [`Pallet::add_liquidity`]. Returns the LP tokens minted.
	pub fn do_add_liquidity(
		who: &T::AccountId,
		pool_id: PoolId,
		amounts: Vec<Balance>,
		min_shares: Balance,
	) -> Result<Balance, DispatchError> {
		let mut pool = Pools::<T>::get(pool_id).ok_or(Error::<T>::PoolNotFound)?;
		ensure!(amounts.len() == pool.assets.len(), Error::<T>::WrongAmountsLength);
		ensure!(amounts.iter().any(|a| *a > 0), Error::<T>::ZeroAmount);
		let now = frame_system::Pallet::<T>::block_number();
		let observation = Self::refresh_oracle(&mut pool, now);
		let supply = Self::lp_supply(pool_id);
		let first_deposit = supply.is_zero();

		let (deposits, minted) = match &pool.kind {
			PoolKind::ConstantProduct => {
				let (a, b) = (amounts[0], amounts[1]);
				ensure!(a > 0 && b > 0, Error::<T>::ZeroAmount);
				if first_deposit {
					let shares = math::initial_lp_shares(a, b).map_err(Self::math_error)?;
					(vec![a, b], shares)
				} else {
					let (ra, rb) = (pool.reserves[0], pool.reserves[1]);
					let b_optimal = math::quote(a, ra, rb).map_err(Self::math_error)?;
					let (a, b) = if b_optimal <= b {
						(a, b_optimal)
					} else {
						(math::quote(b, rb, ra).map_err(Self::math_error)?, b)
					};
					let shares = math::lp_shares_for_deposit(a, b, ra, rb, supply)
						.map_err(Self::math_error)?;
					(vec![a, b], shares)
				}
			},
			PoolKind::Stable { amplification, precision_multipliers } => {
				if first_deposit {
					ensure!(amounts.iter().all(|a| *a > 0), Error::<T>::ZeroAmount);
				}
				let before = Self::normalized(&pool.reserves, precision_multipliers)?;
				let deposits = Self::normalized(&amounts, precision_multipliers)?;
				let amp = Self::amplification_now(amplification, now);
				let shares =
					math::stable_shares_for_deposit(&before, &deposits, amp, supply, pool.fee)
						.map_err(Self::math_error)?;
				(amounts.clone(), shares)
			},
		};

		// The first deposit locks `MinimumLiquidity` LP tokens in the pool account forever.
		let locked = if first_deposit { T::MinimumLiquidity::get() } else { 0 };
		ensure!(minted > locked, Error::<T>::InsufficientLiquidity);
		let shares = minted - locked;
		ensure!(shares >= min_shares, Error::<T>::InsufficientShares);

		let pool_account = Self::pool_account(pool_id);
		for (k, asset) in pool.assets.iter().enumerate() {
			let mut amount = deposits[k];
			if first_deposit {
				// The pool account's existence deposit in every asset: held, never a reserve,
				// so paying out a whole reserve never reaps the account.
				amount = amount
					.checked_add(T::Assets::minimum_balance(asset.clone()))
					.ok_or(Error::<T>::Overflow)?;
			}
			if amount > 0 {
				T::Assets::transfer(
					asset.clone(),
					who,
					&pool_account,
					amount,
					Preservation::Preserve,
				)?;
			}
			pool.reserves[k] =
				pool.reserves[k].checked_add(deposits[k]).ok_or(Error::<T>::Overflow)?;
		}
		// An imbalanced deposit moves prices like a swap into the pool: the same limit applies,
		// so a deposit followed by a single-asset withdrawal is no way around it.
		Self::ensure_price_within_limit(&pool, now)?;
		if locked > 0 {
			T::PoolAssets::mint_into(pool_id, &pool_account, locked)?;
		}
		T::PoolAssets::mint_into(pool_id, who, shares)?;
		Self::store_pool(pool_id, &pool, &observation);
		Self::deposit_event(Event::LiquidityAdded {
			who: who.clone(),
			pool_id,
			amounts: deposits,
			shares,
		});
		Ok(shares)
	}

	/// Removes liquidity proportionally; see [`Pallet::remove_liquidity`].
	pub fn do_remove_liquidity(
		who: &T::AccountId,
		pool_id: PoolId,
		shares: Balance,
		min_amounts: Vec<Balance>,
	) -> Result<Vec<Balance>, DispatchError> {
		ensure!(shares > 0, Error::<T>::ZeroAmount);
		let mut pool = Pools::<T>::get(pool_id).ok_or(Error::<T>::PoolNotFound)?;
		ensure!(min_amounts.len() == pool.assets.len(), Error::<T>::WrongAmountsLength);
		let now = frame_system::Pallet::<T>::block_number();
		let observation = Self::refresh_oracle(&mut pool, now);
		let supply = Self::lp_supply(pool_id);
		ensure!(shares <= supply, Error::<T>::InsufficientLiquidity);
		let amounts = math::stable_amounts_for_shares_proportional(&pool.reserves, shares, supply)
			.map_err(Self::math_error)?;
		for (amount, min) in amounts.iter().zip(&min_amounts) {
			ensure!(amount >= min, Error::<T>::InsufficientOutput);
		}
		ensure!(amounts.iter().any(|a| *a > 0), Error::<T>::ZeroOutput);
		Self::burn_shares(pool_id, who, shares)?;
		let pool_account = Self::pool_account(pool_id);
		let mut deferred: Option<BoundedVec<Balance, MaxPoolAssets>> = None;
		for (k, asset) in pool.assets.iter().enumerate() {
			let amount = amounts[k];
			pool.reserves[k] =
				pool.reserves[k].checked_sub(amount).ok_or(Error::<T>::InsufficientLiquidity)?;
			if amount.is_zero() {
				continue;
			}
			if !Self::payout_blocked(asset, &pool_account, who, amount) {
				T::Assets::transfer(
					asset.clone(),
					&pool_account,
					who,
					amount,
					Preservation::Preserve,
				)?;
			} else {
				// A frozen or blocked asset must not trap the provider's other assets: its
				// part leaves the reserves and is owed until `claim_unclaimed` can pay it.
				let owed = deferred.get_or_insert_with(|| {
					Unclaimed::<T>::get(pool_id, who)
						.unwrap_or_else(|| BoundedVec::truncate_from(vec![0; pool.assets.len()]))
				});
				let slot = owed.get_mut(k).ok_or(Error::<T>::InvalidInput)?;
				*slot = slot.checked_add(amount).ok_or(Error::<T>::Overflow)?;
				let total = pool.unclaimed.get_mut(k).ok_or(Error::<T>::InvalidInput)?;
				*total = total.checked_add(amount).ok_or(Error::<T>::Overflow)?;
				Self::deposit_event(Event::PayoutDeferred {
					who: who.clone(),
					pool_id,
					asset: asset.clone(),
					amount,
				});
			}
		}
		if let Some(owed) = deferred {
			Unclaimed::<T>::insert(pool_id, who, owed);
		}
		Self::store_pool(pool_id, &pool, &observation);
		Self::deposit_event(Event::LiquidityRemoved {
			who: who.clone(),
			pool_id,
			shares,
			amounts: amounts.clone(),
		});
		Ok(amounts)
	}

	/// Removes liquidity in one asset of a stable pool; see
	/// [`Pallet::remove_liquidity_one_asset`].
	pub fn do_remove_liquidity_one_asset(
		who: &T::AccountId,
		pool_id: PoolId,
		shares: Balance,
		asset: T::AssetKind,
		min_amount: Balance,
	) -> Result<Balance, DispatchError> {
		ensure!(shares > 0, Error::<T>::ZeroAmount);
		let mut pool = Pools::<T>::get(pool_id).ok_or(Error::<T>::PoolNotFound)?;
		let PoolKind::Stable { amplification, precision_multipliers } = pool.kind.clone() else {
			return Err(Error::<T>::NotStablePool.into());
		};
		let index = pool.index_of(&asset).ok_or(Error::<T>::AssetNotInPool)?;
		let now = frame_system::Pallet::<T>::block_number();
		let observation = Self::refresh_oracle(&mut pool, now);
		let supply = Self::lp_supply(pool_id);
		ensure!(shares < supply, Error::<T>::InsufficientLiquidity);
		let balances = Self::normalized(&pool.reserves, &precision_multipliers)?;
		let amp = Self::amplification_now(&amplification, now);
		let (amount_normalized, fee_normalized) =
			math::stable_single_asset_withdraw(&balances, amp, index, shares, supply, pool.fee)
				.map_err(Self::math_error)?;
		let multiplier = precision_multipliers[index];
		let amount = amount_normalized / multiplier;
		ensure!(amount > 0, Error::<T>::ZeroOutput);
		ensure!(amount >= min_amount, Error::<T>::InsufficientOutput);
		// A single-asset withdrawal is a swap out of the pool: the same size limit, price limit
		// and protocol share of its fee apply as to `swap_exact_in`.
		let reserve = pool.reserves[index];
		Self::ensure_trade_size(amount, reserve)?;
		let protocol_fee = pool.protocol_fee_share.mul_floor(fee_normalized / multiplier);
		let removed = amount.checked_add(protocol_fee).ok_or(Error::<T>::Overflow)?;
		pool.reserves[index] =
			reserve.checked_sub(removed).ok_or(Error::<T>::InsufficientLiquidity)?;
		if let Some(accrued) = pool.protocol_fees.get_mut(index) {
			*accrued = accrued.checked_add(protocol_fee).ok_or(Error::<T>::Overflow)?;
		}
		Self::ensure_price_within_limit(&pool, now)?;
		Self::burn_shares(pool_id, who, shares)?;
		T::Assets::transfer(
			asset,
			&Self::pool_account(pool_id),
			who,
			amount,
			Preservation::Preserve,
		)?;
		let mut amounts = vec![0; pool.assets.len()];
		amounts[index] = amount;
		Self::store_pool(pool_id, &pool, &observation);
		Self::deposit_event(Event::LiquidityRemoved { who: who.clone(), pool_id, shares, amounts });
		Ok(amount)
	}

	/// Burns `shares` LP tokens of `pool_id` from `who`, exactly (the account may go).
	fn burn_shares(pool_id: PoolId, who: &T::AccountId, shares: Balance) -> DispatchResult {
		T::PoolAssets::burn_from(
			pool_id,
			who,
			shares,
			Preservation::Expendable,
			Precision::Exact,
			Fortitude::Polite,
		)?;
		Ok(())
	}

	/// Whether the asset's owner stopped this payout: the asset or the pool's account of it is
	/// frozen, or `to` is blocked. Any other failure is an error of the call, not a deferral.
	pub(crate) fn payout_blocked(
		asset: &T::AssetKind,
		pool_account: &T::AccountId,
		to: &T::AccountId,
		amount: Balance,
	) -> bool {
		use frame_support::traits::tokens::WithdrawConsequence;
		T::Assets::can_withdraw(asset.clone(), pool_account, amount) == WithdrawConsequence::Frozen
			|| T::Assets::can_deposit(asset.clone(), to, amount, Provenance::Extant)
				== DepositConsequence::Blocked
	}

	/// Whether the pool account can send `amount` of `asset` to `to` now.
	pub(crate) fn can_pay(
		asset: &T::AssetKind,
		pool_account: &T::AccountId,
		to: &T::AccountId,
		amount: Balance,
	) -> bool {
		use frame_support::traits::tokens::WithdrawConsequence;
		T::Assets::can_withdraw(asset.clone(), pool_account, amount) == WithdrawConsequence::Success
			&& T::Assets::can_deposit(asset.clone(), to, amount, Provenance::Extant)
				== DepositConsequence::Success
	}

	/// Pays what [`Unclaimed`] holds for `who` in `pool_id` as far as possible; see
	/// [`Pallet::claim_unclaimed`]. Returns what was paid, per pool asset.
	pub fn do_claim_unclaimed(
		who: &T::AccountId,
		pool_id: PoolId,
	) -> Result<Vec<Balance>, DispatchError> {
		let mut owed = Unclaimed::<T>::get(pool_id, who).ok_or(Error::<T>::NothingToClaim)?;
		let mut pool = Pools::<T>::get(pool_id).ok_or(Error::<T>::PoolNotFound)?;
		let pool_account = Self::pool_account(pool_id);
		let mut paid = vec![0; pool.assets.len()];
		for (k, asset) in pool.assets.iter().enumerate() {
			let amount = owed.get(k).copied().unwrap_or_default();
			if amount.is_zero() || !Self::can_pay(asset, &pool_account, who, amount) {
				continue;
			}
			T::Assets::transfer(asset.clone(), &pool_account, who, amount, Preservation::Preserve)?;
			paid[k] = amount;
			if let Some(slot) = owed.get_mut(k) {
				*slot = 0;
			}
			if let Some(total) = pool.unclaimed.get_mut(k) {
				*total = total.saturating_sub(amount);
			}
		}
		ensure!(paid.iter().any(|p| *p > 0), Error::<T>::NothingToClaim);
		if owed.iter().all(|o| o.is_zero()) {
			Unclaimed::<T>::remove(pool_id, who);
		} else {
			Unclaimed::<T>::insert(pool_id, who, owed);
		}
		Pools::<T>::insert(pool_id, pool);
		Self::deposit_event(Event::UnclaimedPaid {
			who: who.clone(),
			pool_id,
			amounts: paid.clone(),
		});
		Ok(paid)
	}

	/// Pays a pool's accrued protocol fees to the treasury; see
	/// [`Pallet::collect_protocol_fees`]. Returns what was paid, per pool asset.
	pub fn do_collect_protocol_fees(pool_id: PoolId) -> Result<Vec<Balance>, DispatchError> {
		let mut pool = Pools::<T>::get(pool_id).ok_or(Error::<T>::PoolNotFound)?;
		let treasury = T::TreasuryAccount::get();
		let pool_account = Self::pool_account(pool_id);
		let mut paid = vec![0; pool.assets.len()];
		for (k, asset) in pool.assets.iter().enumerate() {
			let owed = pool.protocol_fees.get(k).copied().unwrap_or_default();
			// An amount the treasury cannot receive yet, or the pool cannot send (a frozen or
			// blocked asset), keeps accruing; the other assets are still paid.
			if owed.is_zero() || !Self::can_pay(asset, &pool_account, &treasury, owed) {
				continue;
			}
			T::Assets::transfer(
				asset.clone(),
				&pool_account,
				&treasury,
				owed,
				Preservation::Preserve,
			)?;
			paid[k] = owed;
			if let Some(accrued) = pool.protocol_fees.get_mut(k) {
				*accrued = 0;
			}
		}
		ensure!(paid.iter().any(|p| *p > 0), Error::<T>::NoProtocolFees);
		Pools::<T>::insert(pool_id, pool);
		Self::deposit_event(Event::ProtocolFeesCollected { pool_id, amounts: paid.clone() });
		Ok(paid)
	}
}
