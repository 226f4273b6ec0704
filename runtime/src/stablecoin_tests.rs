//! dUSD in the real runtime: the dev genesis (peg module seeded through its calls, vaults, the
//! dUSD stable pool and money market), a peg-module round trip, a DFI vault liquidated through
//! the router, and an emergency shutdown that stops the peg module's minting.

use crate::{
	assets::{DUSD, USDC, USDT, WETH},
	configs::{NativeAndAssets, TreasuryAccount},
	genesis_config_presets::{reference_prices, DEBT_CEILING_DUSD, DUSD_UNIT},
	money_market_tests::{alice, bob, check_state, dev_ext, feed},
	stablecoin::{stablecoin_account, PSM_MINTING_FEE, PSM_REDEMPTION_FEE},
	AccountId, Balance, Psm, Runtime, RuntimeEvent, RuntimeOrigin, Stablecoin, System, UNIT,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{InspectHold, NativeOrWithId},
		fungibles::{roles::Inspect as _, Inspect},
	},
};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{FixedU128, Permill};

const DFI: NativeOrWithId<u32> = NativeOrWithId::Native;
const DUSD_ASSET: NativeOrWithId<u32> = NativeOrWithId::WithId(DUSD);

fn ferdie() -> AccountId {
	Sr25519Keyring::Ferdie.to_account_id()
}

fn balance(asset: NativeOrWithId<u32>, who: &AccountId) -> Balance {
	<NativeAndAssets as Inspect<AccountId>>::total_balance(asset, who)
}

fn issuance() -> Balance {
	<NativeAndAssets as Inspect<AccountId>>::total_issuance(DUSD_ASSET)
}

fn psm_debt() -> Balance {
	pallet_psm::PsmDebt::<Runtime>::iter_prefix_values(DUSD).sum()
}

fn check_books() {
	Stablecoin::do_try_state().expect("stablecoin books");
	check_state();
}

fn with_dfi_at(price: FixedU128) -> Vec<(NativeOrWithId<u32>, FixedU128)> {
	reference_prices()
		.into_iter()
		.map(|(a, p)| if a == DFI { (a, price) } else { (a, p) })
		.collect()
}

#[test]
fn the_dev_genesis_seeds_the_peg_module_vaults_and_dusd_markets() {
	dev_ext().execute_with(|| {
		// The pallet owns dUSD: no signed origin can mint it through `Assets`.
		assert_eq!(crate::Assets::owner(DUSD), Some(stablecoin_account()));
		// 1,000,000 USDC in the peg module minted 1,000,000 dUSD, 0.1 % of it to the treasury.
		assert_eq!(psm_debt(), 1_000_000 * DUSD_UNIT);
		assert_eq!(balance(DUSD_ASSET, &TreasuryAccount::get()), 1_000 * DUSD_UNIT);
		let reserve = pallet_psm::Pallet::<Runtime>::psm_account(&DUSD);
		assert_eq!(balance(NativeOrWithId::WithId(USDC), &reserve), 1_000_000 * 1_000_000);
		// Ferdie's 999,000 less what the stable pool and the money market took.
		let pool = crate::Dex::pools_for_pair(&NativeOrWithId::WithId(USDT), &DUSD_ASSET)[0];
		let in_pool = balance(DUSD_ASSET, &crate::Dex::pool_account(pool));
		let in_market = balance(DUSD_ASSET, &crate::Lending::account_id());
		println!("pool {in_pool} market {in_market}");
		assert_eq!(in_market, 500_000 * DUSD_UNIT);
		assert_eq!(balance(DUSD_ASSET, &ferdie()), 999_000 * DUSD_UNIT - in_pool - in_market);

		let totals = Stablecoin::totals();
		assert_eq!(totals.vault_debt, 70_000 * DUSD_UNIT);
		assert_eq!(totals.issuance, issuance());
		assert_eq!(totals.issuance, totals.vault_debt + totals.psm_debt);
		assert_eq!(totals.debt_ceiling, DEBT_CEILING_DUSD * DUSD_UNIT);
		// One ceiling over both minters: the peg module may mint what the vaults leave.
		let max_psm = pallet_psm::Psm::<Runtime>::get(DUSD).unwrap().max_debt;
		assert_eq!(max_psm, (DEBT_CEILING_DUSD - 70_000) * DUSD_UNIT);

		// Eve's 100,000 DFI are held in her own account.
		let eve = Sr25519Keyring::Eve.to_account_id();
		let vault = Stablecoin::vault_view(&eve, &DFI).unwrap();
		assert_eq!((vault.collateral, vault.debt), (100_000 * UNIT, 50_000 * DUSD_UNIT));
		assert_eq!(
			<crate::Balances as InspectHold<AccountId>>::total_balance_on_hold(&eve),
			100_000 * UNIT
		);
		let types = Stablecoin::collateral_type_views();
		assert_eq!(types.len(), 3);
		assert_eq!(types.iter().map(|t| t.vaults).sum::<u32>(), 2);
		// 4 % a year for DFI, from the per-second fee.
		let dfi = types.iter().find(|t| t.asset == DFI).unwrap();
		let yearly = dfi.stability_fee_yearly;
		assert!(
			yearly <= FixedU128::from_rational(4, 100)
				&& yearly > FixedU128::from_rational(399_999, 10_000_000),
			"{yearly:?}"
		);
		// No feed yet: no vault value.
		assert_eq!(vault.ratio, None);
		check_books();
	});
}

