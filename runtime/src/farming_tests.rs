//! Farming in the real runtime: the dev genesis farms and the positions they count from
//! genesis; an LP deposit held in `PoolAssets` and claimed for exactly the pending figure; a
//! lending supply and a DEX trade earning through the hooks; wash trading through the real
//! DFI/USDT pool losing more in fees than it earns; hook weights charged by their callers.

use crate::{
	assets::USDT,
	farming::{
		farming_account,
		genesis::{farms, FARM_POT, FARM_RATE},
		FarmDeposit,
	},
	money_market_tests::{bob, dev_ext, next_block},
	AccountId, Balance, Balances, Dex, Farming, Lending, PoolAssets, Runtime, RuntimeCall,
	RuntimeHoldReason, RuntimeOrigin, HOURS, UNIT,
};
use defi_primitives::FarmStatus;
use frame_support::{
	assert_ok,
	dispatch::GetDispatchInfo,
	traits::{
		fungible::{Inspect as _, NativeOrWithId},
		fungibles::InspectHold,
	},
};
use pallet_dex::Hop;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{FixedPointNumber, FixedU128};

const USDT_ASSET: NativeOrWithId<u32> = NativeOrWithId::WithId(USDT);
/// Genesis farm ids (see `farming::genesis::farms`).
const LP0_FARM: u32 = 0;
const USDT_SUPPLY_FARM: u32 = 5;
const STAKING_FARM: u32 = 8;
const TRADING_FARM: u32 = 9;

fn ferdie() -> AccountId {
	Sr25519Keyring::Ferdie.to_account_id()
}

fn check_state() {
	pallet_farming::Pallet::<Runtime>::do_try_state().expect("farming state");
}

fn pending(farm: u32, who: &AccountId) -> (Balance, Balance) {
	Farming::farmer_view(farm, who).map_or((0, 0), |v| (v.pending[0].1, v.pending[0].2))
}

fn blocks(n: u32) {
	for _ in 0..n {
		next_block();
	}
}

#[test]
fn the_dev_genesis_has_funded_farms_counting_genesis_positions() {
	dev_ext().execute_with(|| {
		let views = Farming::farm_views();
		assert_eq!(views.len(), farms().len());
		for view in &views {
			assert_eq!(view.streams[0].asset, NativeOrWithId::Native);
			// Farms with genesis shares have accrued since block 0: pot and claimable are
			// still the funding.
			assert_eq!(view.streams[0].pot + view.streams[0].claimable, FARM_POT);
			assert_eq!(view.status, FarmStatus::Active);
		}
		// Nobody holds LP tokens in a farm or traded: those pots are whole.
		for id in [0, 1, 2, 3, 4, TRADING_FARM] {
			assert_eq!(views[id as usize].streams[0].pot, FARM_POT);
		}
		assert_eq!(Balances::balance(&farming_account()), FARM_POT * farms().len() as Balance);
		// Farming's genesis ran before lending's and staking's: their positions count.
		assert!(Farming::farmer_view(USDT_SUPPLY_FARM, &ferdie()).is_some_and(|f| f.shares > 0));
		let charlie = Sr25519Keyring::Charlie.to_account_id();
		assert_eq!(Farming::farmer_view(STAKING_FARM, &charlie).unwrap().shares, 10_000 * UNIT);
		check_state();
	});
}

#[test]
fn an_lp_deposit_is_held_in_place_and_a_claim_pays_the_pending_figure() {
	dev_ext().execute_with(|| {
		crate::money_market_tests::feed(crate::genesis_config_presets::reference_prices());
		let lp = PoolAssets::balance(0, &ferdie());
		let amount = lp / 4;
		assert_ok!(Farming::deposit(RuntimeOrigin::signed(ferdie()), LP0_FARM, amount));
		assert_eq!(PoolAssets::balance(0, &ferdie()), lp - amount);
		let hold = RuntimeHoldReason::Farming(pallet_farming::HoldReason::Farming);
		assert_eq!(
			<crate::farming::DepositHolds as InspectHold<AccountId>>::balance_on_hold(
				FarmDeposit::Lp(0),
				&hold,
				&ferdie()
			),
			amount
		);
		blocks(10);
		// The only farmer: 10 blocks of the rate, less below a unit of rounding.
		let (accrued, payable) = pending(LP0_FARM, &ferdie());
		assert_eq!(accrued, payable);
		assert!(accrued <= 10 * FARM_RATE && accrued + 1 >= 10 * FARM_RATE, "{accrued}");
		let view = Farming::farm_views().remove(LP0_FARM as usize);
		assert!(view.total_value.is_some_and(|v| v > FixedU128::from_u32(0)));
		assert!(view.streams[0].apr.is_some_and(|a| a > FixedU128::from_u32(0)));
		let before = Balances::balance(&ferdie());
		assert_ok!(Farming::claim(RuntimeOrigin::signed(ferdie()), LP0_FARM));
		assert_eq!(Balances::balance(&ferdie()), before + accrued);
		assert_ok!(Farming::withdraw(RuntimeOrigin::signed(ferdie()), LP0_FARM, amount));
		assert_eq!(PoolAssets::balance(0, &ferdie()), lp);
		check_state();
	});
}

