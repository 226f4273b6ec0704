//! Finding routes: the pool graph, the amount-aware layered search, the split, and the checks
//! of routes a caller gives.

use super::*;
use alloc::{
	collections::{BTreeMap, BTreeSet},
	vec,
};
use defi_math::routing::{split, SplitGoal};
use defi_primitives::Hop;

/// What a trade fixes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Goal {
	/// The input; the output is maximised.
	ExactIn,
	/// The output; the input is minimised.
	ExactOut,
}

impl Goal {
	fn split_goal(self) -> SplitGoal {
		match self {
			Goal::ExactIn => SplitGoal::ExactIn,
			Goal::ExactOut => SplitGoal::ExactOut,
		}
	}
}

/// One route of a plan with the amounts along it: `amounts[0]` goes into the first hop,
/// `amounts[k + 1]` comes out of hop `k`.
#[derive(Clone, PartialEq, Eq, Debug)]
pub(crate) struct Leg<A> {
	pub hops: Vec<RouteHop<A>>,
	pub amounts: Vec<Balance>,
}

impl<A: Clone> Leg<A> {
	pub fn amount_in(&self) -> Balance {
		self.amounts.first().copied().unwrap_or_default()
	}
	pub fn amount_out(&self) -> Balance {
		self.amounts.last().copied().unwrap_or_default()
	}
	pub fn quote(&self) -> RouteQuote<A> {
		RouteQuote {
			hops: self.hops.clone(),
			amount_in: self.amount_in(),
			amount_out: self.amount_out(),
		}
	}
}

/// A trade ready to execute: its routes, quoted in the current state, and its totals.
#[derive(Clone, PartialEq, Eq, Debug)]
pub(crate) struct Plan<A> {
	pub asset_in: A,
	pub asset_out: A,
	pub goal: Goal,
	pub legs: Vec<Leg<A>>,
	pub amount_in: Balance,
	pub amount_out: Balance,
	/// Pools the search read; `None` for routes the caller gave.
	pub pools_searched: Option<u32>,
}

/// The directed edges of every pool: a pool of `k` assets trades each of them for each other.
pub(crate) struct Graph<A> {
	pub edges: Vec<RouteHop<A>>,
	/// Edge indexes by the asset they take in.
	pub from: BTreeMap<A, Vec<usize>>,
	/// Edge indexes by the asset they pay out.
	pub to: BTreeMap<A, Vec<usize>>,
	/// Pools read to build it.
	pub pools: u32,
}

type PoolKey = (u8, PoolId);

/// One trade's venue quotes of single hops, by edge index and amount (its searches, all
/// venues, each venue alone and the split's alternatives, ask many of the same), and how many
/// more the trade may make.
pub(crate) struct QuoteCache {
	answers: BTreeMap<(usize, Balance), Option<Balance>>,
	budget: u32,
}

impl QuoteCache {
	pub fn new(budget: u32) -> Self {
		Self { answers: BTreeMap::new(), budget }
	}
}

impl<T: Config> Pallet<T> {
	/// Every pool of every venue, at most [`Config::MaxPoolsPerVenue`] per venue.
	pub(crate) fn graph() -> Graph<T::AssetKind> {
		let mut graph =
			Graph { edges: Vec::new(), from: BTreeMap::new(), to: BTreeMap::new(), pools: 0 };
		for venue in 0..T::Venues::count() {
			for (pool_id, assets) in T::Venues::pools(venue, T::MaxPoolsPerVenue::get()) {
				graph.pools = graph.pools.saturating_add(1);
				for asset_in in &assets {
					for asset_out in &assets {
						if asset_in == asset_out {
							continue;
						}
						let index = graph.edges.len();
						graph.from.entry(asset_in.clone()).or_default().push(index);
						graph.to.entry(asset_out.clone()).or_default().push(index);
						graph.edges.push(RouteHop {
							venue,
							pool_id,
							asset_in: asset_in.clone(),
							asset_out: asset_out.clone(),
						});
					}
				}
			}
		}
		graph
	}

