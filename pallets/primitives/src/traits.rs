//! The traits through which pallets use each other. Each has a `()` implementation that does
//! nothing (or finds nothing), for runtimes and mocks that do not wire a counterpart.

use crate::{
	prices::{PriceQuote, TimestampedPrice},
	types::{Balance, Hop, PoolId, WindowPrice},
};
use alloc::vec::Vec;
use frame_support::weights::Weight;
use sp_runtime::DispatchError;

/// A venue that holds pools and swaps along paths of them (the DEX; the router consumes it).
///
/// Every swap is transactional: on an error nothing has changed (a credit swap hands the
/// credit back).
pub trait LiquiditySource<AccountId> {
	type AssetKind;
	/// A `fungibles` credit of any asset of the venue.
	type Credit;

	/// Longest path a swap may take.
	fn max_hops() -> u32;

	/// Up to `limit` pools of the venue with the assets each trades, in the venue's storage
	/// order (the router builds its graph from these). Each pool costs one storage read.
	fn pools(limit: u32) -> Vec<(PoolId, Vec<Self::AssetKind>)>;

	/// Pools that trade `a` against `b` (either order), from an index, not a scan of every pool.
	fn pools_for_pair(a: &Self::AssetKind, b: &Self::AssetKind) -> Vec<PoolId>;

	/// Amounts along `path` for an exact-in swap started now, `[amount_in, out of hop 1, …]`,
	/// exactly as [`LiquiditySource::swap_exact_in`] would execute it; `None` if it would fail.
	fn quote_exact_in(path: &[Hop<Self::AssetKind>], amount_in: Balance) -> Option<Vec<Balance>>;

	/// Amounts along `path` for an exact-out swap started now, `[amount_in, …, amount_out]`.
	fn quote_exact_out(path: &[Hop<Self::AssetKind>], amount_out: Balance) -> Option<Vec<Balance>>;

	/// Weight of a swap along a path of `hops` hops, at its worst case.
	fn swap_weight(hops: u32) -> Weight;

	/// Swaps exactly `amount_in` from `who` along `path`; `recipient` receives the output, at
	/// least `min_out`. Returns the output.
	fn swap_exact_in(
		who: &AccountId,
		path: &[Hop<Self::AssetKind>],
		amount_in: Balance,
		min_out: Balance,
		recipient: &AccountId,
	) -> Result<Balance, DispatchError>;

	/// Swaps at most `max_in` from `who` along `path` for exactly `amount_out` to `recipient`.
	/// Returns the input taken.
	fn swap_exact_out(
		who: &AccountId,
		path: &[Hop<Self::AssetKind>],
		amount_out: Balance,
		max_in: Balance,
		recipient: &AccountId,
	) -> Result<Balance, DispatchError>;

	/// Swaps all of `credit_in` along `path` for a credit of at least `min_out`.
	fn swap_credit_exact_in(
		path: &[Hop<Self::AssetKind>],
		credit_in: Self::Credit,
		min_out: Balance,
	) -> Result<Self::Credit, (Self::Credit, DispatchError)>;

	/// Swaps part of `credit_in` along `path` for a credit of exactly `amount_out`; returns it
	/// with the change left of `credit_in`.
	fn swap_credit_exact_out(
		path: &[Hop<Self::AssetKind>],
		credit_in: Self::Credit,
		amount_out: Balance,
	) -> Result<(Self::Credit, Self::Credit), (Self::Credit, DispatchError)>;
}

/// Market prices derived from trading (the DEX's TWAP; the prices pallet cross-checks feeds
/// against it).
pub trait PriceSource<AssetKind, BlockNumber> {
	/// Time-weighted average price of `base` in `quote` over at least the last `window` blocks,
	/// from the deepest pool that has such a history; `None` when no pool can answer.
	fn window_price(
		base: &AssetKind,
		quote: &AssetKind,
		window: BlockNumber,
	) -> Option<WindowPrice<BlockNumber>>;
}

impl<AssetKind, BlockNumber> PriceSource<AssetKind, BlockNumber> for () {
	fn window_price(
		_: &AssetKind,
		_: &AssetKind,
		_: BlockNumber,
	) -> Option<WindowPrice<BlockNumber>> {
		None
	}
}

