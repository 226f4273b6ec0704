//! Executing a plan: the input leaves the trader as a credit, is split over the routes, swapped
//! through each venue's credit interface segment by segment, and the merged output is resolved
//! to the recipient. Nothing passes through an account of the router.

use super::*;
use crate::search::{Goal, Leg, Plan};
use frame_support::{
	storage::{with_transaction, TransactionOutcome},
	traits::{
		fungibles::{Balanced, Inspect},
		tokens::{Fortitude, Precision, Preservation, Provenance},
	},
};
use sp_runtime::TokenError;

impl<T: Config> Pallet<T> {
	/// Runs `plan` for `who`, paying `recipient`, within `min_out` and `max_in`.
	pub(crate) fn execute_for_account(
		who: &T::AccountId,
		recipient: &T::AccountId,
		plan: Plan<T::AssetKind>,
		min_out: Balance,
		max_in: Balance,
		preservation: Preservation,
	) -> Result<Balance, DispatchError> {
		ensure!(plan.amount_out >= min_out, Error::<T>::InsufficientOutput);
		ensure!(plan.amount_in <= max_in, Error::<T>::ExcessiveInput);
		let credit_in = T::Assets::withdraw(
			plan.asset_in.clone(),
			who,
			plan.amount_in,
			Precision::Exact,
			preservation,
			Fortitude::Polite,
		)?;
		let (credit_out, routes) = Self::run_plan(&plan, credit_in)?;
		let amount_out = credit_out.peek();
		ensure!(amount_out >= min_out, Error::<T>::InsufficientOutput);
		Self::resolve_to(recipient, credit_out)?;
		Self::deposit_event(Event::Swapped {
			who: who.clone(),
			recipient: recipient.clone(),
			asset_in: plan.asset_in,
			asset_out: plan.asset_out,
			amount_in: plan.amount_in,
			amount_out,
			routes,
		});
		Ok(amount_out)
	}

	/// Runs `plan` on `credit_in` (exactly its input) and returns the output; on an error
	/// every change is rolled back and the caller gets its credit back.
	pub(crate) fn swap_credit(
		plan: &Plan<T::AssetKind>,
		credit_in: CreditOf<T>,
	) -> Result<CreditOf<T>, (CreditOf<T>, DispatchError)> {
		let asset = credit_in.asset();
		let amount = credit_in.peek();
		let outcome = with_transaction(|| -> TransactionOutcome<Result<_, DispatchError>> {
			match Self::run_plan(plan, credit_in) {
				Ok(done) => TransactionOutcome::Commit(Ok(Ok(done))),
				Err(e) => {
					// The credit was spent into the venues. Re-creating it inside the layer that
					// is rolled back undoes the issuance this writes together with everything
					// else, so the caller gets back exactly what it handed in.
					let restored = T::Assets::issue(asset.clone(), amount);
					TransactionOutcome::Rollback(Ok(Err((restored, e))))
				},
			}
		});
		// `with_transaction` fails on its own only at the nesting limit, before running the
		// closure, which then dropped the credit: nothing is left to hand back.
		let (credit_out, routes) =
			outcome.unwrap_or_else(|e| Err((CreditOf::<T>::zero(asset), e)))?;
		Self::deposit_event(Event::CreditSwapped {
			asset_in: plan.asset_in.clone(),
			asset_out: plan.asset_out.clone(),
			amount_in: plan.amount_in,
			amount_out: credit_out.peek(),
			routes,
		});
		Ok(credit_out)
	}

	/// Swaps each leg's share of `credit_in` and merges the outputs. Returns them with the
	/// routes as executed.
	fn run_plan(
		plan: &Plan<T::AssetKind>,
		credit_in: CreditOf<T>,
	) -> Result<(CreditOf<T>, Vec<RouteQuote<T::AssetKind>>), DispatchError> {
		ensure!(
			credit_in.asset() == plan.asset_in && credit_in.peek() == plan.amount_in,
			Error::<T>::InvalidPath
		);
		let mut rest = credit_in;
		let mut out = CreditOf::<T>::zero(plan.asset_out.clone());
		let mut routes = Vec::with_capacity(plan.legs.len());
		for leg in &plan.legs {
			let (part, remaining) = rest.split(leg.amount_in());
			rest = remaining;
			let leg_out = Self::run_leg(leg, part, plan.goal)?;
			let mut quote = leg.quote();
			quote.amount_out = leg_out.peek();
			routes.push(quote);
			out = out.merge(leg_out).map_err(|_| Error::<T>::InvalidRoute)?;
		}
		// The legs' inputs add up to the plan's, so nothing is left.
		ensure!(rest.peek() == 0, Error::<T>::RouteAmountMismatch);
		Ok((out, routes))
	}

	/// Swaps `credit` along one leg, one venue call per segment. Each segment must deliver
	/// what the plan quoted for it: exact-in at least that (and the next segment swaps all of
	/// it), exact-out exactly that from exactly the quoted input.
	fn run_leg(
		leg: &Leg<T::AssetKind>,
		credit: CreditOf<T>,
		goal: Goal,
	) -> Result<CreditOf<T>, DispatchError> {
		let mut credit = credit;
		for (venue, range) in Self::segments(&leg.hops) {
			let path: Vec<_> = leg
				.hops
				.get(range.clone())
				.ok_or(Error::<T>::InvalidRoute)?
				.iter()
				.map(RouteHop::venue_hop)
				.collect();
			let quoted = *leg.amounts.get(range.end).ok_or(Error::<T>::InvalidRoute)?;
			credit = match goal {
				Goal::ExactIn => T::Venues::swap_credit_exact_in(venue, &path, credit, quoted)
					.map_err(|(_, e)| e)?,
				Goal::ExactOut => {
					let (out, change) =
						T::Venues::swap_credit_exact_out(venue, &path, credit, quoted)
							.map_err(|(_, e)| e)?;
					ensure!(change.peek() == 0, Error::<T>::RouteUnavailable);
					out
				},
			};
		}
		Ok(credit)
	}

	/// Resolves `credit` into `to`, failing with the token's own reason when `to` cannot
	/// receive it (below the minimum balance, say).
	fn resolve_to(to: &T::AccountId, credit: CreditOf<T>) -> DispatchResult {
		T::Assets::resolve(to, credit).map_err(|credit| {
			T::Assets::can_deposit(credit.asset(), to, credit.peek(), Provenance::Extant)
				.into_result()
				.err()
				.unwrap_or_else(|| TokenError::BelowMinimum.into())
		})
	}
}
