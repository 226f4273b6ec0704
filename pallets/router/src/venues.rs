//! The venues the router trades on, addressed by index: a tuple of
//! [`LiquiditySource`]s over the same assets and credits, `(Dex, AssetConversionVenue)` in the
//! runtime. An index past the tuple finds no pools, quotes nothing and swaps nothing.

use alloc::vec::Vec;
use defi_primitives::{Balance, Hop, LiquiditySource, PoolId};
use frame_support::weights::Weight;
use sp_runtime::DispatchError;

/// Why a venue index is refused.
const UNKNOWN_VENUE: DispatchError = DispatchError::Other("unknown venue");

/// Every venue of the router, by index.
pub trait Venues<AccountId> {
	type AssetKind;
	type Credit;

	/// How many venues there are; valid indexes are `0..count()`.
	fn count() -> u8;
	/// Longest path one swap call of the venue takes (longer runs are split into calls).
	fn max_hops(venue: u8) -> u32;
	/// Up to `limit` pools of the venue with their assets.
	fn pools(venue: u8, limit: u32) -> Vec<(PoolId, Vec<Self::AssetKind>)>;
	/// See [`LiquiditySource::quote_exact_in`].
	fn quote_exact_in(
		venue: u8,
		path: &[Hop<Self::AssetKind>],
		amount_in: Balance,
	) -> Option<Vec<Balance>>;
	/// See [`LiquiditySource::quote_exact_out`].
	fn quote_exact_out(
		venue: u8,
		path: &[Hop<Self::AssetKind>],
		amount_out: Balance,
	) -> Option<Vec<Balance>>;
	/// See [`LiquiditySource::swap_weight`]; zero for an unknown venue.
	fn swap_weight(venue: u8, hops: u32) -> Weight;
	/// See [`LiquiditySource::swap_credit_exact_in`].
	fn swap_credit_exact_in(
		venue: u8,
		path: &[Hop<Self::AssetKind>],
		credit_in: Self::Credit,
		min_out: Balance,
	) -> Result<Self::Credit, (Self::Credit, DispatchError)>;
	/// See [`LiquiditySource::swap_credit_exact_out`].
	fn swap_credit_exact_out(
		venue: u8,
		path: &[Hop<Self::AssetKind>],
		credit_in: Self::Credit,
		amount_out: Balance,
	) -> Result<(Self::Credit, Self::Credit), (Self::Credit, DispatchError)>;
}

macro_rules! impl_venues {
	($($index:literal => $venue:ident),+) => {
		impl<AccountId, Asset, Credit, $($venue),+> Venues<AccountId> for ($($venue,)+)
		where
			$($venue: LiquiditySource<AccountId, AssetKind = Asset, Credit = Credit>,)+
		{
			type AssetKind = Asset;
			type Credit = Credit;

			fn count() -> u8 {
				[$($index),+].len() as u8
			}

			fn max_hops(venue: u8) -> u32 {
				match venue {
					$($index => $venue::max_hops(),)+
					_ => 0,
				}
			}

			fn pools(venue: u8, limit: u32) -> Vec<(PoolId, Vec<Asset>)> {
				match venue {
					$($index => $venue::pools(limit),)+
					_ => Vec::new(),
				}
			}

			fn quote_exact_in(
				venue: u8,
				path: &[Hop<Asset>],
				amount_in: Balance,
			) -> Option<Vec<Balance>> {
				match venue {
					$($index => $venue::quote_exact_in(path, amount_in),)+
					_ => None,
				}
			}

			fn quote_exact_out(
				venue: u8,
				path: &[Hop<Asset>],
				amount_out: Balance,
			) -> Option<Vec<Balance>> {
				match venue {
					$($index => $venue::quote_exact_out(path, amount_out),)+
					_ => None,
				}
			}

			fn swap_weight(venue: u8, hops: u32) -> Weight {
				match venue {
					$($index => $venue::swap_weight(hops),)+
					_ => Weight::zero(),
				}
			}

			fn swap_credit_exact_in(
				venue: u8,
				path: &[Hop<Asset>],
				credit_in: Credit,
				min_out: Balance,
			) -> Result<Credit, (Credit, DispatchError)> {
				match venue {
					$($index => $venue::swap_credit_exact_in(path, credit_in, min_out),)+
					_ => Err((credit_in, UNKNOWN_VENUE)),
				}
			}

			fn swap_credit_exact_out(
				venue: u8,
				path: &[Hop<Asset>],
				credit_in: Credit,
				amount_out: Balance,
			) -> Result<(Credit, Credit), (Credit, DispatchError)> {
				match venue {
					$($index => $venue::swap_credit_exact_out(path, credit_in, amount_out),)+
					_ => Err((credit_in, UNKNOWN_VENUE)),
				}
			}
		}
	};
}

impl_venues!(0 => A);
impl_venues!(0 => A, 1 => B);
impl_venues!(0 => A, 1 => B, 2 => C);
impl_venues!(0 => A, 1 => B, 2 => C, 3 => D);
