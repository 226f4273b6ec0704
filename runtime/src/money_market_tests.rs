//! Prices and money markets in the real runtime: genesis markets and positions, feeds through
//! `pallet-oracle` and its membership, and the DEX cross-check against a one-block
//! manipulation.

use crate::{
	assets::{USDT, WBTC},
	genesis_config_presets::{get_preset, priced_assets, reference_prices},
	AccountId, Dex, Lending, Oracle, OracleMembership, Prices, Runtime, RuntimeGenesisConfig,
	RuntimeOrigin, System,
};
use defi_primitives::{AmountOrAll, Hop, PriceStatus};
use frame_support::{assert_noop, assert_ok, traits::fungible::NativeOrWithId};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{BuildStorage, FixedU128};

const WBTC_ASSET: NativeOrWithId<u32> = NativeOrWithId::WithId(WBTC);
const USDT_ASSET: NativeOrWithId<u32> = NativeOrWithId::WithId(USDT);

pub(crate) fn dev_ext() -> sp_io::TestExternalities {
	let json = get_preset(&"development".into()).expect("preset");
	let config: RuntimeGenesisConfig = serde_json::from_slice(&json).expect("parses");
	let mut ext = sp_io::TestExternalities::new(config.build_storage().expect("builds"));
	ext.execute_with(|| {
		System::set_block_number(1);
		pallet_timestamp::Now::<Runtime>::put(1_700_000_000_000u64);
	});
	ext
}

pub(crate) fn alice() -> AccountId {
	Sr25519Keyring::Alice.to_account_id()
}
pub(crate) fn bob() -> AccountId {
	Sr25519Keyring::Bob.to_account_id()
}

/// Alice (the dev feeder) reports `prices`, and the next block's evaluation takes them in.
pub(crate) fn feed(prices: Vec<(NativeOrWithId<u32>, FixedU128)>) {
	assert_ok!(Oracle::feed_values(RuntimeOrigin::signed(alice()), prices.try_into().unwrap()));
	next_block();
}

/// Ends the block (the oracle forgets who fed) and starts the next, 6 s later.
pub(crate) fn next_block() {
	use frame_support::traits::Hooks;
	let n = System::block_number();
	<Oracle as Hooks<u32>>::on_finalize(n);
	System::set_block_number(n + 1);
	pallet_timestamp::Now::<Runtime>::mutate(|t| *t += 6_000);
	<Prices as Hooks<u32>>::on_initialize(n + 1);
}

pub(crate) fn check_state() {
	pallet_lending::Pallet::<Runtime>::do_try_state().expect("lending state");
	pallet_prices::Pallet::<Runtime>::do_try_state().expect("prices state");
	pallet_dex::Pallet::<Runtime>::do_try_state().expect("dex state");
}

#[test]
fn the_dev_genesis_has_markets_positions_and_unpriced_assets() {
	dev_ext().execute_with(|| {
		let markets = Lending::market_views();
		assert_eq!(markets.len(), priced_assets().len());
		assert!(markets.iter().all(|m| m.cash > 0 && m.state == 0));
		let charlie = Lending::account_view(&Sr25519Keyring::Charlie.to_account_id());
		let usdt = charlie.positions.iter().find(|p| p.asset == USDT_ASSET).unwrap();
		assert_eq!(usdt.debt, 50_000 * 1_000_000);
		// No feeder has reported yet: no price, no health.
		assert!(Prices::price_views().iter().all(|p| p.status == PriceStatus::Unavailable));
		assert_eq!(charlie.health, None);
		check_state();
	});
}

#[test]
fn feeds_make_prices_and_a_borrow_is_checked_against_them() {
	dev_ext().execute_with(|| {
		feed(reference_prices());
		assert!(Prices::price_views().iter().all(|p| p.status == PriceStatus::Live));
		let charlie = Lending::account_view(&Sr25519Keyring::Charlie.to_account_id());
		// 2 WBTC · 60,000 · 0.78 / 50,000.
		let health = charlie.health.unwrap();
		assert!(
			health > FixedU128::from_rational(186, 100)
				&& health < FixedU128::from_rational(188, 100)
		);

		let bob_origin = RuntimeOrigin::signed(bob());
		assert_ok!(Lending::supply(bob_origin.clone(), WBTC_ASSET, 100_000_000));
		assert_ok!(Lending::enable_collateral(bob_origin.clone(), WBTC_ASSET));
		assert_ok!(Lending::borrow(bob_origin.clone(), USDT_ASSET, 30_000 * 1_000_000));
		let view = Lending::account_view(&bob());
		// 60,000 · 0.78 / 30,000 = 1.56.
		let h = view.health.unwrap();
		assert!(h > FixedU128::from_rational(155, 100) && h < FixedU128::from_rational(157, 100));
		assert_noop!(
			Lending::borrow(bob_origin, USDT_ASSET, 20_000 * 1_000_000),
			pallet_lending::Error::<Runtime>::InsufficientCollateral
		);
		check_state();
	});
}

