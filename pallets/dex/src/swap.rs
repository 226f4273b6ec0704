//! Swaps: path validation, pricing of each hop, protections, token movement and weights.

use super::*;

impl<T: Config> Pallet<T> {
	/// Weight of a swap of `hops` hops of which `stable_hops` are stable: a stable hop costs more
	/// than a constant-product one by the difference of their benchmarks.
	pub fn swap_weight(hops: u32, stable_hops: u32, exact_out: bool) -> Weight {
		let base = if exact_out {
			T::WeightInfo::swap_exact_out(hops)
		} else {
			T::WeightInfo::swap_exact_in(hops)
		};
		// The stable-hop benchmarks measure the costliest stable pool the limits allow.
		let stable_extra = if exact_out {
			T::WeightInfo::swap_stable_hop_exact_out()
				.saturating_sub(T::WeightInfo::swap_exact_out(1))
		} else {
			T::WeightInfo::swap_stable_hop().saturating_sub(T::WeightInfo::swap_exact_in(1))
		};
		base.saturating_add(stable_extra.saturating_mul(stable_hops.min(hops).into()))
			.saturating_add(T::OnTrade::on_trade_weight().saturating_mul(hops.into()))
	}

	/// Paid on top of the benchmarked swap (where the caller is the recipient) when the output
	/// goes to another account: its `System::Account` entry is read and written when the
	/// output gives it a new balance.
	pub fn other_recipient_weight() -> Weight {
		T::DbWeight::get().reads_writes(1, 1)
	}

	/// The weight a swap declares before dispatch: every hop stable, another recipient.
	pub fn declared_swap_weight(hops: u32, exact_out: bool) -> Weight {
		Self::swap_weight(hops, hops, exact_out).saturating_add(Self::other_recipient_weight())
	}

	/// The weight of a priced swap: what the path's actual pool kinds and recipient cost,
	/// refunded after dispatch against [`Pallet::declared_swap_weight`]; without the trade
	/// hooks, whose actual weight the execution adds.
	pub(crate) fn executed_swap_weight(
		hops: &[HopExecution<T>],
		who: &T::AccountId,
		recipient: &T::AccountId,
		exact_out: bool,
	) -> Weight {
		let stable = hops.iter().filter(|h| h.pool.is_stable()).count() as u32;
		let weight = Self::swap_weight(hops.len() as u32, stable, exact_out)
			.saturating_sub(T::OnTrade::on_trade_weight().saturating_mul(hops.len() as u64));
		if who == recipient {
			weight
		} else {
			weight.saturating_add(Self::other_recipient_weight())
		}
	}

	pub(crate) fn ensure_deadline(deadline: BlockNumberFor<T>) -> DispatchResult {
		ensure!(frame_system::Pallet::<T>::block_number() <= deadline, Error::<T>::DeadlineExpired);
		Ok(())
	}

	pub(crate) fn ensure_trade_size(amount: Balance, reserve: Balance) -> DispatchResult {
		ensure!(
			amount <= T::MaxSwapReserveShare::get().mul_floor(reserve),
			Error::<T>::TradeTooLarge
		);
		Ok(())
	}

	pub(crate) fn validate_path(path: &[Hop<T::AssetKind>]) -> DispatchResult {
		let (first, last) = match (path.first(), path.last()) {
			(Some(f), Some(l)) => (f, l),
			_ => return Err(Error::<T>::EmptyPath.into()),
		};
		ensure!(first.asset_in != last.asset_out, Error::<T>::IdenticalAssets);
		for (k, hop) in path.iter().enumerate() {
			ensure!(hop.asset_in != hop.asset_out, Error::<T>::IdenticalAssets);
			if k > 0 {
				ensure!(path[k - 1].asset_out == hop.asset_in, Error::<T>::InvalidPath);
				ensure!(
					!path[..k].iter().any(|h| h.pool_id == hop.pool_id),
					Error::<T>::RepeatedPool
				);
			}
		}
		Ok(())
	}

