//! Behaviour, error, exploit and invariant tests of the prices pallet.

use crate::{
	mock::*, summarize_feeds, Current, Error, Event, FeedSummary, Pin, Pins, PriceParams,
	PriceState, Tracked, FUTURE_TOLERANCE_MS,
};
use defi_primitives::{PriceProvider, PriceStatus, TimestampedPrice};
use frame_support::{assert_noop, assert_ok, storage::StoragePrefixedMap, traits::Hooks};
use sp_arithmetic::{FixedU128, Permill};
use sp_runtime::traits::BadOrigin;

fn usd(n: u32) -> FixedU128 {
	FixedU128::from_u32(n)
}

fn root() -> RuntimeOrigin {
	RuntimeOrigin::root()
}

fn signed() -> RuntimeOrigin {
	RuntimeOrigin::signed(7)
}

fn now() -> u64 {
	Now::get()
}

fn advance(ms: u64) {
	Now::mutate(|n| *n += ms);
}

/// Sets every feeder's last report of `asset`, as (value, timestamp).
fn set_feeds(asset: Asset, feeds: &[(FixedU128, u64)]) {
	let feeds = feeds
		.iter()
		.map(|(value, timestamp)| TimestampedPrice { value: *value, timestamp: *timestamp });
	FeedMap::mutate(|m| m.insert(asset, feeds.collect()));
}

/// Sets the DEX TWAP of `asset` in USDT, in base units of USDT per base unit of `asset`.
fn set_twap(asset: Asset, unit_price: FixedU128) {
	Twaps::mutate(|m| m.insert((asset, USDT), unit_price));
}

/// A TWAP of BTC (8 decimals) against USDT (6) worth `whole` USD per whole BTC.
fn btc_twap(whole: u32) {
	set_twap(BTC, FixedU128::from_rational(whole as u128, 100));
}

/// Runs the next block's `on_initialize` (before its timestamp moves, as in a real block).
fn next_block() {
	let n = System::block_number() + 1;
	System::set_block_number(n);
	Prices::on_initialize(n);
}

fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Prices(e) = r.event { Some(e) } else { None })
		.collect()
}

fn state(asset: Asset) -> PriceState {
	Current::<Test>::get(asset).expect("tracked asset has a price entry")
}

fn status(asset: Asset) -> PriceStatus {
	state(asset).status
}

fn price(asset: Asset) -> Option<FixedU128> {
	Prices::price(&asset).map(|q| q.usd_per_token)
}

/// Three BTC feeders agreeing around 60, fresh now.
fn btc_live() {
	set_feeds(BTC, &[(usd(59), now()), (usd(60), now()), (usd(61), now())]);
	next_block();
	assert_eq!(status(BTC), PriceStatus::Live);
}

// ---------------------------------------------------------------------------------------------
// Genesis and evaluation of feeds
// ---------------------------------------------------------------------------------------------

#[test]
fn genesis_tracks_assets_without_prices() {
	run_test(|| {
		assert_eq!(Tracked::<Test>::get().to_vec(), vec![USDT, BTC, DOT]);
		assert_eq!(state(BTC), PriceState::unavailable(8));
		assert_eq!(state(DOT).decimals, 10);
		assert_eq!(crate::Params::<Test>::get(), genesis_params());
		assert_eq!(Prices::price(&BTC), None);
		assert_eq!(Prices::price(&ETH), None);
		let views = Prices::price_views();
		assert_eq!(views.len(), 3);
		assert!(views.iter().all(|v| v.status == PriceStatus::Unavailable && v.price.is_none()));
		assert_eq!(views[1].age, 0);
	});
}

