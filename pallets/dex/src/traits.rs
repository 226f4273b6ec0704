//! The DEX as a venue other pallets call: [`defi_primitives::LiquiditySource`] (pool ids and
//! paths, for the router), polkadot-sdk's `pallet_asset_conversion::{Swap, SwapCredit,
//! QuotePrice}` (asset paths; each pair trades in the best of its pools) and
//! [`defi_primitives::PriceSource`] (TWAPs). Every entry point here asks [`Config::PauseCheck`]
//! first, under the name of the call that does the same, and is transactional.

use super::*;
use defi_primitives::{LiquiditySource, PriceSource};
use frame_support::{
	storage::{with_storage_layer, with_transaction, TransactionOutcome},
	traits::PalletInfoAccess,
};
use pallet_asset_conversion::{QuotePrice, Swap, SwapCredit};

impl<T: Config> Pallet<T> {
	/// Fails with [`Error::Paused`] when the emergency origin paused `call` of this pallet.
	pub(crate) fn ensure_not_paused(call: &str) -> DispatchResult {
		ensure!(
			!T::PauseCheck::is_paused(Self::name().as_bytes(), call.as_bytes()),
			Error::<T>::Paused
		);
		Ok(())
	}

	/// The pools trading `a` against `b`, from [`PoolsByPair`].
	pub fn pools_for_pair(a: &T::AssetKind, b: &T::AssetKind) -> Vec<PoolId> {
		if a == b {
			return Vec::new();
		}
		let key = if a < b { (a.clone(), b.clone()) } else { (b.clone(), a.clone()) };
		PoolsByPair::<T>::get(key).into_inner()
	}

	/// The best pool for one hop from `asset_in` to `asset_out` in block `now`, with the amount
	/// that makes it best: exact-in, the pool paying the most for `amount`; exact-out, the pool
	/// asking the least for `amount` out. Pools in `used` are skipped (a path visits a pool once).
	fn best_hop(
		asset_in: &T::AssetKind,
		asset_out: &T::AssetKind,
		amount: Balance,
		exact_out: bool,
		used: &[Hop<T::AssetKind>],
		now: BlockNumberFor<T>,
	) -> Option<(Hop<T::AssetKind>, Balance)> {
		let mut best: Option<(Hop<T::AssetKind>, Balance)> = None;
		for pool_id in Self::pools_for_pair(asset_in, asset_out) {
			if used.iter().any(|h| h.pool_id == pool_id) {
				continue;
			}
			let hop = Hop { pool_id, asset_in: asset_in.clone(), asset_out: asset_out.clone() };
			let one = core::slice::from_ref(&hop);
			let quoted = if exact_out {
				Self::quote_exact_out(one, amount, now)
					.ok()
					.and_then(|h| h.first().map(|h| h.amount_in))
			} else {
				Self::quote_exact_in(one, amount, now)
					.ok()
					.and_then(|h| h.last().map(|h| h.amount_out))
			};
			let Some(quoted) = quoted else { continue };
			let better =
				best.as_ref()
					.map_or(true, |(_, b)| if exact_out { quoted < *b } else { quoted > *b });
			if better {
				best = Some((hop, quoted));
			}
		}
		best
	}

	/// Hops through the best pool for each consecutive pair of `assets` (greedily, hop by hop:
	/// forwards for exact-in, backwards from the output for exact-out), each pool at most once.
	pub fn best_path(
		assets: &[T::AssetKind],
		amount: Balance,
		exact_out: bool,
		now: BlockNumberFor<T>,
	) -> Result<Vec<Hop<T::AssetKind>>, DispatchError> {
		ensure!(assets.len() >= 2, Error::<T>::EmptyPath);
		let mut path: Vec<Hop<T::AssetKind>> = Vec::with_capacity(assets.len() - 1);
		let mut amount = amount;
		let pairs: Vec<&[T::AssetKind]> =
			if exact_out { assets.windows(2).rev().collect() } else { assets.windows(2).collect() };
		for pair in pairs {
			let (hop, next) = Self::best_hop(&pair[0], &pair[1], amount, exact_out, &path, now)
				.ok_or(Error::<T>::PoolNotFound)?;
			path.push(hop);
			amount = next;
		}
		if exact_out {
			path.reverse();
		}
		Ok(path)
	}