#[test]
fn a_peg_module_round_trip_loses_exactly_the_two_fees() {
	dev_ext().execute_with(|| {
		let usdt = NativeOrWithId::WithId(USDT);
		let (usdt_before, debt_before) = (balance(usdt.clone(), &bob()), psm_debt());
		let deposit: Balance = 1_000 * 1_000_000;
		assert_ok!(Psm::mint(RuntimeOrigin::signed(bob()), DUSD, USDT, deposit, PSM_MINTING_FEE));
		let minted = balance(DUSD_ASSET, &bob());
		assert_eq!(minted, deposit - PSM_MINTING_FEE.mul_ceil(deposit));
		// A caller's fee bound below the fee is refused.
		assert_noop!(
			Psm::redeem(RuntimeOrigin::signed(bob()), DUSD, USDT, minted, Permill::zero()),
			pallet_psm::Error::<Runtime>::FeeTooHigh
		);
		assert_ok!(Psm::redeem(
			RuntimeOrigin::signed(bob()),
			DUSD,
			USDT,
			minted,
			PSM_REDEMPTION_FEE
		));
		let lost = usdt_before - balance(usdt, &bob());
		assert_eq!(lost, PSM_MINTING_FEE.mul_ceil(deposit) + PSM_REDEMPTION_FEE.mul_ceil(minted));
		assert_eq!(balance(DUSD_ASSET, &bob()), 0);
		// Only the dUSD burned leaves the peg module's debt: both fees stay minted, with the
		// treasury, backed by the USDT Bob lost.
		let fees = PSM_MINTING_FEE.mul_ceil(deposit) + PSM_REDEMPTION_FEE.mul_ceil(minted);
		assert_eq!(psm_debt(), debt_before + fees);
		check_books();
	});
}

