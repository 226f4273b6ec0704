//! Runtime-level tests: genesis presets, funding, metadata.

use crate::{
	assets::GENESIS_ASSETS,
	genesis_config_presets::{
		dev_accounts, genesis_pools, get_preset, preset_names, DEV_ACCOUNT_NATIVE,
	},
	AccountId, Assets, Balances, Dex, Runtime, RuntimeGenesisConfig,
};
use frame_support::traits::{fungible::Inspect as _, fungibles::Inspect as _};
use sp_keyring::Sr25519Keyring;
use sp_runtime::BuildStorage;

/// Builds the storage of a named preset exactly as the node does: from the preset's JSON.
fn preset_ext(name: &str) -> sp_io::TestExternalities {
	let json = get_preset(&name.into()).unwrap_or_else(|| panic!("preset {name} exists"));
	let config: RuntimeGenesisConfig =
		serde_json::from_slice(&json).unwrap_or_else(|e| panic!("preset {name} parses: {e}"));
	sp_io::TestExternalities::new(config.build_storage().expect("genesis storage builds"))
}

#[test]
fn presets_are_development_and_local_testnet() {
	let names = preset_names();
	assert_eq!(names, vec!["development".to_string(), "local_testnet".to_string()]);
	assert!(get_preset(&"no-such-preset".into()).is_none());
}

#[test]
fn every_preset_builds_and_funds_every_dev_account_in_every_asset() {
	for name in preset_names() {
		preset_ext(&name).execute_with(|| {
			let accounts: Vec<AccountId> = dev_accounts();
			assert_eq!(accounts.len(), 6);
			let market_maker = Sr25519Keyring::Ferdie.to_account_id();
			// The market maker provides liquidity; Charlie and Dave borrowed at genesis, Dave and
			// Eve hold collateral in vaults.
			let untouched = |a: &&AccountId| {
				![
					market_maker.clone(),
					Sr25519Keyring::Eve.to_account_id(),
					Sr25519Keyring::Charlie.to_account_id(),
					Sr25519Keyring::Dave.to_account_id(),
				]
				.contains(*a)
			};
			for who in accounts.iter().filter(untouched) {
				assert_eq!(Balances::balance(who), DEV_ACCOUNT_NATIVE, "{name}: native of {who}");
				for asset in GENESIS_ASSETS.iter() {
					let expected = asset.whole_tokens_per_account * asset.unit();
					assert_eq!(
						Assets::balance(asset.id, who),
						expected,
						"{name}: {} of {who}",
						asset.symbol
					);
				}
			}
			for asset in GENESIS_ASSETS.iter() {
				let metadata =
					pallet_assets::Metadata::<Runtime, pallet_assets::Instance1>::get(asset.id);
				assert_eq!(metadata.symbol.to_vec(), asset.symbol.as_bytes().to_vec());
				assert_eq!(metadata.decimals, asset.decimals);
				let issued = Assets::total_issuance(asset.id);
				assert_eq!(
					issued,
					asset.whole_tokens_per_account * asset.unit() * accounts.len() as u128
				);
			}
			// The market maker funded the genesis pools, lending, staking and farming pots, and
			// still holds the rest (about 45 %).
			assert!(Balances::balance(&market_maker) > DEV_ACCOUNT_NATIVE * 2 / 5);
		});
	}
}

#[test]
fn every_preset_seeds_the_genesis_pools_at_their_prices() {
	let expected = genesis_pools(Sr25519Keyring::Ferdie.to_account_id());
	for name in preset_names() {
		preset_ext(&name).execute_with(|| {
			let views = Dex::pool_views();
			assert_eq!(views.len(), expected.len(), "{name}: pool count");
			for genesis in &expected {
				let view = views
					.iter()
					.find(|v| {
						let mut assets = genesis.assets.clone();
						assets.sort();
						v.assets == assets
					})
					.unwrap_or_else(|| panic!("{name}: pool {:?} missing", genesis.assets));
				let mut pairs: Vec<_> = genesis.assets.iter().zip(&genesis.amounts).collect();
				pairs.sort();
				let reserves: Vec<u128> = pairs.iter().map(|(_, a)| **a).collect();
				assert_eq!(view.reserves, reserves, "{name}: reserves of {:?}", genesis.assets);
				assert_eq!(view.stable, genesis.stable.is_some());
				assert!(view.lp_supply > 1_000);
			}
			pallet_dex::Pallet::<Runtime>::do_try_state().expect("dex state is consistent");
		});
	}
}

