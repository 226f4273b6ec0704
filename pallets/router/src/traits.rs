//! polkadot-sdk's `Swap`, `SwapCredit` and `QuotePrice` over the aggregated liquidity, for
//! other pallets (fee payment in any asset; later the stablecoin's liquidations). A path names only
//! the two ends: the router chooses the hops and the split. Each entry point asks
//! [`Config::PauseCheck`] first, under the name of the call that does the same.

use super::*;
use crate::search::{Goal, Plan};
use frame_support::{storage::with_storage_layer, traits::tokens::Preservation};
use pallet_asset_conversion::{QuotePrice, Swap, SwapCredit};

impl<T: Config> Pallet<T> {
	/// The two ends of a trait path: exactly two distinct assets.
	fn ends(path: &[T::AssetKind]) -> Result<(T::AssetKind, T::AssetKind), DispatchError> {
		match path {
			[asset_in, asset_out] => Ok((asset_in.clone(), asset_out.clone())),
			_ => Err(Error::<T>::InvalidPath.into()),
		}
	}

	/// The plan for a trait swap of `amount` between the ends of `path`.
	fn trait_plan(
		path: &[T::AssetKind],
		amount: Balance,
		goal: Goal,
	) -> Result<Plan<T::AssetKind>, DispatchError> {
		let (asset_in, asset_out) = Self::ends(path)?;
		Self::plan_for(&asset_in, &asset_out, amount, goal, None)
	}
}

impl<T: Config> Swap<T::AccountId> for Pallet<T> {
	type Balance = Balance;
	type AssetKind = T::AssetKind;

	/// The router takes the two ends of a trade and chooses the hops itself.
	fn max_path_len() -> u32 {
		2
	}

	fn swap_exact_tokens_for_tokens(
		sender: T::AccountId,
		path: Vec<T::AssetKind>,
		amount_in: Balance,
		amount_out_min: Option<Balance>,
		send_to: T::AccountId,
		keep_alive: bool,
	) -> Result<Balance, DispatchError> {
		Self::ensure_not_paused("swap_exact_in")?;
		with_storage_layer(|| {
			let plan = Self::trait_plan(&path, amount_in, Goal::ExactIn)?;
			let preservation =
				if keep_alive { Preservation::Preserve } else { Preservation::Expendable };
			let min_out = amount_out_min.unwrap_or_default();
			Self::execute_for_account(&sender, &send_to, plan, min_out, Balance::MAX, preservation)
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
		Self::ensure_not_paused("swap_exact_out")?;
		with_storage_layer(|| {
			let plan = Self::trait_plan(&path, amount_out, Goal::ExactOut)?;
			let paid = plan.amount_in;
			let preservation =
				if keep_alive { Preservation::Preserve } else { Preservation::Expendable };
			let max_in = amount_in_max.unwrap_or(Balance::MAX);
			Self::execute_for_account(&sender, &send_to, plan, 0, max_in, preservation)?;
			Ok(paid)
		})
	}
}

impl<T: Config> SwapCredit<T::AccountId> for Pallet<T> {
	type Balance = Balance;
	type AssetKind = T::AssetKind;
	type Credit = CreditOf<T>;

	fn max_path_len() -> u32 {
		2
	}

	fn swap_exact_tokens_for_tokens(
		path: Vec<T::AssetKind>,
		credit_in: CreditOf<T>,
		amount_out_min: Option<Balance>,
	) -> Result<CreditOf<T>, (CreditOf<T>, DispatchError)> {
		if let Err(e) = Self::ensure_not_paused("swap_exact_in") {
			return Err((credit_in, e));
		}
		if path.first() != Some(&credit_in.asset()) {
			return Err((credit_in, Error::<T>::InvalidPath.into()));
		}
		let plan = match Self::trait_plan(&path, credit_in.peek(), Goal::ExactIn) {
			Ok(plan) => plan,
			Err(e) => return Err((credit_in, e)),
		};
		if plan.amount_out < amount_out_min.unwrap_or_default() {
			return Err((credit_in, Error::<T>::InsufficientOutput.into()));
		}
		Self::swap_credit(&plan, credit_in)
	}

	fn swap_tokens_for_exact_tokens(
		path: Vec<T::AssetKind>,
		credit_in: CreditOf<T>,
		amount_out: Balance,
	) -> Result<(CreditOf<T>, CreditOf<T>), (CreditOf<T>, DispatchError)> {
		if let Err(e) = Self::ensure_not_paused("swap_exact_out") {
			return Err((credit_in, e));
		}
		if path.first() != Some(&credit_in.asset()) {
			return Err((credit_in, Error::<T>::InvalidPath.into()));
		}
		let plan = match Self::trait_plan(&path, amount_out, Goal::ExactOut) {
			Ok(plan) => plan,
			Err(e) => return Err((credit_in, e)),
		};
		if plan.amount_in > credit_in.peek() {
			return Err((credit_in, Error::<T>::ExcessiveInput.into()));
		}
		let (used, change) = credit_in.split(plan.amount_in);
		match Self::swap_credit(&plan, used) {
			Ok(out) => Ok((out, change)),
			// Same asset, so merging cannot fail; were it to, the change is kept, not lost.
			Err((used, e)) => Err((used.merge(change).unwrap_or_else(|(used, _)| used), e)),
		}
	}
}

/// Quotes for what executing now would give, fee and price impact included. Without the fee
/// (`include_fee = false`) there is no executable trade to quote, and while the matching swap
/// is paused none can execute: the answer is `None` (so fee payment refuses the transaction
/// at validation instead of failing to charge it).
impl<T: Config> QuotePrice for Pallet<T> {
	type Balance = Balance;
	type AssetKind = T::AssetKind;

	fn quote_price_exact_tokens_for_tokens(
		asset1: T::AssetKind,
		asset2: T::AssetKind,
		amount: Balance,
		include_fee: bool,
	) -> Option<Balance> {
		if !include_fee || Self::ensure_not_paused("swap_exact_in").is_err() {
			return None;
		}
		Self::plan_for(&asset1, &asset2, amount, Goal::ExactIn, None)
			.ok()
			.map(|p| p.amount_out)
	}

	fn quote_price_tokens_for_exact_tokens(
		asset1: T::AssetKind,
		asset2: T::AssetKind,
		amount: Balance,
		include_fee: bool,
	) -> Option<Balance> {
		if !include_fee || Self::ensure_not_paused("swap_exact_out").is_err() {
			return None;
		}
		Self::plan_for(&asset1, &asset2, amount, Goal::ExactOut, None)
			.ok()
			.map(|p| p.amount_in)
	}
}