	/// Loads a hop's pool with its oracle brought to `now`, the hop's asset indices and the
	/// oracle sample due.
	pub(crate) fn load_hop(
		hop: &Hop<T::AssetKind>,
		now: BlockNumberFor<T>,
	) -> Result<LoadedHop<T>, DispatchError> {
		let mut pool = Pools::<T>::get(hop.pool_id).ok_or(Error::<T>::PoolNotFound)?;
		let i = pool.index_of(&hop.asset_in).ok_or(Error::<T>::AssetNotInPool)?;
		let j = pool.index_of(&hop.asset_out).ok_or(Error::<T>::AssetNotInPool)?;
		ensure!(
			pool.reserves.get(i).map_or(false, |r| *r > 0)
				&& pool.reserves.get(j).map_or(false, |r| *r > 0),
			Error::<T>::InsufficientLiquidity
		);
		let observation = Self::refresh_oracle(&mut pool, now);
		Ok(LoadedHop { pool, i, j, observation })
	}

	/// Applies a priced hop to the pool's reserves and checks the protections.
	#[allow(clippy::too_many_arguments)]
	pub(crate) fn apply_hop(
		hop: &Hop<T::AssetKind>,
		loaded: LoadedHop<T>,
		amount_in: Balance,
		amount_out: Balance,
		fee: Balance,
		now: BlockNumberFor<T>,
	) -> Result<HopExecution<T>, DispatchError> {
		let LoadedHop { mut pool, i, j, observation } = loaded;
		let (reserve_in, reserve_out) = (pool.reserves[i], pool.reserves[j]);
		Self::ensure_trade_size(amount_in, reserve_in)?;
		Self::ensure_trade_size(amount_out, reserve_out)?;
		// Rounded down: the rest of the fee stays with the liquidity providers.
		let protocol_fee = pool.protocol_fee_share.mul_floor(fee);
		// Constant product: the protocol's part of the fee (in the input) never enters the
		// reserves. Stable: it (in the output) leaves the reserves beside the trader's output.
		// Either way it stays in the pool account, accrued for the treasury.
		let (added_in, removed_out, fee_index) = if pool.is_stable() {
			(amount_in, amount_out.checked_add(protocol_fee).ok_or(Error::<T>::Overflow)?, j)
		} else {
			(amount_in.saturating_sub(protocol_fee), amount_out, i)
		};
		let accrued = pool.protocol_fees.get_mut(fee_index).ok_or(Error::<T>::InvalidInput)?;
		*accrued = accrued.checked_add(protocol_fee).ok_or(Error::<T>::Overflow)?;
		pool.reserves[i] = reserve_in.checked_add(added_in).ok_or(Error::<T>::Overflow)?;
		pool.reserves[j] =
			reserve_out.checked_sub(removed_out).ok_or(Error::<T>::InsufficientLiquidity)?;
		Self::ensure_price_within_limit(&pool, now)?;
		Ok(HopExecution {
			pool_id: hop.pool_id,
			pool,
			observation,
			asset_in: hop.asset_in.clone(),
			asset_out: hop.asset_out.clone(),
			amount_in,
			amount_out,
			fee,
			protocol_fee,
		})
	}

	/// Output and fee of one exact-in hop.
	pub(crate) fn price_hop_in(
		pool: &PoolInfoOf<T>,
		i: usize,
		j: usize,
		amount_in: Balance,
		now: BlockNumberFor<T>,
	) -> Result<(Balance, Balance), DispatchError> {
		match &pool.kind {
			PoolKind::ConstantProduct => {
				let out =
					math::get_amount_out(amount_in, pool.reserves[i], pool.reserves[j], pool.fee)
						.map_err(Self::math_error)?;
				Ok((out, Self::input_fee(amount_in, pool.fee)))
			},
			PoolKind::Stable { amplification, precision_multipliers } => {
				let balances = Self::normalized(&pool.reserves, precision_multipliers)?;
				let (mi, mj) = (precision_multipliers[i], precision_multipliers[j]);
				let amp = Self::amplification_now(amplification, now);
				let in_normalized = amount_in.checked_mul(mi).ok_or(Error::<T>::Overflow)?;
				let (out_normalized, fee_normalized) =
					math::stable_swap_out(&balances, amp, i, j, in_normalized, pool.fee)
						.map_err(Self::math_error)?;
				// Scaling down rounds against the trader.
				let out = out_normalized / mj;
				ensure!(out > 0, Error::<T>::ZeroOutput);
				Ok((out, fee_normalized / mj))
			},
		}
	}