#[test]
fn presets_differ_only_in_validator_set() {
	let dev_validators =
		preset_ext("development").execute_with(|| pallet_aura::Authorities::<Runtime>::get().len());
	let local_validators = preset_ext("local_testnet")
		.execute_with(|| pallet_aura::Authorities::<Runtime>::get().len());
	assert_eq!(dev_validators, 1);
	assert_eq!(local_validators, 4);
	let grandpa = preset_ext("local_testnet")
		.execute_with(|| pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len());
	assert_eq!(grandpa, 4);
}

#[test]
fn metadata_lists_every_pallet_and_modern_versions() {
	let metadata = Runtime::metadata_ir();
	let names: Vec<&str> = metadata.pallets.iter().map(|p| p.name).collect();
	for expected in [
		"System",
		"Timestamp",
		"Aura",
		"Grandpa",
		"Balances",
		"TransactionPayment",
		"Sudo",
		"Utility",
		"Assets",
		"PoolAssets",
		"AssetConversion",
		"AssetConversionPoolAssets",
		"Dex",
		"Router",
		"AssetTxPayment",
		"TxPause",
		"AssetsFreezer",
		"AssetsHolder",
		"PoolAssetsFreezer",
		"PoolAssetsHolder",
	] {
		assert!(names.contains(&expected), "metadata lacks pallet {expected}; has {names:?}");
	}
	let versions = Runtime::metadata_versions();
	assert!(versions.contains(&15), "metadata versions {versions:?}");
}

/// One account holds LP tokens of 200 pools: every non-sufficient token account takes a
/// consumer reference, and `MaxConsumers` (once 16) must leave room for hundreds.
#[test]
fn one_account_provides_liquidity_to_two_hundred_pools() {
	use crate::{RuntimeOrigin, System};
	use frame_support::{assert_ok, traits::fungible::NativeOrWithId, BoundedVec};
	preset_ext("development").execute_with(|| {
		System::set_block_number(1);
		let alice = Sr25519Keyring::Alice.to_account_id();
		let before = Dex::pool_views().len() as u32;
		for k in 0..200u32 {
			let id = 10_000 + k;
			assert_ok!(Assets::force_create(
				RuntimeOrigin::root(),
				id.into(),
				alice.clone().into(),
				true,
				1
			));
			assert_ok!(Assets::mint(
				RuntimeOrigin::signed(alice.clone()),
				id.into(),
				alice.clone().into(),
				1_000_000_000
			));
			assert_ok!(Dex::create_pool(
				RuntimeOrigin::signed(alice.clone()),
				NativeOrWithId::Native,
				NativeOrWithId::WithId(id),
				sp_runtime::Permill::from_parts(3_000),
			));
			let pool_id = before + k;
			assert_ok!(Dex::add_liquidity(
				RuntimeOrigin::signed(alice.clone()),
				pool_id,
				BoundedVec::truncate_from(vec![crate::UNIT, 1_000_000]),
				1,
			));
			assert!(crate::PoolAssets::balance(pool_id, &alice) > 0, "LP tokens of pool {pool_id}");
		}
		assert!(frame_system::Pallet::<Runtime>::consumers(&alice) >= 200);
		pallet_dex::Pallet::<Runtime>::do_try_state().expect("dex state is consistent");
	});
}