#[test]
fn a_lending_supply_earns_its_share_of_the_supply_farm() {
	dev_ext().execute_with(|| {
		let farm = pallet_farming::Farms::<Runtime>::get(USDT_SUPPLY_FARM).unwrap();
		let total = farm.total_shares;
		assert_ok!(Lending::supply(RuntimeOrigin::signed(bob()), USDT_ASSET, 100_000 * 1_000_000));
		let shares = Farming::farmer_view(USDT_SUPPLY_FARM, &bob()).unwrap().shares;
		assert!(shares > 0);
		blocks(10);
		let (accrued, _) = pending(USDT_SUPPLY_FARM, &bob());
		let expected =
			FixedU128::from_rational(shares, total + shares).saturating_mul_int(10 * FARM_RATE);
		assert!(accrued <= expected + 1 && accrued + 2 >= expected, "{accrued} vs {expected}");
		check_state();
	});
}

fn swap(
	who: &AccountId,
	asset_in: NativeOrWithId<u32>,
	asset_out: NativeOrWithId<u32>,
	amount: Balance,
) {
	let path = vec![Hop { pool_id: 0, asset_in, asset_out }];
	assert_ok!(Dex::swap_exact_in(
		RuntimeOrigin::signed(who.clone()),
		path.try_into().unwrap(),
		amount,
		1,
		who.clone(),
		u32::MAX,
	));
}

fn usdt(who: &AccountId) -> Balance {
	crate::Assets::balance(USDT, who)
}

/// The value of pool 0's reserves in USDT units, a DFI at the dev price of $2 (DFI has 12
/// decimals and USDT 6: a DFI unit is worth 2 / 10^6 USDT units).
fn pool0_value() -> i128 {
	let pool = pallet_dex::Pools::<Runtime>::get(0).expect("pool 0");
	pool.assets
		.iter()
		.zip(pool.reserves.iter())
		.map(|(asset, reserve)| match asset {
			NativeOrWithId::Native => (*reserve * 2 / 1_000_000) as i128,
			_ => *reserve as i128,
		})
		.sum()
}