	/// Input and fee of one exact-out hop.
	pub(crate) fn price_hop_out(
		pool: &PoolInfoOf<T>,
		i: usize,
		j: usize,
		amount_out: Balance,
		now: BlockNumberFor<T>,
	) -> Result<(Balance, Balance), DispatchError> {
		match &pool.kind {
			PoolKind::ConstantProduct => {
				let amount_in =
					math::get_amount_in(amount_out, pool.reserves[i], pool.reserves[j], pool.fee)
						.map_err(Self::math_error)?;
				Ok((amount_in, Self::input_fee(amount_in, pool.fee)))
			},
			PoolKind::Stable { amplification, precision_multipliers } => {
				let balances = Self::normalized(&pool.reserves, precision_multipliers)?;
				let (mi, mj) = (precision_multipliers[i], precision_multipliers[j]);
				let amp = Self::amplification_now(amplification, now);
				let out_normalized = amount_out.checked_mul(mj).ok_or(Error::<T>::Overflow)?;
				let (in_normalized, fee_normalized) =
					math::stable_swap_in(&balances, amp, i, j, out_normalized, pool.fee)
						.map_err(Self::math_error)?;
				// Scaling up rounds against the trader.
				let amount_in = in_normalized.div_ceil(mi);
				Ok((amount_in, fee_normalized / mj))
			},
		}
	}

	/// The fee part of a constant-product input, rounded up (the pool keeps the dust).
	pub(crate) fn input_fee(amount_in: Balance, fee: Permill) -> Balance {
		fee.mul_ceil(amount_in)
	}

	/// Prices an exact-in swap along `path` as it would execute in block `now` (the current
	/// block for a swap, the next one for a quote), without changing any state.
	pub fn quote_exact_in(
		path: &[Hop<T::AssetKind>],
		amount_in: Balance,
		now: BlockNumberFor<T>,
	) -> Result<Vec<HopExecution<T>>, DispatchError> {
		ensure!(amount_in > 0, Error::<T>::ZeroAmount);
		ensure!(path.len() as u32 <= T::MaxHops::get(), Error::<T>::InvalidPath);
		Self::validate_path(path)?;
		let mut hops = Vec::with_capacity(path.len());
		let mut amount = amount_in;
		for hop in path {
			let loaded = Self::load_hop(hop, now)?;
			let (out, fee) = Self::price_hop_in(&loaded.pool, loaded.i, loaded.j, amount, now)?;
			let executed = Self::apply_hop(hop, loaded, amount, out, fee, now)?;
			amount = out;
			hops.push(executed);
		}
		Ok(hops)
	}

	/// Prices an exact-out swap along `path` as it would execute in block `now`, without
	/// changing any state.
	pub fn quote_exact_out(
		path: &[Hop<T::AssetKind>],
		amount_out: Balance,
		now: BlockNumberFor<T>,
	) -> Result<Vec<HopExecution<T>>, DispatchError> {
		ensure!(amount_out > 0, Error::<T>::ZeroAmount);
		ensure!(path.len() as u32 <= T::MaxHops::get(), Error::<T>::InvalidPath);
		Self::validate_path(path)?;
		// Backwards: the input each hop needs for the output the next hop needs.
		let mut priced = Vec::with_capacity(path.len());
		let mut amount = amount_out;
		for hop in path.iter().rev() {
			let loaded = Self::load_hop(hop, now)?;
			let (amount_in, fee) =
				Self::price_hop_out(&loaded.pool, loaded.i, loaded.j, amount, now)?;
			priced.push((loaded, amount_in, amount, fee));
			amount = amount_in;
		}
		priced.reverse();
		path.iter()
			.zip(priced)
			.map(|(hop, (loaded, amount_in, out, fee))| {
				Self::apply_hop(hop, loaded, amount_in, out, fee, now)
			})
			.collect()
	}