	/// Swaps all of `credit_in` along `path` for at least `min_out`, in the current block.
	pub fn do_swap_credit_exact_in(
		path: &[Hop<T::AssetKind>],
		credit_in: CreditOf<T>,
		min_out: Balance,
	) -> Result<CreditOf<T>, (CreditOf<T>, DispatchError)> {
		let now = frame_system::Pallet::<T>::block_number();
		let priced = match Self::quote_exact_in(path, credit_in.peek(), now) {
			Ok(priced) => priced,
			Err(e) => return Err((credit_in, e)),
		};
		let out = priced.last().map_or(0, |h| h.amount_out);
		if out < min_out {
			return Err((credit_in, Error::<T>::InsufficientOutput.into()));
		}
		Self::run_credit_swap(path, &priced, credit_in)
	}

	/// Swaps part of `credit_in` along `path` for exactly `amount_out`, in the current block;
	/// returns the output and the change.
	pub fn do_swap_credit_exact_out(
		path: &[Hop<T::AssetKind>],
		credit_in: CreditOf<T>,
		amount_out: Balance,
	) -> Result<(CreditOf<T>, CreditOf<T>), (CreditOf<T>, DispatchError)> {
		let now = frame_system::Pallet::<T>::block_number();
		let priced = match Self::quote_exact_out(path, amount_out, now) {
			Ok(priced) => priced,
			Err(e) => return Err((credit_in, e)),
		};
		let needed = priced.first().map_or(Balance::MAX, |h| h.amount_in);
		if credit_in.peek() < needed {
			return Err((credit_in, Error::<T>::ExcessiveInput.into()));
		}
		let (used, change) = credit_in.split(needed);
		match Self::run_credit_swap(path, &priced, used) {
			Ok(out) => Ok((out, change)),
			// Same asset, so merging cannot fail; were it to, the change is kept, not lost.
			Err((used, e)) => Err((used.merge(change).unwrap_or_else(|(used, _)| used), e)),
		}
	}

	/// Runs priced hops on a credit inside a storage layer: on an error every change is rolled
	/// back and the credit handed back.
	fn run_credit_swap(
		path: &[Hop<T::AssetKind>],
		priced: &[HopExecution<T>],
		credit_in: CreditOf<T>,
	) -> Result<CreditOf<T>, (CreditOf<T>, DispatchError)> {
		let asset = credit_in.asset();
		let result = with_transaction(|| -> TransactionOutcome<Result<_, DispatchError>> {
			let result = Self::swap_credit_along(priced, credit_in);
			match result {
				Ok(_) => TransactionOutcome::Commit(Ok(result)),
				// Wrapped in `Ok`: the error carries the credit, not only a `DispatchError`.
				Err(_) => TransactionOutcome::Rollback(Ok(result)),
			}
		})
		// `with_transaction` fails on its own only at the nesting limit, before running the
		// closure, which then drops the credit: nothing is left to hand back.
		.unwrap_or_else(|e| Err((CreditOf::<T>::zero(asset), e)))?;
		let _ = Self::note_trades(None, priced);
		Self::deposit_event(Event::CreditSwapped {
			path: path.to_vec(),
			amounts: Self::amounts_of(priced),
			fees: priced.iter().map(|h| h.fee).collect(),
			protocol_fees: priced.iter().map(|h| h.protocol_fee).collect(),
		});
		Ok(result)
	}

