//! Workloads for `scripts/count-swap-instructions.sh`: one 1-hop swap of `pallet-dex` and one
//! 2-asset swap of `pallet-asset-conversion`, from the same state in the same (native) runtime,
//! each inside its own never-inlined function so callgrind can count only its instructions
//! (`--toggle-collect`). Ignored by `cargo test`: they measure, they do not check.

use crate::{
	assets::GENESIS_ASSETS, AccountId, AssetConversion, Dex, Runtime, RuntimeGenesisConfig,
	RuntimeOrigin, System, UNIT,
};
use frame_support::{assert_ok, traits::fungible::NativeOrWithId, BoundedVec};
use sp_keyring::Sr25519Keyring;
use sp_runtime::BuildStorage;

/// 1 DFI into pool 0 of each venue (native/USDT, the same reserves on both).
const AMOUNT_IN: u128 = UNIT;

fn usdt() -> NativeOrWithId<u32> {
	NativeOrWithId::WithId(GENESIS_ASSETS[0].id)
}

/// The development genesis, an asset-conversion native/USDT pool with the reserves of the DEX's
/// pool 0, and a new block: the swap is each pool's first change in it (for the DEX: an oracle
/// refresh and a sample due).
fn prepared_state() -> sp_io::TestExternalities {
	let json = crate::genesis_config_presets::get_preset(&"development".into()).expect("preset");
	let config: RuntimeGenesisConfig = serde_json::from_slice(&json).expect("preset parses");
	let mut ext = sp_io::TestExternalities::new(config.build_storage().expect("genesis builds"));
	ext.execute_with(|| {
		System::set_block_number(1);
		let alice: AccountId = Sr25519Keyring::Alice.to_account_id();
		let pool = pallet_dex::Pools::<Runtime>::get(0).expect("DEX pool 0");
		assert_eq!(pool.assets.to_vec(), vec![NativeOrWithId::Native, usdt()]);
		assert_ok!(AssetConversion::create_pool(
			RuntimeOrigin::signed(alice.clone()),
			Box::new(NativeOrWithId::Native),
			Box::new(usdt()),
		));
		assert_ok!(AssetConversion::add_liquidity(
			RuntimeOrigin::signed(alice.clone()),
			Box::new(NativeOrWithId::Native),
			Box::new(usdt()),
			pool.reserves[0],
			pool.reserves[1],
			1,
			1,
			alice,
		));
		System::set_block_number(30);
	});
	// Both venues' state in the backend, so each swap's first reads cost the same kind of
	// lookup (an uncommitted overlay would make the freshly created pool's reads cheaper).
	ext.commit_all().expect("state commits");
	ext
}

#[inline(never)]
fn measured_dex_swap(who: AccountId) {
	let path = BoundedVec::truncate_from(vec![pallet_dex::Hop {
		pool_id: 0,
		asset_in: NativeOrWithId::Native,
		asset_out: usdt(),
	}]);
	assert_ok!(Dex::swap_exact_in(
		RuntimeOrigin::signed(who.clone()),
		path,
		AMOUNT_IN,
		1,
		who,
		1_000
	));
}

#[inline(never)]
fn measured_asset_conversion_swap(who: AccountId) {
	let path = vec![Box::new(NativeOrWithId::Native), Box::new(usdt())];
	assert_ok!(AssetConversion::swap_exact_tokens_for_tokens(
		RuntimeOrigin::signed(who.clone()),
		path,
		AMOUNT_IN,
		1,
		who,
		true,
	));
}

#[test]
#[ignore]
fn dex_swap_workload() {
	prepared_state().execute_with(|| measured_dex_swap(Sr25519Keyring::Bob.to_account_id()));
}

#[test]
#[ignore]
fn asset_conversion_swap_workload() {
	prepared_state()
		.execute_with(|| measured_asset_conversion_swap(Sr25519Keyring::Bob.to_account_id()));
}