	/// Swaps exactly `amount_in` of `who`'s along `path` for at least `min_out` to `recipient`
	/// in the current block. Returns the output and the weight the path actually cost.
	pub fn do_swap_exact_in(
		who: &T::AccountId,
		path: &[Hop<T::AssetKind>],
		amount_in: Balance,
		min_out: Balance,
		recipient: &T::AccountId,
		keep_alive: bool,
	) -> Result<(Balance, Weight), DispatchError> {
		let now = frame_system::Pallet::<T>::block_number();
		let hops = Self::quote_exact_in(path, amount_in, now)?;
		let out = hops.last().map(|h| h.amount_out).ok_or(Error::<T>::EmptyPath)?;
		ensure!(out >= min_out, Error::<T>::InsufficientOutput);
		let weight = Self::executed_swap_weight(&hops, who, recipient, false);
		let hooks = Self::execute_swap(who, recipient, path, hops, keep_alive)?;
		Ok((out, weight.saturating_add(hooks)))
	}

	/// Swaps at most `max_in` of `who`'s along `path` for exactly `amount_out` to `recipient` in
	/// the current block. Returns the input taken and the weight the path actually cost.
	pub fn do_swap_exact_out(
		who: &T::AccountId,
		path: &[Hop<T::AssetKind>],
		amount_out: Balance,
		max_in: Balance,
		recipient: &T::AccountId,
		keep_alive: bool,
	) -> Result<(Balance, Weight), DispatchError> {
		let now = frame_system::Pallet::<T>::block_number();
		let hops = Self::quote_exact_out(path, amount_out, now)?;
		let paid = hops.first().map(|h| h.amount_in).ok_or(Error::<T>::EmptyPath)?;
		ensure!(paid <= max_in, Error::<T>::ExcessiveInput);
		let weight = Self::executed_swap_weight(&hops, who, recipient, true);
		let hooks = Self::execute_swap(who, recipient, path, hops, keep_alive)?;
		Ok((paid, weight.saturating_add(hooks)))
	}

	/// Moves the tokens of a priced swap and stores the pools' new state: the trader's input is
	/// withdrawn as a credit, swapped along the pools ([`Pallet::swap_credit_along`]) and the
	/// output credit resolved into `recipient`. A pool's account is never reaped; the trader's
	/// only when `keep_alive` is false. Returns the weight the trade hooks used.
	pub(crate) fn execute_swap(
		who: &T::AccountId,
		recipient: &T::AccountId,
		path: &[Hop<T::AssetKind>],
		hops: Vec<HopExecution<T>>,
		keep_alive: bool,
	) -> Result<Weight, DispatchError> {
		let first = hops.first().ok_or(Error::<T>::EmptyPath)?;
		let credit_in =
			Self::withdraw_from_trader(first.asset_in.clone(), who, first.amount_in, keep_alive)?;
		let credit_out = Self::swap_credit_along(&hops, credit_in).map_err(|(_, e)| e)?;
		Self::resolve_into(recipient, credit_out)?;
		let hooks = Self::note_trades(Some(who), &hops);
		Self::deposit_event(Event::Swapped {
			who: who.clone(),
			recipient: recipient.clone(),
			path: path.to_vec(),
			amounts: Self::amounts_of(&hops),
			fees: hops.iter().map(|h| h.fee).collect(),
			protocol_fees: hops.iter().map(|h| h.protocol_fee).collect(),
		});
		Ok(hooks)
	}

	/// `[amount_in, out of hop 1, …]` of priced hops.
	pub(crate) fn amounts_of(hops: &[HopExecution<T>]) -> Vec<Balance> {
		core::iter::once(hops.first().map_or(0, |h| h.amount_in))
			.chain(hops.iter().map(|h| h.amount_out))
			.collect()
	}

	/// Tells [`Config::OnTrade`] of every hop; returns the weight it used (each hop at most
	/// [`OnTrade::on_trade_weight`]).
	pub(crate) fn note_trades(who: Option<&T::AccountId>, hops: &[HopExecution<T>]) -> Weight {
		let mut used = Weight::zero();
		for h in hops {
			let hop = T::OnTrade::on_trade(
				who,
				h.pool_id,
				&h.asset_in,
				h.amount_in,
				&h.asset_out,
				h.amount_out,
			);
			// The refund cannot charge more than the call declared.
			used = used.saturating_add(hop.min(T::OnTrade::on_trade_weight()));
		}
		used
	}