	/// A `QuotePrice` answer for one pair in the current block: with the fee and price impact,
	/// the best pool's quote; without either, the same pool's spot price. Exact-out asks what
	/// must be paid for `amount` out (rounded up), exact-in what `amount` in buys (down).
	fn quote_pair(
		asset_in: &T::AssetKind,
		asset_out: &T::AssetKind,
		amount: Balance,
		exact_out: bool,
		include_fee: bool,
	) -> Option<Balance> {
		let now = frame_system::Pallet::<T>::block_number();
		let (hop, quoted) = Self::best_hop(asset_in, asset_out, amount, exact_out, &[], now)?;
		if include_fee {
			Some(quoted)
		} else {
			Self::spot_value(&hop, amount, now, exact_out)
		}
	}

	/// `amount` of `hop.asset_in` valued in `hop.asset_out` at the pool's spot price (rounded
	/// down), or, with `inverse`, `amount` of `hop.asset_out` valued in `hop.asset_in` (rounded
	/// up: what must be paid).
	fn spot_value(
		hop: &Hop<T::AssetKind>,
		amount: Balance,
		now: BlockNumberFor<T>,
		inverse: bool,
	) -> Option<Balance> {
		let pool = Pools::<T>::get(hop.pool_id)?;
		let values = Self::marginal_values(&pool, now)?;
		let i = pool.index_of(&hop.asset_in)?;
		let j = pool.index_of(&hop.asset_out)?;
		let vi = (*values.get(i)?, Self::multiplier(&pool, i)?);
		let vj = (*values.get(j)?, Self::multiplier(&pool, j)?);
		if inverse {
			math::convert_at_values(amount, vj, vi, true).ok()
		} else {
			math::convert_at_values(amount, vi, vj, false).ok()
		}
	}
}

impl<T: Config> LiquiditySource<T::AccountId> for Pallet<T> {
	type AssetKind = T::AssetKind;
	type Credit = CreditOf<T>;

	fn max_hops() -> u32 {
		T::MaxHops::get()
	}

	fn pools(limit: u32) -> Vec<(PoolId, Vec<T::AssetKind>)> {
		Pools::<T>::iter()
			.take(limit as usize)
			.map(|(id, pool)| (id, pool.assets.into_inner()))
			.collect()
	}

	fn pools_for_pair(a: &T::AssetKind, b: &T::AssetKind) -> Vec<PoolId> {
		Pallet::<T>::pools_for_pair(a, b)
	}

	/// `None` while `swap_exact_in` is paused: the router then routes around the DEX.
	fn quote_exact_in(path: &[Hop<T::AssetKind>], amount_in: Balance) -> Option<Vec<Balance>> {
		Pallet::<T>::ensure_not_paused("swap_exact_in").ok()?;
		let now = frame_system::Pallet::<T>::block_number();
		Pallet::<T>::quote_exact_in(path, amount_in, now)
			.ok()
			.map(|h| Pallet::<T>::amounts_of(&h))
	}

	fn quote_exact_out(path: &[Hop<T::AssetKind>], amount_out: Balance) -> Option<Vec<Balance>> {
		Pallet::<T>::ensure_not_paused("swap_exact_out").ok()?;
		let now = frame_system::Pallet::<T>::block_number();
		Pallet::<T>::quote_exact_out(path, amount_out, now)
			.ok()
			.map(|h| Pallet::<T>::amounts_of(&h))
	}

	fn swap_weight(hops: u32) -> Weight {
		Pallet::<T>::declared_swap_weight(hops, true)
			.max(Pallet::<T>::declared_swap_weight(hops, false))
	}

	fn swap_exact_in(
		who: &T::AccountId,
		path: &[Hop<T::AssetKind>],
		amount_in: Balance,
		min_out: Balance,
		recipient: &T::AccountId,
	) -> Result<Balance, DispatchError> {
		Pallet::<T>::ensure_not_paused("swap_exact_in")?;
		with_storage_layer(|| {
			Pallet::<T>::do_swap_exact_in(who, path, amount_in, min_out, recipient, true)
				.map(|(out, _)| out)
		})
	}