#[test]
fn price_is_the_median_of_fresh_feeds() {
	run_test(|| {
		let t = now();
		set_feeds(BTC, &[(usd(70), t - 1_000), (usd(50), t - 2_000), (usd(60), t - 3_000)]);
		next_block();
		let s = state(BTC);
		assert_eq!(s.status, PriceStatus::Live);
		assert_eq!(s.price, Some(usd(60)));
		assert_eq!(s.feeders, 3);
		assert_eq!(s.updated, t - 1_000);
		// Valid until the second newest (min_feeders = 2) ages out.
		assert_eq!(s.valid_until, t - 2_000 + MAX_AGE);
		let quote = Prices::price(&BTC).unwrap();
		assert_eq!(quote.usd_per_token, usd(60));
		assert_eq!(quote.decimals, 8);
		assert_eq!(quote.updated, t - 1_000);
		assert!(!quote.disputed);
		assert_eq!(events(), vec![Event::PriceAvailable { asset: BTC, price: usd(60) }]);
		// An even count takes the mean of the middle two.
		set_feeds(BTC, &[(usd(50), t), (usd(60), t), (usd(64), t), (usd(1_000), t)]);
		next_block();
		assert_eq!(price(BTC), Some(usd(62)));
	});
}

#[test]
fn stale_feeds_are_excluded() {
	run_test(|| {
		let t = now();
		// Exactly max_age old is stale already.
		set_feeds(BTC, &[(usd(100), t), (usd(102), t - 10), (usd(500), t - MAX_AGE)]);
		next_block();
		assert_eq!(price(BTC), Some(usd(101)));
		assert_eq!(state(BTC).feeders, 2);
		let young = t - MAX_AGE + 1;
		set_feeds(BTC, &[(usd(100), t), (usd(102), t), (usd(500), young)]);
		next_block();
		assert_eq!(price(BTC), Some(usd(102)));
		assert_eq!(state(BTC).feeders, 3);
	});
}

/// Exploit replay: feeders drop out until fewer than `min_feeders` remain; the one left (here
/// reporting a manipulated price) must not make the price alone.
#[test]
fn fewer_fresh_feeds_than_min_feeders_means_no_price() {
	run_test(|| {
		btc_live();
		assert_eq!(price(BTC), Some(usd(60)));
		// Two feeders go silent; one keeps reporting, at a manipulated price.
		advance(MAX_AGE);
		let t = now();
		set_feeds(BTC, &[(usd(59), t - MAX_AGE), (usd(60), t - MAX_AGE), (usd(6_000), t)]);
		next_block();
		let s = state(BTC);
		assert_eq!(s.status, PriceStatus::Unavailable);
		assert_eq!(s.price, None);
		assert_eq!(s.feeders, 1);
		assert_eq!(s.updated, t);
		assert_eq!(Prices::price(&BTC), None);
		assert_eq!(events().last(), Some(&Event::PriceUnavailable { asset: BTC }));
		// No feeds at all: no price either.
		FeedMap::take();
		next_block();
		assert_eq!(state(BTC).updated, 0);
		assert_eq!(Prices::price(&BTC), None);
	});
}

#[test]
fn a_live_price_expires_at_read_time_before_the_next_block() {
	run_test(|| {
		let t = now();
		set_feeds(BTC, &[(usd(60), t), (usd(60), t - 10_000), (usd(60), t - 20_000)]);
		next_block();
		let until = state(BTC).valid_until;
		assert_eq!(until, t - 10_000 + MAX_AGE);
		Now::set(until - 1);
		assert_eq!(price(BTC), Some(usd(60)));
		// The timestamp inherent moves the clock; no on_initialize in between.
		Now::set(until);
		assert_eq!(Prices::price(&BTC), None);
		assert_eq!(status(BTC), PriceStatus::Live, "stored state untouched");
		let view = Prices::price_view(BTC).unwrap();
		assert_eq!(view.status, PriceStatus::Unavailable);
		assert_eq!(view.price, None);
		assert_eq!(view.age, until - t);
		assert_eq!(view.valid_until, until);
		// The next block re-evaluates: unavailable, with the event.
		next_block();
		assert_eq!(status(BTC), PriceStatus::Unavailable);
		assert_eq!(events().last(), Some(&Event::PriceUnavailable { asset: BTC }));
	});
}