#[test]
fn a_removed_feeder_leaves_no_price_behind() {
	dev_ext().execute_with(|| {
		feed(reference_prices());
		assert_ok!(OracleMembership::remove_member(RuntimeOrigin::root(), alice().into()));
		assert!(pallet_oracle::RawValues::<Runtime>::get(alice(), WBTC_ASSET).is_none());
		next_block();
		assert!(Prices::price_views().iter().all(|p| p.status == PriceStatus::Unavailable));
		let bob_origin = RuntimeOrigin::signed(bob());
		assert_ok!(Lending::supply(bob_origin.clone(), WBTC_ASSET, 100_000_000));
		assert_ok!(Lending::enable_collateral(bob_origin.clone(), WBTC_ASSET));
		assert_noop!(
			Lending::borrow(bob_origin, USDT_ASSET, 1_000_000),
			pallet_lending::Error::<Runtime>::PriceUnavailable
		);
	});
}

/// A trader pumps WBTC on the DEX within one block (as far as the DEX's per-block price limit
/// lets them) and a feeder follows the pumped spot price. The 30-minute TWAP hardly moves, the
/// feed deviates from it, and the price is disputed: borrowing against the inflated WBTC
/// fails while repaying works. An honest feed stays live through the same manipulation.
#[test]
fn a_one_block_dex_manipulation_disputes_a_feed_that_follows_it() {
	dev_ext().execute_with(|| {
		// Let the genesis pools' history cover the TWAP window.
		for _ in 0..310 {
			next_block();
		}
		feed(reference_prices());
		let bob_origin = RuntimeOrigin::signed(bob());
		assert_ok!(Lending::supply(bob_origin.clone(), WBTC_ASSET, 100_000_000));
		assert_ok!(Lending::enable_collateral(bob_origin.clone(), WBTC_ASSET));
		assert_ok!(Lending::borrow(bob_origin.clone(), USDT_ASSET, 10_000 * 1_000_000));

		// Buy WBTC with 280,000 USDT: the pool price rises by about 19 %.
		let pool = Dex::pools_for_pair(&USDT_ASSET, &WBTC_ASSET)[0];
		let path = vec![Hop { pool_id: pool, asset_in: USDT_ASSET, asset_out: WBTC_ASSET }];
		assert_ok!(Dex::swap_exact_in(
			RuntimeOrigin::signed(Sr25519Keyring::Eve.to_account_id()),
			path.try_into().unwrap(),
			280_000 * 1_000_000,
			1,
			Sr25519Keyring::Eve.to_account_id(),
			u32::MAX,
		));
		let view = Prices::price_view(WBTC_ASSET).unwrap();
		let twap = view.twap.unwrap();
		assert!(twap < FixedU128::from_u32(61_000), "the TWAP barely moved: {twap:?}");

		// An honest feed is unaffected.
		feed(reference_prices());
		assert_eq!(Prices::price_view(WBTC_ASSET).unwrap().status, PriceStatus::Live);

		// A feed that follows the pumped spot price is disputed.
		let pumped: Vec<_> = reference_prices()
			.into_iter()
			.map(|(a, p)| if a == WBTC_ASSET { (a, FixedU128::from_u32(71_000)) } else { (a, p) })
			.collect();
		feed(pumped);
		assert_eq!(Prices::price_view(WBTC_ASSET).unwrap().status, PriceStatus::Disputed);
		assert!(System::events().iter().any(|r| matches!(
			r.event,
			crate::RuntimeEvent::Prices(pallet_prices::Event::PriceDisputed { .. })
		)));
		assert_noop!(
			Lending::borrow(bob_origin.clone(), USDT_ASSET, 20_000 * 1_000_000),
			pallet_lending::Error::<Runtime>::PriceDisputed
		);
		assert_ok!(Lending::repay(bob_origin, USDT_ASSET, AmountOrAll::Exact(1_000_000)));
		check_state();
	});
}
