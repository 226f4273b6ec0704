//! Routes across venues: what the router executes, emits and quotes.

use crate::types::{Balance, Hop, PoolId};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::weights::Weight;
use scale_info::TypeInfo;
use sp_arithmetic::Permill;

/// One step of a route: trade `asset_in` for `asset_out` in pool `pool_id` of venue `venue`
/// (the router's index of the venue: in the runtime 0 is the DEX, 1 asset-conversion).
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct RouteHop<AssetKind> {
	pub venue: u8,
	pub pool_id: PoolId,
	pub asset_in: AssetKind,
	pub asset_out: AssetKind,
}

impl<AssetKind: Clone> RouteHop<AssetKind> {
	/// The hop as its venue sees it.
	pub fn venue_hop(&self) -> Hop<AssetKind> {
		Hop {
			pool_id: self.pool_id,
			asset_in: self.asset_in.clone(),
			asset_out: self.asset_out.clone(),
		}
	}
}

/// One route of a trade with what it takes in and pays out.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct RouteQuote<AssetKind> {
	pub hops: Vec<RouteHop<AssetKind>>,
	pub amount_in: Balance,
	pub amount_out: Balance,
}

/// The router's best quote for a trade and what it is compared with (runtime API).
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct TradeQuote<AssetKind> {
	/// Total paid in (exact-in: the amount asked; exact-out: what the routes need).
	pub amount_in: Balance,
	/// Total paid out.
	pub amount_out: Balance,
	/// The routes taken, pool-disjoint, with the part of the trade each carries; one route
	/// when splitting does not pay.
	pub routes: Vec<RouteQuote<AssetKind>>,
	/// How much worse the trade's rate is than the rate of a trade a thousand times smaller
	/// along the best route (fees excluded, since both pay them); `None` when the amount is
	/// too small to compare.
	pub price_impact: Option<Permill>,
	/// Weight of executing these routes as given (`swap_*` with `route: Some(..)`).
	pub execution_weight: Weight,
	/// The best trade along one route of all venues.
	pub best_single_route: Option<RouteQuote<AssetKind>>,
	/// Per venue (by index), the best single route within that venue alone.
	pub best_per_venue: Vec<Option<RouteQuote<AssetKind>>>,
}