#[test]
fn future_dated_feeds_count_as_now_within_tolerance_and_are_ignored_beyond() {
	run_test(|| {
		let t = now();
		set_feeds(BTC, &[(usd(60), t + FUTURE_TOLERANCE_MS), (usd(62), t + 1)]);
		next_block();
		let s = state(BTC);
		assert_eq!(s.price, Some(usd(61)));
		// Counted as made now: the price cannot outlive now + max_age.
		assert_eq!(s.updated, t);
		assert_eq!(s.valid_until, t + MAX_AGE);
		// Beyond the tolerance a report is ignored: one feeder is left, too few.
		set_feeds(BTC, &[(usd(60), t + FUTURE_TOLERANCE_MS + 1), (usd(62), t)]);
		next_block();
		assert_eq!(state(BTC).feeders, 1);
		assert_eq!(Prices::price(&BTC), None);
	});
}

#[test]
fn a_zero_median_is_unavailable() {
	run_test(|| {
		let t = now();
		set_feeds(BTC, &[(usd(0), t), (usd(0), t), (usd(60), t)]);
		next_block();
		assert_eq!(state(BTC).status, PriceStatus::Unavailable);
		assert_eq!(state(BTC).price, None);
		assert_eq!(state(BTC).feeders, 3);
		assert_eq!(Prices::price(&BTC), None);
		assert!(events().is_empty(), "unavailable before and after");
	});
}

#[test]
fn summarize_feeds_counts_fresh_feeds_and_their_validity() {
	let feed = |v: u32, timestamp: u64| TimestampedPrice { value: usd(v), timestamp };
	let feeds = vec![feed(3, 900), feed(1, 1_000), feed(2, 950), feed(9, 100)];
	assert_eq!(
		summarize_feeds(feeds.clone(), 1_000, 200, 3),
		FeedSummary { median: Some(usd(2)), fresh: 3, updated: 1_000, valid_until: 1_100 }
	);
	assert_eq!(
		summarize_feeds(feeds.clone(), 1_000, 200, 1),
		FeedSummary { median: Some(usd(2)), fresh: 3, updated: 1_000, valid_until: 1_200 }
	);
	assert_eq!(
		summarize_feeds(feeds, 1_000, 200, 4),
		FeedSummary { median: None, fresh: 3, updated: 1_000, valid_until: 0 }
	);
	// min_feeders 0 is treated as 1; nothing at all is nothing.
	assert_eq!(summarize_feeds(vec![], 1_000, 200, 0).median, None);
	assert_eq!(summarize_feeds(vec![feed(5, 1_000)], 1_000, 200, 0).median, Some(usd(5)));
}

// ---------------------------------------------------------------------------------------------
// Cross-check against the DEX TWAP
// ---------------------------------------------------------------------------------------------

#[test]
fn twap_is_normalised_by_decimals_and_within_bound_is_live() {
	run_test(|| {
		// 0.6 base units of USDT (6 decimals) per base unit of BTC (8 decimals): 60 USD per BTC.
		set_twap(BTC, FixedU128::from_rational(6, 10));
		let t = now();
		set_feeds(BTC, &[(usd(61), t), (usd(62), t), (usd(63), t)]);
		next_block();
		let s = state(BTC);
		assert_eq!(s.twap, Some(usd(60)));
		// 62 vs 60 is 3.34 %, within 5 %.
		assert_eq!(s.status, PriceStatus::Live);
		assert!(!Prices::price(&BTC).unwrap().disputed);
		assert!(AskedWindows::get().iter().all(|w| *w == TWAP_WINDOW));
		assert_eq!(Prices::price_view(BTC).unwrap().twap, Some(usd(60)));
	});
}

