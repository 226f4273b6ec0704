//! Unit tests: calls and their errors (`basics`), liquidation and bad debt (`liquidation`),
//! replays of known attacks (`exploits`), random operation sequences (`invariants`).

mod basics;
mod exploits;
mod invariants;
mod liquidation;

use crate::mock::Balance;
use crate::{mock::*, *};
use frame_support::traits::fungibles::{Inspect, InspectHold};

pub(crate) fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

pub(crate) fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}

pub(crate) fn lending_events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Lending(e) = r.event { Some(e) } else { None })
		.collect()
}

pub(crate) fn balance(asset: Asset, who: AccountId) -> Balance {
	<NativeAndAssets as Inspect<AccountId>>::balance(asset, &who)
}

pub(crate) fn shares(share_asset: u32, who: AccountId) -> Balance {
	<Assets as Inspect<AccountId>>::total_balance(share_asset, &who)
}

pub(crate) fn held(share_asset: u32, who: AccountId) -> Balance {
	<AssetsHolder as InspectHold<AccountId>>::balance_on_hold(
		share_asset,
		&RuntimeHoldReason::Lending(HoldReason::Collateral),
		&who,
	)
}

pub(crate) fn market(asset: Asset) -> Market {
	Markets::<Test>::get(asset).expect("market")
}

pub(crate) fn debt(asset: Asset, who: AccountId) -> Balance {
	Lending::current_market(&asset)
		.map(|m| Lending::debt_in(&asset, &m, &who))
		.unwrap_or_default()
}

pub(crate) fn health(who: AccountId) -> Option<FixedU128> {
	Lending::account_view(&who).health
}

/// `who` supplies `amount` of `asset` and enables it as collateral.
pub(crate) fn supply_collateral(who: AccountId, asset: Asset, amount: Balance) {
	frame_support::assert_ok!(Lending::supply(RuntimeOrigin::signed(who), asset.clone(), amount));
	if !Lending::is_collateral(&who, &asset) {
		frame_support::assert_ok!(Lending::enable_collateral(
			RuntimeOrigin::signed(who),
			asset.clone()
		));
	}
}

/// BOB supplies 1,000,000 USDT of liquidity; ALICE supplies `collateral` WBTC as collateral
/// and borrows `borrowed` USDT.
pub(crate) fn alice_borrows_usdt(collateral: Balance, borrowed: Balance) {
	frame_support::assert_ok!(Lending::supply(RuntimeOrigin::signed(BOB), USDT, usdt(1_000_000)));
	supply_collateral(ALICE, WBTC, collateral);
	frame_support::assert_ok!(Lending::borrow(RuntimeOrigin::signed(ALICE), USDT, borrowed));
}
