//! The harness's checks catch what they claim to: each test breaks one invariant by writing
//! storage directly (as a bug would) and expects the check to report it.

use crate::{chain, counting_ext, invariants, with_genesis};
use defi_runtime::{
	genesis_config_presets::dev_accounts, AccountId, Dex, PoolAssets, Runtime, RuntimeCall,
};
use frame_support::traits::fungibles::Inspect;
use sp_runtime::MultiAddress;

fn alice() -> AccountId {
	dev_accounts()[0].clone()
}

fn bob() -> AccountId {
	dev_accounts()[1].clone()
}

#[test]
fn genesis_satisfies_every_invariant() {
	with_genesis(|| {
		let mut snapshots = invariants::PoolSnapshots::new();
		assert_eq!(invariants::check_all(0, &mut snapshots), Ok(()));
		assert_eq!(snapshots.len(), 5, "the five genesis pools are tracked");
	});
}

#[test]
fn dfi_minted_outside_the_issuance_is_caught() {
	with_genesis(|| {
		frame_system::Account::<Runtime>::mutate(bob(), |a| a.data.free += 1);
		let err = invariants::check_all(0, &mut Default::default()).unwrap_err();
		assert!(err.contains("DFI issuance"), "{err}");
	});
}

#[test]
fn an_asset_balance_outside_the_supply_is_caught() {
	with_genesis(|| {
		pallet_assets::Account::<Runtime, pallet_assets::Instance1>::mutate(1, bob(), |a| {
			if let Some(a) = a {
				a.balance += 1;
			}
		});
		let err = invariants::check_all(0, &mut Default::default()).unwrap_err();
		assert!(err.contains("Assets 1: supply"), "{err}");
	});
}

#[test]
fn a_reserve_above_the_pool_balance_is_caught_by_the_dex_try_state() {
	with_genesis(|| {
		pallet_dex::Pools::<Runtime>::mutate(0, |p| {
			if let Some(p) = p {
				// Twice the reserve: far beyond what the pool account holds (its reserve plus
				// the existential deposit it keeps).
				p.reserves[0] *= 2;
			}
		});
		let err = invariants::check_all(0, &mut Default::default()).unwrap_err();
		assert!(err.contains("pallet-dex try_state"), "{err}");
	});
}

#[test]
fn a_fall_in_value_per_lp_share_is_caught() {
	with_genesis(|| {
		let mut snapshots = invariants::PoolSnapshots::new();
		assert_eq!(invariants::check_all(0, &mut snapshots), Ok(()));
		// Mint one LP share out of thin air to Bob: every share is now worth a little less.
		let supply_before = PoolAssets::total_issuance(0);
		pallet_assets::Account::<Runtime, pallet_assets::Instance2>::insert(
			0,
			bob(),
			pallet_assets::AssetAccount {
				balance: 1_000_000,
				status: pallet_assets::AccountStatus::Liquid,
				reason: pallet_assets::ExistenceReason::DepositFrom(bob(), 0),
				extra: (),
			},
		);
		pallet_assets::Asset::<Runtime, pallet_assets::Instance2>::mutate(0, |d| {
			if let Some(d) = d {
				d.supply += 1_000_000;
				d.accounts += 1;
			}
		});
		assert_eq!(PoolAssets::total_issuance(0), supply_before + 1_000_000);
		let err = invariants::check_all(1, &mut snapshots).unwrap_err();
		assert!(err.contains("value per LP share fell"), "{err}");
	});
}

#[test]
fn a_call_is_charged_and_its_storage_work_counted() {
	with_genesis(|| {
		chain::open_block(1, Default::default());
		let call = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: MultiAddress::Id(bob()),
			value: 1_000_000_000_000,
		});
		let (outcome, violation) = chain::apply_call(&chain::Caller::Signed(alice()), call);
		assert!(matches!(outcome, chain::Outcome::Dispatched { ok: true, .. }), "{outcome:?}");
		assert!(violation.is_none(), "{violation:?}");
		// The counting itself: Bob's account is written, Alice's (the caller) is whitelisted.
		counting_ext::start_tracking(Default::default());
		let _ = frame_system::Account::<Runtime>::get(alice());
		frame_system::Account::<Runtime>::mutate(bob(), |_| {});
		let touched = counting_ext::stop_tracking();
		assert_eq!((touched.reads_only(), touched.writes()), (1, 1));
		assert!(chain::db_cost(&touched) > 0);
	});
}

