//! Runtime-level tests: genesis presets, funding, metadata.

use crate::{
	assets::GENESIS_ASSETS,
	genesis_config_presets::{dev_accounts, genesis_pools, get_preset, preset_names, DEV_ACCOUNT_NATIVE},
	AccountId, Assets, Balances, Dex, Runtime, RuntimeGenesisConfig,
};
use sp_keyring::Sr25519Keyring;
use frame_support::traits::{fungible::Inspect as _, fungibles::Inspect as _};
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
			for who in accounts.iter().filter(|a| **a != market_maker) {
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
				let metadata = pallet_assets::Metadata::<Runtime, pallet_assets::Instance1>::get(asset.id);
				assert_eq!(metadata.symbol.to_vec(), asset.symbol.as_bytes().to_vec());
				assert_eq!(metadata.decimals, asset.decimals);
				let issued = Assets::total_issuance(asset.id);
				assert_eq!(issued, asset.whole_tokens_per_account * asset.unit() * accounts.len() as u128);
			}
			// The market maker funded the genesis pools and still holds the rest.
			assert!(Balances::balance(&market_maker) > DEV_ACCOUNT_NATIVE / 2);
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
	let dev_validators = preset_ext("development").execute_with(|| pallet_aura::Authorities::<Runtime>::get().len());
	let local_validators =
		preset_ext("local_testnet").execute_with(|| pallet_aura::Authorities::<Runtime>::get().len());
	assert_eq!(dev_validators, 1);
	assert_eq!(local_validators, 4);
	let grandpa = preset_ext("local_testnet").execute_with(|| pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len());
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
	] {
		assert!(names.contains(&expected), "metadata lacks pallet {expected}; has {names:?}");
	}
	let versions = Runtime::metadata_versions();
	assert!(versions.contains(&15), "metadata versions {versions:?}");
}
