//! What the runtime API shows a UI before it signs: the router's best quote and, beside it,
//! the best single route and each venue's best, so the gain of aggregating is visible.

use super::*;
use crate::search::{Goal, Plan};
use sp_arithmetic::Permill;

/// A trade this many times smaller is the reference rate for the price impact.
const IMPACT_REFERENCE_FRACTION: Balance = 1_000;

impl<T: Config> Pallet<T> {
	/// The router's quote for trading `amount` (exactly in, or with `exact_out` exactly out)
	/// from `asset_in` to `asset_out`, as a swap call without a route would execute it now.
	pub fn quote(
		asset_in: T::AssetKind,
		asset_out: T::AssetKind,
		amount: Balance,
		exact_out: bool,
	) -> Option<TradeQuote<T::AssetKind>> {
		let goal = if exact_out { Goal::ExactOut } else { Goal::ExactIn };
		if asset_in == asset_out || amount == 0 {
			return None;
		}
		// One read of the pools for every search below; the first is exactly the one a swap
		// without a route runs.
		let graph = Self::graph();
		let search = |only_venue, single_only| {
			Self::search_in(&graph, &asset_in, &asset_out, amount, goal, only_venue, single_only)
		};
		let plan = search(None, false)?;
		let single = search(None, true);
		let best_per_venue = (0..T::Venues::count())
			.map(|v| search(Some(v), true).and_then(|p| p.legs.first().map(|l| l.quote())))
			.collect();
		Some(TradeQuote {
			amount_in: plan.amount_in,
			amount_out: plan.amount_out,
			routes: plan.route_quotes(),
			price_impact: Self::price_impact(&plan, single.as_ref()),
			execution_weight: Self::execution_weight(plan.legs.iter().map(|l| l.hops.as_slice())),
			best_single_route: single.and_then(|p| p.legs.first().map(|l| l.quote())),
			best_per_venue,
		})
	}

	/// How much worse the plan's rate is than the rate of a trade
	/// [`IMPACT_REFERENCE_FRACTION`] times smaller along the best single route (or the plan's
	/// first route). Both pay the fees, so the difference is the impact of size alone.
	fn price_impact(
		plan: &Plan<T::AssetKind>,
		single: Option<&Plan<T::AssetKind>>,
	) -> Option<Permill> {
		let hops = single.and_then(|p| p.legs.first()).or(plan.legs.first())?.hops.as_slice();
		match plan.goal {
			Goal::ExactIn => {
				let small = plan.amount_in / IMPACT_REFERENCE_FRACTION;
				let small_out = *Self::quote_route(hops, small, Goal::ExactIn)?.last()?;
				// What the whole amount would buy at the small trade's rate.
				let at_reference =
					defi_math::mul_div_floor(small_out, plan.amount_in, small).ok()?;
				let shortfall = at_reference.saturating_sub(plan.amount_out);
				Some(Permill::from_rational(shortfall, at_reference.max(1)))
			},
			Goal::ExactOut => {
				let small = plan.amount_out / IMPACT_REFERENCE_FRACTION;
				let small_in = *Self::quote_route(hops, small, Goal::ExactOut)?.first()?;
				// What the whole amount would cost at the small trade's rate.
				let at_reference =
					defi_math::mul_div_floor(small_in, plan.amount_out, small).ok()?;
				let excess = plan.amount_in.saturating_sub(at_reference);
				Some(Permill::from_rational(excess, plan.amount_in.max(1)))
			},
		}
	}
}