	fn swap_exact_out(
		who: &T::AccountId,
		path: &[Hop<T::AssetKind>],
		amount_out: Balance,
		max_in: Balance,
		recipient: &T::AccountId,
	) -> Result<Balance, DispatchError> {
		Pallet::<T>::ensure_not_paused("swap_exact_out")?;
		with_storage_layer(|| {
			Pallet::<T>::do_swap_exact_out(who, path, amount_out, max_in, recipient, true)
				.map(|(paid, _)| paid)
		})
	}

	fn swap_credit_exact_in(
		path: &[Hop<T::AssetKind>],
		credit_in: CreditOf<T>,
		min_out: Balance,
	) -> Result<CreditOf<T>, (CreditOf<T>, DispatchError)> {
		if let Err(e) = Pallet::<T>::ensure_not_paused("swap_exact_in") {
			return Err((credit_in, e));
		}
		Pallet::<T>::do_swap_credit_exact_in(path, credit_in, min_out)
	}

	fn swap_credit_exact_out(
		path: &[Hop<T::AssetKind>],
		credit_in: CreditOf<T>,
		amount_out: Balance,
	) -> Result<(CreditOf<T>, CreditOf<T>), (CreditOf<T>, DispatchError)> {
		if let Err(e) = Pallet::<T>::ensure_not_paused("swap_exact_out") {
			return Err((credit_in, e));
		}
		Pallet::<T>::do_swap_credit_exact_out(path, credit_in, amount_out)
	}
}

impl<T: Config> Swap<T::AccountId> for Pallet<T> {
	type Balance = Balance;
	type AssetKind = T::AssetKind;

	/// Assets in a path: one more than hops.
	fn max_path_len() -> u32 {
		T::MaxHops::get().saturating_add(1)
	}

	fn swap_exact_tokens_for_tokens(
		sender: T::AccountId,
		path: Vec<T::AssetKind>,
		amount_in: Balance,
		amount_out_min: Option<Balance>,
		send_to: T::AccountId,
		keep_alive: bool,
	) -> Result<Balance, DispatchError> {
		Pallet::<T>::ensure_not_paused("swap_exact_in")?;
		with_storage_layer(|| {
			let now = frame_system::Pallet::<T>::block_number();
			let hops = Pallet::<T>::best_path(&path, amount_in, false, now)?;
			let min_out = amount_out_min.unwrap_or_default();
			Pallet::<T>::do_swap_exact_in(&sender, &hops, amount_in, min_out, &send_to, keep_alive)
				.map(|(out, _)| out)
		})
	}

	fn swap_tokens_for_exact_tokens(
		sender: T::AccountId,
		path: Vec<T::AssetKind>,
		amount_out: Balance,
		amount_in_max: Option<Balance>,
		send_to: T::AccountId,
		keep_alive: bool,
	) -> Result<Balance, DispatchError> {
		Pallet::<T>::ensure_not_paused("swap_exact_out")?;
		with_storage_layer(|| {
			let now = frame_system::Pallet::<T>::block_number();
			let hops = Pallet::<T>::best_path(&path, amount_out, true, now)?;
			let max_in = amount_in_max.unwrap_or(Balance::MAX);
			Pallet::<T>::do_swap_exact_out(&sender, &hops, amount_out, max_in, &send_to, keep_alive)
				.map(|(paid, _)| paid)
		})
	}
}

impl<T: Config> SwapCredit<T::AccountId> for Pallet<T> {
	type Balance = Balance;
	type AssetKind = T::AssetKind;
	type Credit = CreditOf<T>;

	fn max_path_len() -> u32 {
		T::MaxHops::get().saturating_add(1)
	}