#[test]
fn a_full_block_takes_no_more_calls() {
	with_genesis(|| {
		chain::open_block(1, Default::default());
		let heavy = RuntimeCall::System(frame_system::Call::remark { remark: vec![] });
		// Book almost the whole normal-class limit, as a full block would have.
		let limits = <Runtime as frame_system::Config>::BlockWeights::get();
		let max = limits.get(frame_support::dispatch::DispatchClass::Normal).max_total;
		frame_system::Pallet::<Runtime>::register_extra_weight_unchecked(
			max.unwrap_or(limits.max_block),
			frame_support::dispatch::DispatchClass::Normal,
		);
		let (outcome, _) = chain::apply_call(&chain::Caller::Signed(alice()), heavy);
		assert!(matches!(outcome, chain::Outcome::NoRoom), "{outcome:?}");
		assert_eq!(invariants::block_weight_within_limits(), Ok(()));
	});
}

#[test]
fn the_generator_reaches_successful_swaps_on_plain_bytes() {
	// Any reasonably long input must produce some successful DEX swaps; a generator that only
	// produces failing calls would test nothing.
	let mut report = crate::Report::default();
	for seed in 0u32..40 {
		let data: Vec<u8> = (0..1500u32)
			.map(|i| {
				(i.wrapping_mul(2_654_435_761).wrapping_add(seed.wrapping_mul(97)) >> 13) as u8
			})
			.collect();
		report.merge(&crate::run(&data).expect("no finding on the clean runtime"));
	}
	let ok = |name: &str| report.calls.get(name).map_or(0, |c| c.succeeded);
	assert!(ok("Dex::swap_exact_in") > 0, "{}", report.table());
	assert!(ok("Dex::add_liquidity") > 0, "{}", report.table());
	let _ = Dex::pool_account(0);
}

#[test]
fn the_generator_reaches_successful_vault_peg_and_staking_calls_on_plain_bytes() {
	// As for swaps: plain bytes must open vaults, mint against them, use the peg module, stake
	// and leave a position early (maturity is rarely reached in 24 blocks).
	let mut report = crate::Report::default();
	for seed in 1u64..=40 {
		// xorshift64: bytes without the regular patterns a linear sequence has.
		let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15);
		let data: Vec<u8> = (0..1500)
			.map(|_| {
				x ^= x << 13;
				x ^= x >> 7;
				x ^= x << 17;
				(x >> 32) as u8
			})
			.collect();
		report.merge(&crate::run(&data).expect("no finding on the clean runtime"));
	}
	let ok = |name: &str| report.calls.get(name).map_or(0, |c| c.succeeded);
	let calls = [
		"Stablecoin::deposit_collateral",
		"Stablecoin::mint",
		"Psm::mint",
		"Psm::redeem",
		"TermStaking::stake",
		"TermStaking::exit_early",
		"Farming::deposit",
		"Farming::claim",
		"Farming::resume_farm",
	];
	let missing: Vec<_> = calls.iter().filter(|c| ok(c) == 0).collect();
	let errors: Vec<_> = report
		.errors
		.iter()
		.filter(|(k, _)| missing.iter().any(|c| k.starts_with(**c)))
		.collect();
	assert!(missing.is_empty(), "no successful {missing:?}: {errors:?}\n{}", report.table());
}

#[test]
fn a_charge_below_the_storage_work_or_a_refund_above_the_declaration_is_a_violation() {
	use frame_support::{
		dispatch::{DispatchInfo, PostDispatchInfo},
		weights::Weight,
	};
	let touched = counting_ext::Touched {
		read: [b"a".to_vec(), b"b".to_vec()].into(),
		written: [b"b".to_vec()].into(),
		removed_by_prefix: 0,
	};
	// One read-only key and one written key, at the runtime's database weights.
	let db = <defi_runtime::Runtime as frame_system::Config>::DbWeight::get();
	let cost = db.read + db.write;
	assert_eq!(chain::db_cost(&touched), cost);
	let declared = |ref_time| DispatchInfo {
		call_weight: Weight::from_parts(ref_time, 0),
		..Default::default()
	};
	let post = |actual: Option<u64>| PostDispatchInfo {
		actual_weight: actual.map(|t| Weight::from_parts(t, 0)),
		pays_fee: Default::default(),
	};
	let check = |info: &DispatchInfo, post: &PostDispatchInfo| {
		chain::weight_violation("Dex::x".into(), info, post, &touched)
	};
	assert!(check(&declared(cost), &post(None)).is_none());
	assert!(check(&declared(cost - 1), &post(None)).is_some(), "declared below the work");
	assert!(check(&declared(2 * cost), &post(Some(cost - 1))).is_some(), "refunded below");
	assert!(check(&declared(200_000_000), &post(Some(300_000_000))).is_some(), "above declared");
	assert!(check(&declared(200_000_000), &post(Some(150_000_000))).is_none());
}