	/// Runs priced hops with `credit_in` (exactly the first hop's input): each pool's output is
	/// withdrawn and resolved into the next pool, the last one returned as a credit, and
	/// `credit_in` is resolved into the first pool last, so every failure before it hands
	/// `credit_in` back untouched. Stores the pools. The caller rolls back storage on an error.
	pub(crate) fn swap_credit_along(
		hops: &[HopExecution<T>],
		credit_in: CreditOf<T>,
	) -> Result<CreditOf<T>, (CreditOf<T>, DispatchError)> {
		let first = match hops.first() {
			Some(first) => first,
			None => return Err((credit_in, Error::<T>::EmptyPath.into())),
		};
		if credit_in.asset() != first.asset_in || credit_in.peek() != first.amount_in {
			return Err((credit_in, Error::<T>::InvalidPath.into()));
		}
		let pay_out = || -> Result<CreditOf<T>, DispatchError> {
			let mut out = None;
			for (k, hop) in hops.iter().enumerate() {
				// A pool always holds its minimum balance beside the reserves and `withdraw`
				// with `Preserve` keeps it.
				let credit = T::Assets::withdraw(
					hop.asset_out.clone(),
					&Self::pool_account(hop.pool_id),
					hop.amount_out,
					Precision::Exact,
					Preservation::Preserve,
					Fortitude::Polite,
				)?;
				match hops.get(k + 1) {
					Some(next) => Self::resolve_into(&Self::pool_account(next.pool_id), credit)?,
					None => out = Some(credit),
				}
				Self::store_pool(hop.pool_id, &hop.pool, &hop.observation);
			}
			out.ok_or_else(|| Error::<T>::EmptyPath.into())
		};
		let credit_out = match pay_out() {
			Ok(credit) => credit,
			Err(e) => return Err((credit_in, e)),
		};
		let first_pool = Self::pool_account(first.pool_id);
		T::Assets::resolve(&first_pool, credit_in).map_err(|credit| {
			let reason = Self::deposit_failure(&first_pool, &credit);
			(credit, reason)
		})?;
		Ok(credit_out)
	}

	/// Why `to` could not receive `credit`: the token's own reason (`BelowMinimum`,
	/// `CannotCreate`, `Blocked`, …). Asked only after a `resolve` failed, so a successful move
	/// pays for no second check.
	fn deposit_failure(to: &T::AccountId, credit: &CreditOf<T>) -> DispatchError {
		T::Assets::can_deposit(credit.asset(), to, credit.peek(), Provenance::Extant)
			.into_result()
			.err()
			.unwrap_or_else(|| TokenError::BelowMinimum.into())
	}

	/// Resolves `credit` into `to`, failing with the token's own error when `to` cannot
	/// receive it.
	pub(crate) fn resolve_into(to: &T::AccountId, credit: CreditOf<T>) -> DispatchResult {
		T::Assets::resolve(to, credit).map_err(|credit| Self::deposit_failure(to, &credit))
	}

	/// Takes exactly `amount` of `asset` from the trader `who` as a credit, leaving `who`'s
	/// account alive unless `keep_alive` is false; a shortfall is
	/// `TokenError::FundsUnavailable` for every kind of token.
	pub(crate) fn withdraw_from_trader(
		asset: T::AssetKind,
		who: &T::AccountId,
		amount: Balance,
		keep_alive: bool,
	) -> Result<CreditOf<T>, DispatchError> {
		let preservation =
			if keep_alive { Preservation::Preserve } else { Preservation::Expendable };
		// Checked first, as asset-conversion does (polkadot-sdk#1698): `withdraw` with
		// `Preserve` is not relied on alone to keep the account alive.
		let spendable =
			T::Assets::reducible_balance(asset.clone(), who, preservation, Fortitude::Polite);
		ensure!(spendable >= amount, TokenError::FundsUnavailable);
		T::Assets::withdraw(asset, who, amount, Precision::Exact, preservation, Fortitude::Polite)
	}
}