/// Told of every trade (farming's trading programs, volume statistics).
pub trait OnTrade<AccountId, AssetKind> {
	/// `who` paid `amount_in` of `asset_in` into pool `pool_id` for `amount_out` of `asset_out`;
	/// `who` is `None` for a swap of a credit another pallet made (no account traded). Returns
	/// the weight it used, at most [`Self::on_trade_weight`] (the trading pallet refunds the
	/// rest).
	fn on_trade(
		who: Option<&AccountId>,
		pool_id: PoolId,
		asset_in: &AssetKind,
		amount_in: Balance,
		asset_out: &AssetKind,
		amount_out: Balance,
	) -> Weight;
	/// Worst-case weight of one [`Self::on_trade`], which the trading pallet's weight includes
	/// once per hop.
	fn on_trade_weight() -> Weight {
		Weight::zero()
	}
}

impl<AccountId, AssetKind> OnTrade<AccountId, AssetKind> for () {
	fn on_trade(
		_: Option<&AccountId>,
		_: PoolId,
		_: &AssetKind,
		_: Balance,
		_: &AssetKind,
		_: Balance,
	) -> Weight {
		Weight::zero()
	}
}

/// Told when an account's shares of an activity program change (farming: lending supply and
/// borrow, staking, LP deposits). `shares` is the new total, not a difference.
pub trait OnSharesChanged<AccountId, Program> {
	fn on_shares_changed(program: &Program, who: &AccountId, shares: Balance);
	/// Worst-case weight of one [`Self::on_shares_changed`], which the caller's weight includes.
	fn on_shares_changed_weight() -> Weight {
		Weight::zero()
	}
}

impl<AccountId, Program> OnSharesChanged<AccountId, Program> for () {
	fn on_shares_changed(_: &Program, _: &AccountId, _: Balance) {}
}

/// Whether a pallet's function is paused by the emergency origin. `pallet-tx-pause` filters
/// only dispatched calls, so pallets ask this on the paths other pallets call through traits
/// (a liquidation's swap, a fee payment's swap), by the pallet and call names a dispatched call
/// of the same action has.
pub trait PauseCheck {
	fn is_paused(pallet: &[u8], function: &[u8]) -> bool;
}

impl PauseCheck for () {
	fn is_paused(_: &[u8], _: &[u8]) -> bool {
		false
	}
}

/// USD prices for consuming pallets (lending, stablecoin, farming APRs).
pub trait PriceProvider<AssetKind> {
	/// A fresh price of `asset`, or `None`: never an old one, never 0. Check
	/// [`PriceQuote::disputed`] before letting anyone add risk on it.
	fn price(asset: &AssetKind) -> Option<PriceQuote>;
}

impl<AssetKind> PriceProvider<AssetKind> for () {
	fn price(_: &AssetKind) -> Option<PriceQuote> {
		None
	}
}

/// What the current feeders last reported for an asset, fresh or not (the runtime reads
/// `pallet-oracle`'s raw values of its members). The prices pallet decides what counts.
pub trait OracleFeeds<AssetKind> {
	fn feeds(asset: &AssetKind) -> Vec<TimestampedPrice>;
	/// Most feeders there can be (bounds the work of reading them).
	fn max_feeders() -> u32;
}

impl<AssetKind> OracleFeeds<AssetKind> for () {
	fn feeds(_: &AssetKind) -> Vec<TimestampedPrice> {
		Vec::new()
	}
	fn max_feeders() -> u32 {
		0
	}
}

/// Decimals of a token: a whole token is `10^decimals` base units; `None` for an unknown token.
pub trait AssetDecimals<AssetKind> {
	fn decimals(asset: &AssetKind) -> Option<u8>;
}

/// What shares of a farm program are worth in USD (farming's APR figures); `None` where the
/// program has no value (trading volume) or no price is known.
pub trait ShareValue<Program> {
	fn value_of(program: &Program, shares: Balance) -> Option<sp_arithmetic::FixedU128>;
}

impl<Program> ShareValue<Program> for () {
	fn value_of(_: &Program, _: Balance) -> Option<sp_arithmetic::FixedU128> {
		None
	}
}