/// Bob alone wash-trades 1,000 USDT through DFI and back in one epoch of the trading farm: he
/// earns the most the cap allows (0.0001 DFI per USDT of volume, ≈ 2,000 USDT of volume, so
/// ≈ 0.2 DFI or $0.40) and pays 0.3 % a leg plus slippage (≈ $6): at the dev price of $2 a DFI
/// he is worse off. Even if he owned every LP token of the pool, so that all the fees and
/// slippage left in the reserves came back to him, he would keep losing the protocol's 10 % of
/// the fees (≈ $0.60) against the $0.40 earned.
#[test]
fn wash_trading_costs_more_in_fees_than_it_earns_at_genesis_parameters() {
	dev_ext().execute_with(|| {
		let who = bob();
		let (usdt0, dfi0, pool0) = (usdt(&who), Balances::balance(&who), pool0_value());
		let v = 1_000 * 1_000_000;
		swap(&who, USDT_ASSET, NativeOrWithId::Native, v);
		let dfi_bought = Balances::balance(&who) - dfi0;
		swap(&who, NativeOrWithId::Native, USDT_ASSET, dfi_bought);
		let usdt_lost = usdt0 - usdt(&who);
		let volume = v + (usdt(&who) - (usdt0 - v));
		assert_eq!(Farming::farm_view(TRADING_FARM).unwrap().epoch_volume, volume);
		// What stayed in the reserves: at most this much would come back to an owner of every
		// LP token. The protocol's share of the fees sits outside the reserves.
		let left_in_pool = pool0_value() - pool0;
		let lost_for_good = usdt_lost as i128 - left_in_pool;
		blocks(HOURS);
		let (earned, _) = pending(TRADING_FARM, &who);
		let cap = crate::farming::genesis::trading_cap();
		assert_eq!(earned, cap.saturating_mul_int(volume).min(HOURS as Balance * UNIT / 20));
		let earned_in_usdt = earned * 2 / 1_000_000;
		assert!(
			earned_in_usdt < usdt_lost,
			"earned {earned_in_usdt} USDT units, lost {usdt_lost} (fees and slippage)"
		);
		// The fees alone (0.3 % of each leg) exceed the reward.
		assert!(v * 6 / 1_000 - v / 1_000 > earned_in_usdt);
		// The protocol's 10 % of the fees (0.03 % of each leg, ≈ 0.06 % of V) is what a trader
		// owning the whole pool loses for good; it still exceeds the reward (≈ 0.04 % of V).
		assert!(
			lost_for_good > 0 && (earned_in_usdt as i128) < lost_for_good,
			"earned {earned_in_usdt} USDT units, {lost_for_good} lost even to the pool's owner"
		);
		// It is the protocol's share indeed: between 0.05 % and 0.07 % of V.
		let per_10k = lost_for_good * 10_000 / v as i128;
		assert!((5..7).contains(&per_10k), "{lost_for_good} lost for good of {v}");
		assert_ok!(Farming::claim(RuntimeOrigin::signed(who.clone()), TRADING_FARM));
		check_state();
	});
}

#[test]
fn hooks_are_charged_by_the_calls_that_run_them() {
	use pallet_farming::WeightInfo;
	type W = pallet_farming::weights::SubstrateWeight<Runtime>;
	let per_program =
		<<Runtime as pallet_farming::Config>::MaxFarmsPerProgram as frame_support::traits::Get<
			u32,
		>>::get();
	let hook = W::report_shares(per_program);
	let supply =
		RuntimeCall::Lending(pallet_lending::Call::supply { asset: USDT_ASSET, amount: 1 });
	assert!(supply.get_dispatch_info().call_weight.all_gte(
		<pallet_lending::weights::SubstrateWeight<Runtime> as pallet_lending::WeightInfo>::supply()
			+ hook
	));
	let stake =
		RuntimeCall::TermStaking(pallet_term_staking::Call::stake { product: 0, amount: 1 });
	assert_eq!(
		stake.get_dispatch_info().call_weight,
		<pallet_term_staking::weights::SubstrateWeight<Runtime> as pallet_term_staking::WeightInfo>::stake() + hook
	);
	let one_hop = Dex::declared_swap_weight(1, false);
	let trade = W::report_volume(per_program).saturating_mul(2);
	assert!(one_hop.all_gte(trade));
	let claim = RuntimeCall::Farming(pallet_farming::Call::claim { farm: 0 });
	assert_eq!(
		claim.get_dispatch_info().call_weight,
		W::claim(pallet_farming::CLAIM_WEIGHT_FARMERS)
	);
}

/// A swap through a pool no trading farm measures is refunded what the hook did not use: the
/// hook read the (empty) farm lists of both sides and nothing else.
#[test]
fn a_swap_is_refunded_the_trade_hook_weight_it_did_not_use() {
	use pallet_farming::WeightInfo;
	type W = pallet_farming::weights::SubstrateWeight<Runtime>;
	dev_ext().execute_with(|| {
		let who = bob();
		let path = vec![Hop {
			pool_id: 1,
			asset_in: USDT_ASSET,
			asset_out: NativeOrWithId::WithId(crate::assets::WBTC),
		}];
		let post = Dex::swap_exact_in(
			RuntimeOrigin::signed(who.clone()),
			path.try_into().unwrap(),
			1_000 * 1_000_000,
			1,
			who,
			u32::MAX,
		)
		.unwrap();
		let actual = post.actual_weight.unwrap();
		let declared = Dex::declared_swap_weight(1, false);
		let worst_hook = <crate::Farming as defi_primitives::OnTrade<
			AccountId,
			NativeOrWithId<u32>,
		>>::on_trade_weight();
		let unused = worst_hook - W::report_volume(0).saturating_mul(2);
		assert!(actual.all_lte(declared - unused), "actual {actual:?}, declared {declared:?}");
	});
}
