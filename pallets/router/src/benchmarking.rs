//! Benchmarks of pallet-router (frame-benchmarking v2).
//!
//! * `search(p)`: the whole search (every venue alone and together, the split's alternative
//!   routes and the split itself) over `p` pools spread over the venues, every pair of a
//!   set of assets just large enough, so the graph is as dense as `p` pools allow: each hop
//!   layer quotes every edge. The trade is 1 % of a pool's reserve, so the split is tried.
//! * `execute(r)`: a swap along `r` given one-hop routes, each on its own pool.

use super::*;
use crate::search::Goal;
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;

/// Each side of every benchmark pool.
const RESERVE: Balance = 1_000_000_000_000_000;
/// The trade: 1 % of a reserve.
const AMOUNT: Balance = RESERVE / 100;

/// Creates `p` pools over the venues, pair by pair (assets `0, 1` first, so the trade's own
/// pair has a pool on every venue), and returns the trade's two assets.
fn graph_of<T: Config>(p: u32) -> (T::AssetKind, T::AssetKind) {
	let provider: T::AccountId = account("provider", 0, 0);
	let venues = u32::from(T::Venues::count()).max(1);
	let pairs_needed = p.div_ceil(venues);
	// The fewest assets whose pairs number at least `pairs_needed`.
	let mut n = 2u32;
	while n * (n - 1) / 2 < pairs_needed {
		n += 1;
	}
	let assets: Vec<T::AssetKind> = (0..n).map(T::BenchmarkHelper::asset).collect();
	for asset in &assets {
		T::BenchmarkHelper::fund(&provider, asset, RESERVE.saturating_mul(u128::from(2 * n)));
	}
	let mut created = 0u32;
	'pairs: for i in 0..n {
		for j in (i + 1)..n {
			for venue in 0..T::Venues::count() {
				if created == p {
					break 'pairs;
				}
				let (a, b) = (&assets[i as usize], &assets[j as usize]);
				if T::BenchmarkHelper::create_pool(venue, &provider, a, b, RESERVE) {
					created += 1;
				}
			}
		}
	}
	(assets[0].clone(), assets[1].clone())
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn search(p: Linear<2, 512>) -> Result<(), BenchmarkError> {
		let (a, b) = graph_of::<T>(p);
		let plan;
		#[block]
		{
			plan = Pallet::<T>::search(&a, &b, AMOUNT, Goal::ExactIn);
		}
		let plan = plan.ok_or(BenchmarkError::Stop("no route"))?;
		assert!(plan.amount_out > 0);
		Ok(())
	}

	#[benchmark]
	fn execute(r: Linear<1, { T::MaxSplits::get() }>) -> Result<(), BenchmarkError> {
		let caller: T::AccountId = whitelisted_caller();
		let provider: T::AccountId = account("provider", 0, 0);
		let (a, b) = (T::BenchmarkHelper::asset(0), T::BenchmarkHelper::asset(1));
		for asset in [&a, &b] {
			T::BenchmarkHelper::fund(&provider, asset, RESERVE.saturating_mul(10));
		}
		T::BenchmarkHelper::fund(&caller, &a, RESERVE);
		// `r` pools of the pair, round-robin over the venues until each is full.
		let mut hops: Vec<RouteHop<T::AssetKind>> = Vec::new();
		let mut venue = 0u8;
		let mut misses = 0;
		while (hops.len() as u32) < r && misses < T::Venues::count() {
			if T::BenchmarkHelper::create_pool(venue, &provider, &a, &b, RESERVE) {
				misses = 0;
				let pool = T::Venues::pools(venue, u32::MAX)
					.into_iter()
					.filter(|(_, assets)| assets.contains(&a) && assets.contains(&b))
					.map(|(id, _)| id)
					.find(|id| !hops.iter().any(|h| h.venue == venue && h.pool_id == *id))
					.ok_or(BenchmarkError::Stop("pool not listed"))?;
				hops.push(RouteHop {
					venue,
					pool_id: pool,
					asset_in: a.clone(),
					asset_out: b.clone(),
				});
			} else {
				misses += 1;
			}
			venue = (venue + 1) % T::Venues::count().max(1);
		}
		let per_route = AMOUNT / Balance::from(r);
		let plans: Vec<RoutePlan<T>> = hops
			.into_iter()
			.enumerate()
			.map(|(k, hop)| RoutePlan {
				hops: alloc::vec![hop].try_into().expect("one hop"),
				// The first route takes the remainder.
				amount: if k == 0 { AMOUNT - per_route * Balance::from(r - 1) } else { per_route },
			})
			.collect();
		let plans: RoutePlansOf<T> =
			plans.try_into().map_err(|_| BenchmarkError::Stop("too many routes"))?;
		let deadline = frame_system::Pallet::<T>::block_number() + 1_000u32.into();

		#[extrinsic_call]
		swap_exact_in(
			RawOrigin::Signed(caller.clone()),
			a.clone(),
			b.clone(),
			AMOUNT,
			1,
			caller.clone(),
			deadline,
			Some(plans),
		);

		use frame_support::traits::fungibles::Inspect;
		assert!(T::Assets::balance(b, &caller) > 0, "the trade paid out");
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
