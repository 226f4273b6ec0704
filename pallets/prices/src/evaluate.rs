//! Evaluation of an asset's price: which feeds are fresh, their median, how long it stays
//! valid, the cross-check against the DEX TWAP, and pins.

use super::*;
use defi_math::prices::{deviation, median, whole_token_price};
use defi_primitives::TimestampedPrice;

/// What the fresh feeds of an asset say (see [`summarize_feeds`]).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct FeedSummary {
	/// Median of the fresh feeds; `None` with fewer than `min_feeders` of them or a zero
	/// median.
	pub median: Option<FixedU128>,
	/// Fresh feeds.
	pub fresh: u32,
	/// Newest timestamp of any counted feed (fresh or not), future ones taken as `now`; 0 if
	/// none.
	pub updated: u64,
	/// With a median: the moment (Unix ms) from which fewer than `min_feeders` feeds are
	/// fresh; 0 otherwise.
	pub valid_until: u64,
}

/// Summarises `feeds` at `now` (Unix ms).
///
/// A feed dated more than [`FUTURE_TOLERANCE_MS`] after `now` is ignored (a feeder's broken
/// clock); one dated after `now` within the tolerance counts as dated `now`, so it cannot
/// extend the validity of a price beyond `now + max_age`. A feed is fresh while
/// `now - timestamp < max_age`. With at least `min_feeders` (at least 1) fresh feeds the price
/// is their median, valid until the `min_feeders`-th newest of them ages out.
pub fn summarize_feeds(
	feeds: Vec<TimestampedPrice>,
	now: u64,
	max_age: u64,
	min_feeders: u32,
) -> FeedSummary {
	let horizon = now.saturating_add(FUTURE_TOLERANCE_MS);
	let mut updated = 0u64;
	let mut values = Vec::with_capacity(feeds.len());
	let mut stamps = Vec::with_capacity(feeds.len());
	for feed in feeds {
		if feed.timestamp > horizon {
			continue;
		}
		let timestamp = feed.timestamp.min(now);
		updated = updated.max(timestamp);
		if now - timestamp < max_age {
			values.push(feed.value);
			stamps.push(timestamp);
		}
	}
	let fresh = u32::try_from(values.len()).unwrap_or(u32::MAX);
	let needed = min_feeders.max(1) as usize;
	let mut summary = FeedSummary { median: None, fresh, updated, valid_until: 0 };
	if values.len() < needed {
		return summary;
	}
	// Newest first: the `needed`-th newest feed is the one whose ageing out leaves too few.
	stamps.sort_unstable_by(|a, b| b.cmp(a));
	let Some(kth) = stamps.get(needed - 1) else { return summary };
	if let Some(m) = median(values).filter(|m| !m.is_zero()) {
		summary.median = Some(m);
		summary.valid_until = kth.saturating_add(max_age);
	}
	summary
}

/// Deviation of `price` from `reference`; a zero reference counts as the largest deviation.
pub(crate) fn deviation_or_max(price: FixedU128, reference: FixedU128) -> Permill {
	deviation(price, reference).unwrap_or(Permill::one())
}

impl<T: Config> Pallet<T> {
	/// The price of `asset` as the next `on_initialize` would evaluate it now, from its feeds,
	/// the DEX TWAP and its pin (an expired pin is ignored). Does not write anything.
	pub fn evaluate(asset: &T::AssetKind) -> PriceState {
		let ctx = Context::<T>::load();
		let old = Current::<T>::get(asset);
		let decimals = Self::decimals_of(asset, old.as_ref());
		let pin = Pins::<T>::get(asset);
		Self::evaluate_with(&ctx, asset, decimals, pin.as_ref())
	}

	/// [`Pallet::evaluate`] with the block's context, the asset's decimals and its pin given.
	pub(crate) fn evaluate_with(
		ctx: &Context<T>,
		asset: &T::AssetKind,
		decimals: u8,
		pin: Option<&Pin>,
	) -> PriceState {
		let params = &ctx.params;
		let summary =
			summarize_feeds(T::Feeds::feeds(asset), ctx.now, params.max_age, params.min_feeders);
		let twap = Self::twap(ctx, asset, decimals);
		let mut state = PriceState {
			status: PriceStatus::Unavailable,
			price: None,
			decimals,
			updated: summary.updated,
			valid_until: 0,
			feeders: summary.fresh,
			twap,
		};
		if let Some(pin) = pin.filter(|p| ctx.now < p.until && !p.price.is_zero()) {
			state.status = PriceStatus::Pinned;
			state.price = Some(pin.price);
			state.valid_until = pin.until;
			return state;
		}
		let Some(median) = summary.median else { return state };
		state.price = Some(median);
		state.valid_until = summary.valid_until;
		state.status = match twap {
			Some(twap) if deviation_or_max(median, twap) > params.max_deviation => {
				PriceStatus::Disputed
			},
			_ => PriceStatus::Live,
		};
		state
	}

	/// The DEX TWAP of `asset` against the USD reference over [`Config::TwapWindow`], in USD
	/// per whole token; `None` for the reference itself or without a pool history. A TWAP too
	/// large to represent saturates (and so disputes any feed).
	fn twap(ctx: &Context<T>, asset: &T::AssetKind, decimals: u8) -> Option<FixedU128> {
		if *asset == ctx.usd {
			return None;
		}
		let usd_decimals = ctx.usd_decimals?;
		let window = T::Dex::window_price(asset, &ctx.usd, T::TwapWindow::get())?;
		Some(
			whole_token_price(window.price, decimals, usd_decimals)
				.unwrap_or(FixedU128::from_inner(u128::MAX)),
		)
	}
}