#[test]
fn a_dfi_vault_below_the_ratio_is_liquidated_through_the_router() {
	dev_ext().execute_with(|| {
		feed(reference_prices());
		let bob_origin = RuntimeOrigin::signed(bob());
		assert_ok!(Stablecoin::deposit_collateral(bob_origin.clone(), DFI, 10_000 * UNIT));
		// 20,000 USD of DFI: 11,000 dUSD leaves the vault at 1.82, above the 1.7 minimum.
		assert_noop!(
			Stablecoin::mint(bob_origin.clone(), DFI, 12_000 * DUSD_UNIT),
			pallet_stablecoin::Error::<Runtime>::BelowMinimumRatio
		);
		assert_ok!(Stablecoin::mint(bob_origin.clone(), DFI, 11_000 * DUSD_UNIT));
		let view = Stablecoin::vault_view(&bob(), &DFI).unwrap();
		let ratio = view.ratio.unwrap().into_inner();
		let expected = FixedU128::from_rational(20_000, 11_000).into_inner();
		assert!(ratio.abs_diff(expected) <= 1, "{ratio} vs {expected}");
		// 11,000 · 1.5 / 10,000 DFI.
		assert_eq!(view.liquidation_price, Some(FixedU128::from_rational(165, 100)));
		assert_noop!(
			Stablecoin::liquidate(RuntimeOrigin::signed(ferdie()), bob(), DFI),
			pallet_stablecoin::Error::<Runtime>::VaultSafe
		);

		// DFI falls to 1.6 USD: 16,000 / 11,000 = 1.45 < 1.5.
		feed(with_dfi_at(FixedU128::from_rational(16, 10)));
		assert!(Stablecoin::vault_view(&bob(), &DFI).unwrap().liquidatable);
		let (dfi_before, issuance_before) = (balance(DFI, &bob()), issuance());
		let dusd_before = balance(DUSD_ASSET, &bob());
		System::reset_events();
		assert_ok!(Stablecoin::liquidate(RuntimeOrigin::signed(ferdie()), bob(), DFI));

		let events: Vec<_> = System::events().into_iter().map(|r| r.event).collect();
		let swapped = events.iter().find_map(|e| match e {
			RuntimeEvent::Router(pallet_router::Event::CreditSwapped {
				asset_in,
				asset_out,
				amount_in,
				amount_out,
				..
			}) => Some((asset_in.clone(), asset_out.clone(), *amount_in, *amount_out)),
			_ => None,
		});
		let fees: Balance = events
			.iter()
			.filter_map(|e| match e {
				RuntimeEvent::Stablecoin(pallet_stablecoin::Event::FeesBooked { fees, .. }) => {
					Some(*fees)
				},
				_ => None,
			})
			.sum();
		let (sold, proceeds, debt, penalty, refund, shortfall) = events
			.iter()
			.find_map(|e| match e {
				RuntimeEvent::Stablecoin(pallet_stablecoin::Event::Liquidated {
					collateral_sold,
					proceeds,
					debt,
					penalty,
					refund,
					shortfall,
					..
				}) => Some((*collateral_sold, *proceeds, *debt, *penalty, *refund, *shortfall)),
				_ => None,
			})
			.expect("a Liquidated event");
		let (asset_in, asset_out, amount_in, amount_out) = swapped.expect("a router swap");
		assert_eq!((asset_in, asset_out), (DFI, DUSD_ASSET));
		assert_eq!((amount_in, amount_out), (sold, proceeds));
		assert_eq!(shortfall, 0);
		// The 11,000 dUSD minted and the fees of the block between (booked, then burned).
		assert!(fees > 0 && fees < DUSD_UNIT, "{fees}");
		assert_eq!(debt, 11_000 * DUSD_UNIT + fees);
		assert_eq!(penalty, Permill::from_percent(10).mul_ceil(debt));
		assert_eq!(proceeds, debt + penalty + refund);
		// The router sells above the oracle bound: spending at most the debt and penalty's
		// value at 1.6 USD per DFI plus the 5 % slippage.
		assert!(sold <= (debt + penalty) * 105 / 100 * UNIT / 1_600_000, "{sold}");
		// Bob keeps the rest of his DFI and gets any surplus proceeds; the debt is burned.
		assert_eq!(balance(DFI, &bob()), dfi_before - sold);
		assert_eq!(balance(DUSD_ASSET, &bob()), dusd_before + refund);
		assert_eq!(issuance(), issuance_before + fees - debt);
		assert!(Stablecoin::vault_view(&bob(), &DFI).map_or(true, |v| v.debt == 0));
		check_books();
	});
}