	/// The best single route from `asset_in` to `asset_out` for `amount`, avoiding `excluded`
	/// pools: a layered search where, after each hop, every asset keeps only the route that
	/// is best to it (exact-in: most of it delivered; exact-out, searching back from the
	/// output: least input needed from it). Routes never revisit an asset or a pool. Venue
	/// quotes come out of the trade's budget ([`Config::MaxHopQuotes`]) layer by layer, so
	/// short routes are always explored and only the deepest layers of a very large graph may
	/// be cut short.
	pub(crate) fn best_route(
		graph: &Graph<T::AssetKind>,
		asset_in: &T::AssetKind,
		asset_out: &T::AssetKind,
		amount: Balance,
		goal: Goal,
		excluded: &BTreeSet<PoolKey>,
		only_venue: Option<u8>,
		cache: &mut QuoteCache,
	) -> Option<Vec<RouteHop<T::AssetKind>>> {
		let exact_in = goal == Goal::ExactIn;
		// The search starts at the fixed end: the input for exact-in, the output for exact-out.
		let (start, target, adjacency) = if exact_in {
			(asset_in, asset_out, &graph.from)
		} else {
			(asset_out, asset_in, &graph.to)
		};
		let better = |candidate: Balance, incumbent: Balance| {
			if exact_in {
				candidate > incumbent
			} else {
				candidate < incumbent
			}
		};
		let mut frontier: BTreeMap<T::AssetKind, (Vec<usize>, Balance)> = BTreeMap::new();
		frontier.insert(start.clone(), (Vec::new(), amount));
		let mut best: Option<(Vec<usize>, Balance)> = None;
		for _ in 0..T::MaxHops::get() {
			let mut next: BTreeMap<T::AssetKind, (Vec<usize>, Balance)> = BTreeMap::new();
			for (asset, (path, carried)) in &frontier {
				for &index in adjacency.get(asset).map(Vec::as_slice).unwrap_or_default() {
					let Some(edge) = graph.edges.get(index) else { continue };
					// The asset this edge reaches, walking away from the start.
					let reached = if exact_in { &edge.asset_out } else { &edge.asset_in };
					if reached == start
						|| only_venue.is_some_and(|v| v != edge.venue)
						|| excluded.contains(&(edge.venue, edge.pool_id))
						|| path.iter().filter_map(|i| graph.edges.get(*i)).any(|e| {
							(e.venue, e.pool_id) == (edge.venue, edge.pool_id)
								|| (if exact_in { &e.asset_out } else { &e.asset_in }) == reached
						}) {
						continue;
					}
					let value = match cache.answers.get(&(index, *carried)) {
						Some(known) => *known,
						None => {
							if cache.budget == 0 {
								continue;
							}
							cache.budget -= 1;
							let hop = [edge.venue_hop()];
							let value = if exact_in {
								T::Venues::quote_exact_in(edge.venue, &hop, *carried)
									.and_then(|q| q.last().copied())
							} else {
								T::Venues::quote_exact_out(edge.venue, &hop, *carried)
									.and_then(|q| q.first().copied())
							};
							cache.answers.insert((index, *carried), value);
							value
						},
					};
					let Some(value) = value else { continue };
					let mut extended = path.clone();
					extended.push(index);
					if reached == target {
						if best.as_ref().map_or(true, |(_, b)| better(value, *b)) {
							best = Some((extended, value));
						}
					} else if next.get(reached).map_or(true, |(_, b)| better(value, *b)) {
						next.insert(reached.clone(), (extended, value));
					}
				}
			}
			if next.is_empty() {
				break;
			}
			frontier = next;
		}
		let (mut path, _) = best?;
		if !exact_in {
			path.reverse();
		}
		path.into_iter().map(|i| graph.edges.get(i).cloned()).collect()
	}

	/// Runs of consecutive hops on one venue, each at most that venue's longest path: one
	/// venue call each.
	pub(crate) fn segments(hops: &[RouteHop<T::AssetKind>]) -> Vec<(u8, core::ops::Range<usize>)> {
		let mut segments: Vec<(u8, core::ops::Range<usize>)> = Vec::new();
		for (k, hop) in hops.iter().enumerate() {
			match segments.last_mut() {
				Some((venue, range))
					if *venue == hop.venue
						&& (range.len() as u32) < T::Venues::max_hops(hop.venue) =>
				{
					range.end = k + 1;
				},
				_ => segments.push((hop.venue, k..k + 1)),
			}
		}
		segments
	}