	fn swap_exact_tokens_for_tokens(
		path: Vec<T::AssetKind>,
		credit_in: CreditOf<T>,
		amount_out_min: Option<Balance>,
	) -> Result<CreditOf<T>, (CreditOf<T>, DispatchError)> {
		if let Err(e) = Pallet::<T>::ensure_not_paused("swap_exact_in") {
			return Err((credit_in, e));
		}
		if path.first() != Some(&credit_in.asset()) {
			return Err((credit_in, Error::<T>::InvalidPath.into()));
		}
		let now = frame_system::Pallet::<T>::block_number();
		let hops = match Pallet::<T>::best_path(&path, credit_in.peek(), false, now) {
			Ok(hops) => hops,
			Err(e) => return Err((credit_in, e)),
		};
		Pallet::<T>::do_swap_credit_exact_in(&hops, credit_in, amount_out_min.unwrap_or_default())
	}

	fn swap_tokens_for_exact_tokens(
		path: Vec<T::AssetKind>,
		credit_in: CreditOf<T>,
		amount_out: Balance,
	) -> Result<(CreditOf<T>, CreditOf<T>), (CreditOf<T>, DispatchError)> {
		if let Err(e) = Pallet::<T>::ensure_not_paused("swap_exact_out") {
			return Err((credit_in, e));
		}
		if path.first() != Some(&credit_in.asset()) {
			return Err((credit_in, Error::<T>::InvalidPath.into()));
		}
		let now = frame_system::Pallet::<T>::block_number();
		let hops = match Pallet::<T>::best_path(&path, amount_out, true, now) {
			Ok(hops) => hops,
			Err(e) => return Err((credit_in, e)),
		};
		Pallet::<T>::do_swap_credit_exact_out(&hops, credit_in, amount_out)
	}
}

impl<T: Config> QuotePrice for Pallet<T> {
	type Balance = Balance;
	type AssetKind = T::AssetKind;

	fn quote_price_tokens_for_exact_tokens(
		asset1: T::AssetKind,
		asset2: T::AssetKind,
		amount: Balance,
		include_fee: bool,
	) -> Option<Balance> {
		Pallet::<T>::quote_pair(&asset1, &asset2, amount, true, include_fee)
	}

	fn quote_price_exact_tokens_for_tokens(
		asset1: T::AssetKind,
		asset2: T::AssetKind,
		amount: Balance,
		include_fee: bool,
	) -> Option<Balance> {
		Pallet::<T>::quote_pair(&asset1, &asset2, amount, false, include_fee)
	}
}

impl<T: Config> PriceSource<T::AssetKind, BlockNumberFor<T>> for Pallet<T> {
	/// From the pool with the deepest `quote` reserve among those trading the pair whose
	/// history covers the window. A pool's oracle prices its `assets[0]` in `assets[1]`; the
	/// other direction is the reciprocal of the same average.
	fn window_price(
		base: &T::AssetKind,
		quote: &T::AssetKind,
		window: BlockNumberFor<T>,
	) -> Option<WindowPrice<BlockNumberFor<T>>> {
		let mut best: Option<WindowPrice<BlockNumberFor<T>>> = None;
		for pool_id in Pallet::<T>::pools_for_pair(base, quote) {
			let Some(pool) = Pools::<T>::get(pool_id) else { continue };
			// The oracle watches the pool's first two assets.
			let (Some(first), Some(second)) = (pool.assets.first(), pool.assets.get(1)) else {
				continue;
			};
			let Some(mut price) = Pallet::<T>::window_price_of(pool_id, &pool, window) else {
				continue;
			};
			if first == quote && second == base {
				let Some(inverse) = price.price.reciprocal() else { continue };
				if inverse.is_zero() {
					continue;
				}
				price.price = inverse;
				price.quote_liquidity = pool.reserves.first().copied().unwrap_or_default();
			} else if !(first == base && second == quote) {
				continue;
			}
			if best.as_ref().map_or(true, |b| price.quote_liquidity > b.quote_liquidity) {
				best = Some(price);
			}
		}
		best
	}
}