#[test]
fn deviation_beyond_bound_disputes_and_recovery_resolves() {
	run_test(|| {
		btc_twap(60);
		btc_live();
		System::reset_events();
		let t = now();
		set_feeds(BTC, &[(usd(70), t), (usd(70), t), (usd(70), t)]);
		next_block();
		assert_eq!(status(BTC), PriceStatus::Disputed);
		assert_eq!(
			events(),
			vec![Event::PriceDisputed {
				asset: BTC,
				feed: usd(70),
				twap: usd(60),
				deviation: Permill::from_parts(166_667),
			}]
		);
		// Still a price, for actions that reduce risk, but flagged.
		let quote = Prices::price(&BTC).unwrap();
		assert!(quote.disputed);
		assert_eq!(quote.usd_per_token, usd(70));
		assert_eq!(Prices::price_view(BTC).unwrap().status, PriceStatus::Disputed);
		// Staying disputed repeats nothing.
		next_block();
		assert_eq!(events().len(), 1);
		// Back within the bound.
		set_feeds(BTC, &[(usd(62), t), (usd(62), t), (usd(62), t)]);
		next_block();
		assert_eq!(status(BTC), PriceStatus::Live);
		assert_eq!(events().last(), Some(&Event::DisputeResolved { asset: BTC, price: usd(62) }));
		assert!(!Prices::price(&BTC).unwrap().disputed);
	});
}

#[test]
fn without_twap_the_price_is_live_and_the_reference_is_not_cross_checked() {
	run_test(|| {
		btc_live();
		assert_eq!(state(BTC).twap, None);
		// A pool of USDT against itself would be nonsense: never asked.
		Twaps::mutate(|m| m.insert((USDT, USDT), FixedU128::from_rational(1, 2)));
		AskedWindows::take();
		let t = now();
		set_feeds(USDT, &[(usd(1), t), (usd(1), t)]);
		next_block();
		assert_eq!(status(USDT), PriceStatus::Live);
		assert_eq!(state(USDT).twap, None);
		// Only BTC and DOT were cross-checked.
		assert_eq!(AskedWindows::get().len(), 2);
	});
}

#[test]
fn a_zero_twap_disputes() {
	run_test(|| {
		set_twap(BTC, FixedU128::from_inner(0));
		let t = now();
		set_feeds(BTC, &[(usd(60), t), (usd(60), t)]);
		next_block();
		assert_eq!(status(BTC), PriceStatus::Disputed);
		assert!(matches!(
			events().last(),
			Some(Event::PriceDisputed { deviation, .. }) if *deviation == Permill::one()
		));
	});
}

#[test]
fn unavailable_to_disputed_and_disputed_to_unavailable_are_reported() {
	run_test(|| {
		btc_twap(60);
		let t = now();
		set_feeds(BTC, &[(usd(90), t), (usd(90), t)]);
		next_block();
		assert_eq!(status(BTC), PriceStatus::Disputed);
		assert!(matches!(events().last(), Some(Event::PriceDisputed { .. })));
		FeedMap::take();
		next_block();
		assert_eq!(events().last(), Some(&Event::PriceUnavailable { asset: BTC }));
	});
}

// ---------------------------------------------------------------------------------------------
// Writes only on change
// ---------------------------------------------------------------------------------------------

fn current_writes(ext: &sp_io::TestExternalities) -> usize {
	let prefix = Current::<Test>::final_prefix();
	ext.overlayed_changes()
		.changes()
		.filter(|(k, _)| k.starts_with(&prefix))
		.count()
}

#[test]
fn on_initialize_writes_and_reports_only_changes() {
	let mut ext = new_test_ext();
	ext.execute_with(btc_live);
	ext.commit_all().unwrap();
	ext.execute_with(|| {
		System::reset_events();
		next_block();
		next_block();
		assert!(events().is_empty());
	});
	assert_eq!(current_writes(&ext), 0, "nothing changed, nothing written");
	ext.commit_all().unwrap();
	ext.execute_with(|| {
		let t = now();
		set_feeds(BTC, &[(usd(59), t), (usd(61), t), (usd(61), t)]);
		next_block();
		assert_eq!(price(BTC), Some(usd(61)));
		// A new price of the same status is no event.
		assert!(events().is_empty());
	});
	assert_eq!(current_writes(&ext), 1);
	ext.execute_with(|| Prices::do_try_state().unwrap());
}

// ---------------------------------------------------------------------------------------------
// Pins
// ---------------------------------------------------------------------------------------------