	fn venue_path(hops: &[RouteHop<T::AssetKind>]) -> Vec<Hop<T::AssetKind>> {
		hops.iter().map(RouteHop::venue_hop).collect()
	}

	/// The amounts along `hops` for `amount` in (exact-in) or out (exact-out), from the
	/// venues' quotes of each segment, exactly as executing the segments in order would give.
	pub(crate) fn quote_route(
		hops: &[RouteHop<T::AssetKind>],
		amount: Balance,
		goal: Goal,
	) -> Option<Vec<Balance>> {
		if hops.is_empty() || amount == 0 {
			return None;
		}
		let segments = Self::segments(hops);
		match goal {
			Goal::ExactIn => {
				let mut amounts = vec![amount];
				for (venue, range) in segments {
					let path = Self::venue_path(hops.get(range.clone())?);
					let carried = *amounts.last()?;
					let quoted = T::Venues::quote_exact_in(venue, &path, carried)?;
					if quoted.len() != path.len() + 1 || quoted.first() != Some(&carried) {
						return None;
					}
					amounts.extend(quoted.into_iter().skip(1));
				}
				Some(amounts)
			},
			Goal::ExactOut => {
				// Built from the output back, then reversed.
				let mut reversed = vec![amount];
				for (venue, range) in segments.into_iter().rev() {
					let path = Self::venue_path(hops.get(range.clone())?);
					let carried = *reversed.last()?;
					let quoted = T::Venues::quote_exact_out(venue, &path, carried)?;
					if quoted.len() != path.len() + 1 || quoted.last() != Some(&carried) {
						return None;
					}
					reversed.extend(quoted.into_iter().rev().skip(1));
				}
				reversed.reverse();
				Some(reversed)
			},
		}
	}

	/// The fixed end's counterpart of a route's quote: output for exact-in, input for
	/// exact-out.
	fn quoted_total(amounts: &[Balance], goal: Goal) -> Option<Balance> {
		match goal {
			Goal::ExactIn => amounts.last().copied(),
			Goal::ExactOut => amounts.first().copied(),
		}
	}

	fn plan_of(
		asset_in: &T::AssetKind,
		asset_out: &T::AssetKind,
		goal: Goal,
		legs: Vec<Leg<T::AssetKind>>,
		pools_searched: Option<u32>,
	) -> Option<Plan<T::AssetKind>> {
		let sum = |f: fn(&Leg<T::AssetKind>) -> Balance| {
			legs.iter().try_fold(0u128, |total, leg| total.checked_add(f(leg)))
		};
		let amount_in = sum(Leg::amount_in)?;
		let amount_out = sum(Leg::amount_out)?;
		Some(Plan {
			asset_in: asset_in.clone(),
			asset_out: asset_out.clone(),
			goal,
			legs,
			amount_in,
			amount_out,
			pools_searched,
		})
	}

	/// The best way to trade `amount` (in for exact-in, out for exact-out) over the pools of
	/// every venue, or of `only_venue`: the best single route, or a split over up to
	/// [`Config::MaxSplits`] pool-disjoint routes when that does better. With `single_only`
	/// no split is tried.
	pub(crate) fn search(
		asset_in: &T::AssetKind,
		asset_out: &T::AssetKind,
		amount: Balance,
		goal: Goal,
	) -> Option<Plan<T::AssetKind>> {
		Self::search_in(&Self::graph(), asset_in, asset_out, amount, goal, None, false)
	}