#[test]
fn an_emergency_shutdown_stops_peg_minting_and_redeems_pro_rata() {
	dev_ext().execute_with(|| {
		feed(reference_prices());
		assert_noop!(
			Stablecoin::shutdown(RuntimeOrigin::signed(alice())),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_ok!(Stablecoin::shutdown(RuntimeOrigin::root()));
		// The peg module stopped minting and still redeems 1:1 (less its fee).
		assert_noop!(
			Psm::mint(RuntimeOrigin::signed(bob()), DUSD, USDT, 1_000 * 1_000_000, Permill::one()),
			pallet_psm::Error::<Runtime>::MintingStopped
		);
		assert_ok!(Psm::redeem(
			RuntimeOrigin::signed(ferdie()),
			DUSD,
			USDC,
			1_000 * DUSD_UNIT,
			Permill::one()
		));
		assert_noop!(
			Stablecoin::redeem(RuntimeOrigin::signed(ferdie()), DUSD_UNIT),
			pallet_stablecoin::Error::<Runtime>::RedemptionNotReady
		);
		let eve = Sr25519Keyring::Eve.to_account_id();
		let dave = Sr25519Keyring::Dave.to_account_id();
		assert_ok!(Stablecoin::settle(RuntimeOrigin::signed(bob()), eve, DFI));
		assert_ok!(Stablecoin::settle(
			RuntimeOrigin::signed(bob()),
			dave,
			NativeOrWithId::WithId(WETH)
		));
		let shutdown = Stablecoin::totals().shutdown.expect("shut down");
		assert_eq!(shutdown.unsettled_vaults, 0);

		let amount = 1_000 * DUSD_UNIT;
		let quote = Stablecoin::redemption_quote(amount);
		// DFI and WETH settled from Eve's and Dave's vaults; no WBTC vault existed.
		let paid =
			|asset: NativeOrWithId<u32>| quote.iter().find(|(a, _)| *a == asset).map(|q| q.1);
		assert!(paid(DFI) > Some(0) && paid(NativeOrWithId::WithId(WETH)) > Some(0), "{quote:?}");
		assert_eq!(paid(NativeOrWithId::WithId(crate::assets::WBTC)), Some(0));
		let before: Vec<_> = quote.iter().map(|(a, _)| balance(a.clone(), &ferdie())).collect();
		assert_ok!(Stablecoin::redeem(RuntimeOrigin::signed(ferdie()), amount));
		for ((asset, paid), before) in quote.iter().zip(before) {
			assert_eq!(balance(asset.clone(), &ferdie()), before + paid, "{asset:?}");
		}
		check_books();
	});
}

/// The benchmarks' setup on the bare genesis they run on: the helper's market must let the
/// router sell collateral for dUSD (else the `liquidate` benchmark measures a deferral).
#[cfg(feature = "runtime-benchmarks")]
#[test]
fn the_benchmark_market_sells_collateral_for_dusd() {
	use crate::stablecoin::benchmark_helpers::StablecoinHelper;
	use pallet_asset_conversion::QuotePrice;
	use pallet_stablecoin::BenchmarkHelper;
	let storage = <crate::RuntimeGenesisConfig as sp_runtime::BuildStorage>::build_storage(
		&Default::default(),
	)
	.unwrap();
	sp_io::TestExternalities::new(storage).execute_with(|| {
		System::set_block_number(1);
		let who = bob();
		let asset = StablecoinHelper::collateral(0, &who);
		StablecoinHelper::set_price(&asset, FixedU128::from_u32(2));
		StablecoinHelper::set_market(&asset, Some(FixedU128::from_u32(2)));
		let pools = crate::Dex::pools_for_pair(&asset, &DUSD_ASSET);
		assert_eq!(pools.len(), 1, "no DEX pool of the collateral against dUSD");
		let quote = crate::Router::quote_price_tokens_for_exact_tokens(
			asset.clone(),
			DUSD_ASSET,
			1_000 * DUSD_UNIT,
			true,
		);
		assert!(quote.is_some_and(|q| q < 600 * UNIT), "{quote:?}");

		// Several types with indebted vaults, all priced: a shutdown freezes them all.
		let params = crate::genesis_config_presets::collateral_types()[0].1;
		assert_ok!(Stablecoin::set_debt_ceiling(RuntimeOrigin::root(), u128::MAX / 4));
		StablecoinHelper::advance_time(1_700_000_000_000);
		for seed in 0..8 {
			let asset = StablecoinHelper::collateral(seed, &who);
			assert_ok!(Stablecoin::set_collateral_type(
				RuntimeOrigin::root(),
				asset.clone(),
				params
			));
			StablecoinHelper::set_price(&asset, FixedU128::from_u32(2));
			let origin = RuntimeOrigin::signed(who.clone());
			assert_ok!(Stablecoin::deposit_collateral(origin.clone(), asset.clone(), 1_000 * UNIT));
			assert_ok!(Stablecoin::mint(origin, asset, 200 * DUSD_UNIT));
		}
		for v in Stablecoin::collateral_type_views() {
			println!(
				"DIAG {:?} {:?} {:?}",
				v.asset,
				v.price,
				crate::Prices::price_view(v.asset.clone())
			);
		}
		assert_ok!(Stablecoin::shutdown(RuntimeOrigin::root()));
	});
}