#[test]
fn a_pin_applies_in_the_same_block_and_overrides_disputes_and_staleness() {
	run_test(|| {
		btc_twap(60);
		let t = now();
		set_feeds(BTC, &[(usd(90), t), (usd(90), t)]);
		next_block();
		assert!(Prices::price(&BTC).unwrap().disputed);
		assert_ok!(Prices::pin_price(root(), BTC, usd(65), 10_000));
		// No block in between.
		let quote = Prices::price(&BTC).unwrap();
		assert_eq!(quote.usd_per_token, usd(65));
		assert!(!quote.disputed);
		let s = state(BTC);
		assert_eq!(s.status, PriceStatus::Pinned);
		assert_eq!(s.valid_until, t + 10_000);
		assert_eq!(s.twap, Some(usd(60)), "the TWAP is still reported");
		assert_eq!(Pins::<Test>::get(BTC), Some(Pin { price: usd(65), until: t + 10_000 }));
		assert_eq!(
			events().last(),
			Some(&Event::PricePinned { asset: BTC, price: usd(65), until: t + 10_000 })
		);
		// Feeds go stale: the pin holds.
		advance(9_999);
		FeedMap::take();
		next_block();
		assert_eq!(status(BTC), PriceStatus::Pinned);
		assert_eq!(price(BTC), Some(usd(65)));
		// A pin may also price an asset that never had feeds.
		assert_ok!(Prices::pin_price(root(), DOT, usd(5), 1));
		assert_eq!(price(DOT), Some(usd(5)));
	});
}

#[test]
fn a_pin_expires_at_read_time_and_is_removed_with_an_event() {
	run_test(|| {
		assert_ok!(Prices::pin_price(root(), BTC, usd(65), 10_000));
		advance(10_000);
		assert_eq!(Prices::price(&BTC), None, "expired by the clock before any block");
		assert_eq!(Prices::price_view(BTC).unwrap().status, PriceStatus::Unavailable);
		// The feeds are back by now.
		set_feeds(BTC, &[(usd(60), now()), (usd(60), now())]);
		System::reset_events();
		next_block();
		assert!(Pins::<Test>::get(BTC).is_none());
		assert_eq!(events(), vec![Event::PinExpired { asset: BTC }]);
		assert_eq!(status(BTC), PriceStatus::Live);
		assert_eq!(price(BTC), Some(usd(60)));
		// Without feeds an expired pin leaves no price, and says so.
		assert_ok!(Prices::pin_price(root(), DOT, usd(5), 1));
		advance(1);
		System::reset_events();
		next_block();
		assert_eq!(
			events(),
			vec![Event::PinExpired { asset: DOT }, Event::PriceUnavailable { asset: DOT }]
		);
	});
}

#[test]
fn unpin_re_evaluates_at_once() {
	run_test(|| {
		btc_twap(60);
		let t = now();
		set_feeds(BTC, &[(usd(90), t), (usd(90), t)]);
		assert_ok!(Prices::pin_price(root(), BTC, usd(60), 10_000));
		next_block();
		assert_eq!(status(BTC), PriceStatus::Pinned);
		System::reset_events();
		assert_ok!(Prices::unpin_price(root(), BTC));
		assert_eq!(status(BTC), PriceStatus::Disputed);
		assert!(Prices::price(&BTC).unwrap().disputed);
		assert!(Pins::<Test>::get(BTC).is_none());
		assert_eq!(events()[0], Event::PriceUnpinned { asset: BTC });
		assert!(matches!(events()[1], Event::PriceDisputed { asset: BTC, .. }));
		// Unpinning with no feeds leaves no price.
		assert_ok!(Prices::pin_price(root(), DOT, usd(5), 10_000));
		assert_ok!(Prices::unpin_price(root(), DOT));
		assert_eq!(Prices::price(&DOT), None);
		assert_eq!(events().last(), Some(&Event::PriceUnavailable { asset: DOT }));
	});
}