	/// [`Pallet::search`] over a graph already read (views search it several ways).
	pub(crate) fn search_in(
		graph: &Graph<T::AssetKind>,
		asset_in: &T::AssetKind,
		asset_out: &T::AssetKind,
		amount: Balance,
		goal: Goal,
		only_venue: Option<u8>,
		single_only: bool,
	) -> Option<Plan<T::AssetKind>> {
		let pools = Some(graph.pools);
		let mut excluded = BTreeSet::new();
		let mut cache = QuoteCache::new(T::MaxHopQuotes::get());
		// Keeping one route per asset and hop is not monotone in the graph: more pools can
		// hide a route that fewer would find (a better partial route may block a pool the
		// better full route needs). So the best route of each venue alone is a candidate too,
		// and the aggregate is never worse than any venue on its own.
		let venue_filters: Vec<Option<u8>> = match only_venue {
			Some(v) => vec![Some(v)],
			None if T::Venues::count() > 1 => {
				core::iter::once(None).chain((0..T::Venues::count()).map(Some)).collect()
			},
			None => vec![None],
		};
		let mut single: Option<Leg<T::AssetKind>> = None;
		for filter in venue_filters {
			let Some(hops) = Self::best_route(
				&graph, asset_in, asset_out, amount, goal, &excluded, filter, &mut cache,
			) else {
				continue;
			};
			let Some(amounts) = Self::quote_route(&hops, amount, goal) else { continue };
			let candidate = Leg { hops, amounts };
			let wins = single.as_ref().map_or(true, |best| match goal {
				Goal::ExactIn => candidate.amount_out() > best.amount_out(),
				Goal::ExactOut => candidate.amount_in() < best.amount_in(),
			});
			if wins {
				single = Some(candidate);
			}
		}
		let single_plan = single
			.clone()
			.and_then(|leg| Self::plan_of(asset_in, asset_out, goal, vec![leg], pools));
		let max_splits = T::MaxSplits::get();
		if single_only || max_splits < 2 {
			return single_plan;
		}

		// Other routes are looked for with the share of the trade each would carry in an even
		// split: a route that cannot carry the whole amount may well carry a part.
		let probe = (amount / Balance::from(max_splits)).max(1);
		let mut routes: Vec<Vec<RouteHop<T::AssetKind>>> = Vec::new();
		if let Some(leg) = &single {
			excluded.extend(leg.hops.iter().map(|h| (h.venue, h.pool_id)));
			routes.push(leg.hops.clone());
		}
		while (routes.len() as u32) < max_splits {
			let Some(hops) = Self::best_route(
				&graph, asset_in, asset_out, probe, goal, &excluded, only_venue, &mut cache,
			) else {
				break;
			};
			excluded.extend(hops.iter().map(|h| (h.venue, h.pool_id)));
			routes.push(hops);
		}
		let split_plan = (routes.len() > 1)
			.then(|| {
				split(amount, routes.len(), T::SplitChunks::get(), goal.split_goal(), |r, part| {
					let amounts = Self::quote_route(routes.get(r)?, part, goal)?;
					Self::quoted_total(&amounts, goal)
				})
				.ok()
			})
			.flatten()
			.and_then(|s| {
				let mut legs = Vec::new();
				for (hops, part) in routes.iter().zip(s.allocations) {
					if part == 0 {
						continue;
					}
					let amounts = Self::quote_route(hops, part, goal)?;
					legs.push(Leg { hops: hops.clone(), amounts });
				}
				Self::plan_of(asset_in, asset_out, goal, legs, pools)
			});
		match (single_plan, split_plan) {
			(Some(single), Some(split)) => {
				let split_wins = match goal {
					Goal::ExactIn => split.amount_out > single.amount_out,
					Goal::ExactOut => split.amount_in < single.amount_in,
				};
				Some(if split_wins { split } else { single })
			},
			(single, split) => single.or(split),
		}
	}

	/// The plan for a swap call: the caller's routes, checked and quoted, or the search's.
	pub(crate) fn plan_for(
		asset_in: &T::AssetKind,
		asset_out: &T::AssetKind,
		amount: Balance,
		goal: Goal,
		route: Option<RoutePlansOf<T>>,
	) -> Result<Plan<T::AssetKind>, DispatchError> {
		ensure!(asset_in != asset_out, Error::<T>::SameAsset);
		ensure!(amount > 0, Error::<T>::ZeroAmount);
		match route {
			None => Ok(Self::search(asset_in, asset_out, amount, goal).ok_or(Error::<T>::NoRoute)?),
			Some(plans) => Self::check_routes(asset_in, asset_out, amount, goal, &plans),
		}
	}