/// The emergency pause stops a DEX call before dispatch and, through the pause check, the
/// same swap requested by another pallet through `Swap`.
#[test]
fn tx_pause_stops_dex_calls_and_trait_swaps() {
	use crate::{RuntimeCall, RuntimeOrigin, System, TxPause};
	use frame_support::{
		assert_noop, assert_ok,
		traits::{fungible::NativeOrWithId, Contains},
		BoundedVec,
	};
	use pallet_asset_conversion::Swap;
	preset_ext("development").execute_with(|| {
		System::set_block_number(1);
		let alice = Sr25519Keyring::Alice.to_account_id();
		let name = |s: &str| BoundedVec::truncate_from(s.as_bytes().to_vec());
		let call = RuntimeCall::Dex(pallet_dex::Call::collect_protocol_fees { pool_id: 0 });
		assert!(<Runtime as frame_system::Config>::BaseCallFilter::contains(&call));
		assert_ok!(TxPause::pause(
			RuntimeOrigin::root(),
			(name("Dex"), name("collect_protocol_fees"))
		));
		assert!(!<Runtime as frame_system::Config>::BaseCallFilter::contains(&call));
		// The root key cannot be paused.
		assert!(TxPause::pause(RuntimeOrigin::root(), (name("Sudo"), name("sudo"))).is_err());

		let path = vec![
			NativeOrWithId::Native,
			NativeOrWithId::WithId(crate::assets::GENESIS_ASSETS[0].id),
		];
		let swap = || {
			<Dex as Swap<AccountId>>::swap_exact_tokens_for_tokens(
				alice.clone(),
				path.clone(),
				crate::UNIT,
				None,
				alice.clone(),
				true,
			)
		};
		assert_ok!(swap());
		assert_ok!(TxPause::pause(RuntimeOrigin::root(), (name("Dex"), name("swap_exact_in"))));
		assert_noop!(swap(), pallet_dex::Error::<Runtime>::Paused);
	});
}

/// On a pool traded every block, the runtime's oracle answers an hour (600 blocks) back: one
/// sample per 30 blocks, 32 samples.
#[test]
fn twap_answers_an_hour_back_on_a_pool_traded_every_block() {
	use crate::{RuntimeOrigin, System};
	use frame_support::{assert_ok, traits::fungible::NativeOrWithId, BoundedVec};
	preset_ext("development").execute_with(|| {
		let bob = Sr25519Keyring::Bob.to_account_id();
		let usdt = NativeOrWithId::WithId(crate::assets::GENESIS_ASSETS[0].id);
		for block in 1..=700u32 {
			System::set_block_number(block);
			let (asset_in, asset_out) = if block % 2 == 0 {
				(NativeOrWithId::Native, usdt.clone())
			} else {
				(usdt.clone(), NativeOrWithId::Native)
			};
			let amount = if block % 2 == 0 { crate::UNIT } else { 2_000_000 };
			let path = BoundedVec::truncate_from(vec![pallet_dex::Hop {
				pool_id: 0,
				asset_in,
				asset_out,
			}]);
			assert_ok!(Dex::swap_exact_in(
				RuntimeOrigin::signed(bob.clone()),
				path,
				amount,
				1,
				bob.clone(),
				block
			));
		}
		let hour = Dex::window_price(0, 600).expect("an hour of history");
		assert!(hour.covered >= 600 && hour.covered < 630, "covered {}", hour.covered);
		assert!(
			pallet_dex::Observations::<Runtime>::get(0).len() <= pallet_dex::OBSERVATIONS as usize
		);
		// 1 DFI = 2 USDT: 2e6 / 1e12 base units.
		let expected = sp_runtime::FixedU128::from_rational(2, 1_000_000);
		let deviation = hour.price.into_inner().abs_diff(expected.into_inner());
		assert!(deviation < expected.into_inner() / 100, "price {:?}", hour.price);
		pallet_dex::Pallet::<Runtime>::do_try_state().expect("dex state is consistent");
	});
}