#[test]
fn pin_errors() {
	run_test(|| {
		assert_noop!(Prices::pin_price(root(), BTC, usd(0), 1_000), Error::<Test>::ZeroPrice);
		assert_noop!(Prices::pin_price(root(), BTC, usd(1), 0), Error::<Test>::ZeroPinDuration);
		assert_noop!(
			Prices::pin_price(root(), BTC, usd(1), MAX_PIN + 1),
			Error::<Test>::PinTooLong
		);
		assert_ok!(Prices::pin_price(root(), BTC, usd(1), MAX_PIN));
		assert_noop!(Prices::pin_price(root(), ETH, usd(1), 1_000), Error::<Test>::NotTracked);
		assert_noop!(Prices::unpin_price(root(), DOT), Error::<Test>::NotPinned);
		assert_noop!(Prices::unpin_price(root(), ETH), Error::<Test>::NotPinned);
	});
}

// ---------------------------------------------------------------------------------------------
// Administration
// ---------------------------------------------------------------------------------------------

#[test]
fn set_params_applies_at_once_and_validates() {
	run_test(|| {
		btc_live();
		let stricter = PriceParams { min_feeders: 4, ..genesis_params() };
		assert_ok!(Prices::set_params(root(), stricter));
		assert_eq!(crate::Params::<Test>::get(), stricter);
		// Same block: the price needs four feeders now.
		assert_eq!(Prices::price(&BTC), None);
		let evs = events();
		assert_eq!(evs[evs.len() - 2], Event::ParamsSet { params: stricter });
		assert_eq!(evs[evs.len() - 1], Event::PriceUnavailable { asset: BTC });
		let zero_feeders = PriceParams { min_feeders: 0, ..genesis_params() };
		assert_noop!(Prices::set_params(root(), zero_feeders), Error::<Test>::ZeroMinFeeders);
		let zero_age = PriceParams { max_age: 0, ..genesis_params() };
		assert_noop!(Prices::set_params(root(), zero_age), Error::<Test>::ZeroMaxAge);
		// A tighter bound disputes at once too.
		btc_twap(56);
		assert_ok!(Prices::set_params(root(), genesis_params()));
		assert_eq!(status(BTC), PriceStatus::Disputed);
	});
}

#[test]
fn track_asset_evaluates_at_once() {
	run_test(|| {
		set_feeds(ETH, &[(usd(3_000), now()), (usd(3_000), now())]);
		assert_ok!(Prices::track_asset(root(), ETH));
		assert_eq!(Tracked::<Test>::get().last(), Some(&ETH));
		assert_eq!(state(ETH).decimals, 18);
		assert_eq!(price(ETH), Some(usd(3_000)));
		assert_eq!(
			events(),
			vec![
				Event::AssetTracked { asset: ETH, decimals: 18 },
				Event::PriceAvailable { asset: ETH, price: usd(3_000) },
			]
		);
		// Without feeds it starts unavailable, silently.
		System::reset_events();
		assert_ok!(Prices::track_asset(root(), 50));
		assert_eq!(state(50), PriceState::unavailable(12));
		assert_eq!(events(), vec![Event::AssetTracked { asset: 50, decimals: 12 }]);
	});
}

#[test]
fn track_asset_errors() {
	run_test(|| {
		assert_noop!(Prices::track_asset(root(), BTC), Error::<Test>::AlreadyTracked);
		assert_noop!(Prices::track_asset(root(), UNKNOWN), Error::<Test>::UnknownDecimals);
		assert_noop!(Prices::track_asset(root(), HUGE_DECIMALS), Error::<Test>::TooManyDecimals);
		for asset in 10..10 + MAX_ASSETS - 3 {
			assert_ok!(Prices::track_asset(root(), asset));
		}
		assert_eq!(Tracked::<Test>::get().len() as u32, MAX_ASSETS);
		assert_noop!(Prices::track_asset(root(), ETH), Error::<Test>::TooManyAssets);
	});
}

#[test]
fn untrack_asset_removes_price_and_pin() {
	run_test(|| {
		btc_live();
		assert_ok!(Prices::pin_price(root(), BTC, usd(65), 10_000));
		assert_ok!(Prices::untrack_asset(root(), BTC));
		assert_eq!(Tracked::<Test>::get().to_vec(), vec![USDT, DOT]);
		assert!(Current::<Test>::get(BTC).is_none());
		assert!(Pins::<Test>::get(BTC).is_none());
		assert_eq!(Prices::price(&BTC), None);
		assert_eq!(events().last(), Some(&Event::AssetUntracked { asset: BTC }));
		assert_noop!(Prices::untrack_asset(root(), BTC), Error::<Test>::NotTracked);
		// The next block does not bring it back.
		next_block();
		assert!(Current::<Test>::get(BTC).is_none());
		assert_eq!(Prices::price_views().len(), 2);
	});
}