	/// Checks routes a caller gave and quotes them now.
	fn check_routes(
		asset_in: &T::AssetKind,
		asset_out: &T::AssetKind,
		amount: Balance,
		goal: Goal,
		plans: &[RoutePlan<T>],
	) -> Result<Plan<T::AssetKind>, DispatchError> {
		ensure!(!plans.is_empty(), Error::<T>::InvalidRoute);
		let total = plans
			.iter()
			.try_fold(0u128, |t, p| t.checked_add(p.amount))
			.ok_or(Error::<T>::RouteAmountMismatch)?;
		ensure!(
			total == amount && plans.iter().all(|p| p.amount > 0),
			Error::<T>::RouteAmountMismatch
		);
		let mut pools = BTreeSet::new();
		let mut legs = Vec::with_capacity(plans.len());
		for plan in plans {
			let hops = plan.hops.as_slice();
			let (Some(first), Some(last)) = (hops.first(), hops.last()) else {
				return Err(Error::<T>::InvalidRoute.into());
			};
			ensure!(
				&first.asset_in == asset_in && &last.asset_out == asset_out,
				Error::<T>::InvalidRoute
			);
			let mut visited = BTreeSet::new();
			visited.insert(asset_in.clone());
			for (k, hop) in hops.iter().enumerate() {
				ensure!(hop.venue < T::Venues::count(), Error::<T>::UnknownVenue);
				if let Some(next) = hops.get(k + 1) {
					ensure!(hop.asset_out == next.asset_in, Error::<T>::InvalidRoute);
				}
				ensure!(visited.insert(hop.asset_out.clone()), Error::<T>::InvalidRoute);
				ensure!(pools.insert((hop.venue, hop.pool_id)), Error::<T>::PoolReused);
			}
			let amounts =
				Self::quote_route(hops, plan.amount, goal).ok_or(Error::<T>::RouteUnavailable)?;
			legs.push(Leg { hops: hops.to_vec(), amounts });
		}
		Ok(Self::plan_of(asset_in, asset_out, goal, legs, None)
			.ok_or(Error::<T>::RouteAmountMismatch)?)
	}

	/// Weight of a search over `pools` pools.
	pub fn search_weight(pools: u32) -> Weight {
		T::WeightInfo::search(pools)
	}

	/// Weight of executing routes: the router's own work for that many routes plus each venue
	/// call. The router's benchmark runs real one-hop swaps, so that part of the venue work is
	/// counted twice: an overestimate, never an under-charge.
	pub fn execution_weight<'a>(
		routes: impl Iterator<Item = &'a [RouteHop<T::AssetKind>]>,
	) -> Weight
	where
		T::AssetKind: 'a,
	{
		let mut count = 0u32;
		let mut weight = Weight::zero();
		for hops in routes {
			count = count.saturating_add(1);
			for (venue, range) in Self::segments(hops) {
				weight = weight.saturating_add(T::Venues::swap_weight(venue, range.len() as u32));
			}
		}
		weight.saturating_add(T::WeightInfo::execute(count))
	}

	/// Execution weight of the most expensive plan a search may return: the most routes of
	/// the most hops, each hop its own venue call on the costliest venue.
	pub fn worst_execution_weight() -> Weight {
		let hops = T::MaxHops::get();
		let per_route = (0..T::Venues::count())
			.map(|v| {
				let one = T::Venues::swap_weight(v, 1).saturating_mul(u64::from(hops));
				one.max(T::Venues::swap_weight(v, hops))
			})
			.fold(Weight::zero(), |a, b| a.max(b));
		per_route
			.saturating_mul(u64::from(T::MaxSplits::get()))
			.saturating_add(T::WeightInfo::execute(T::MaxSplits::get()))
	}
}

impl<A: Clone> Plan<A> {
	/// The routes as events and views show them.
	pub fn route_quotes(&self) -> Vec<RouteQuote<A>> {
		self.legs.iter().map(Leg::quote).collect()
	}
}

impl<T: Config> Pallet<T> {
	/// What running `plan` actually costs: its search (if it was searched for) and its
	/// execution.
	pub(crate) fn plan_weight(plan: &Plan<T::AssetKind>) -> Weight {
		let execution = Self::execution_weight(plan.legs.iter().map(|l| l.hops.as_slice()));
		match plan.pools_searched {
			Some(pools) => execution.saturating_add(Self::search_weight(pools)),
			None => execution,
		}
	}
}