#[test]
fn admin_calls_need_the_admin_origin() {
	run_test(|| {
		assert_noop!(Prices::set_params(signed(), genesis_params()), BadOrigin);
		assert_noop!(Prices::track_asset(signed(), ETH), BadOrigin);
		assert_noop!(Prices::untrack_asset(signed(), BTC), BadOrigin);
		assert_noop!(Prices::pin_price(signed(), BTC, usd(1), 1_000), BadOrigin);
		assert_ok!(Prices::pin_price(root(), BTC, usd(1), 1_000));
		assert_noop!(Prices::unpin_price(signed(), BTC), BadOrigin);
	});
}

// ---------------------------------------------------------------------------------------------
// Views and invariants
// ---------------------------------------------------------------------------------------------

#[test]
fn views_report_age_feeders_twap_and_validity() {
	run_test(|| {
		btc_twap(60);
		let t = now();
		set_feeds(BTC, &[(usd(60), t - 5_000), (usd(61), t - 5_000), (usd(62), t - 9_000)]);
		next_block();
		advance(1_000);
		let view = Prices::price_views().into_iter().find(|v| v.asset == BTC).unwrap();
		assert_eq!(view.status, PriceStatus::Live);
		assert_eq!(view.price, Some(usd(61)));
		assert_eq!(view.decimals, 8);
		assert_eq!(view.updated, t - 5_000);
		assert_eq!(view.age, 6_000);
		assert_eq!(view.feeders, 3);
		assert_eq!(view.twap, Some(usd(60)));
		assert_eq!(view.valid_until, t - 5_000 + MAX_AGE);
		assert_eq!(Prices::price_view(ETH), None);
	});
}

#[test]
fn evaluate_is_pure_and_matches_on_initialize() {
	run_test(|| {
		let t = now();
		set_feeds(BTC, &[(usd(60), t), (usd(60), t)]);
		let expected = Prices::evaluate(&BTC);
		assert_eq!(status(BTC), PriceStatus::Unavailable, "evaluate writes nothing");
		next_block();
		assert_eq!(state(BTC), expected);
		// An expired pin is ignored by the evaluation.
		Pins::<Test>::insert(BTC, Pin { price: usd(1), until: t });
		assert_eq!(Prices::evaluate(&BTC), expected);
		Pins::<Test>::remove(BTC);
	});
}

#[test]
fn try_state_detects_broken_invariants() {
	new_test_ext().execute_with(|| {
		assert_ok!(Prices::do_try_state());
		Current::<Test>::insert(ETH, PriceState::unavailable(18));
		assert!(Prices::do_try_state().is_err());
		Current::<Test>::remove(ETH);
		Current::<Test>::insert(BTC, PriceState { status: PriceStatus::Live, ..state(BTC) });
		assert!(Prices::do_try_state().is_err(), "live without a price");
		Current::<Test>::insert(BTC, PriceState::unavailable(8));
		Current::<Test>::remove(DOT);
		assert!(Prices::do_try_state().is_err(), "tracked without an entry");
		Current::<Test>::insert(DOT, PriceState::unavailable(10));
		Pins::<Test>::insert(ETH, Pin { price: usd(1), until: now() + 1 });
		assert!(Prices::do_try_state().is_err(), "pin of an untracked asset");
		Pins::<Test>::remove(ETH);
		crate::Params::<Test>::put(PriceParams { min_feeders: 0, ..genesis_params() });
		assert!(Prices::do_try_state().is_err(), "invalid parameters");
		crate::Params::<Test>::put(genesis_params());
		Tracked::<Test>::mutate(|t| t.try_push(BTC).unwrap());
		assert!(Prices::do_try_state().is_err(), "duplicate tracked asset");
	});
}
