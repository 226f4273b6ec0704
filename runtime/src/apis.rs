//! Runtime APIs: what the node and RPC clients (polkadot.js `api.call.*`) may ask the runtime.

use crate::*;
use alloc::vec::Vec;
use frame_support::{
	genesis_builder_helper::build_state, traits::fungible::NativeOrWithId, weights::Weight,
};
use sp_api::impl_runtime_apis;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_core::{crypto::KeyTypeId, OpaqueMetadata};
use sp_runtime::{
	traits::{Block as BlockT, NumberFor},
	transaction_validity::{TransactionSource, TransactionValidity},
	ApplyExtrinsicResult, ExtrinsicInclusionMode,
};

impl_runtime_apis! {
	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		fn execute_block(block: <Block as BlockT>::LazyBlock) {
			Executive::execute_block(block);
		}

		fn initialize_block(header: &<Block as BlockT>::Header) -> ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl sp_api::Metadata<Block> for Runtime {
		fn metadata() -> OpaqueMetadata {
			OpaqueMetadata::new(Runtime::metadata().into())
		}

		fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
			Runtime::metadata_at_version(version)
		}

		fn metadata_versions() -> Vec<u32> {
			Runtime::metadata_versions()
		}
	}

	impl sp_block_builder::BlockBuilder<Block> for Runtime {
		fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
			Executive::apply_extrinsic(extrinsic)
		}

		fn finalize_block() -> <Block as BlockT>::Header {
			Executive::finalize_block()
		}

		fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
			data.create_extrinsics()
		}

		fn check_inherents(
			block: <Block as BlockT>::LazyBlock,
			data: sp_inherents::InherentData,
		) -> sp_inherents::CheckInherentsResult {
			data.check_extrinsics(&block)
		}
	}

	impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
		fn validate_transaction(
			source: TransactionSource,
			tx: <Block as BlockT>::Extrinsic,
			block_hash: <Block as BlockT>::Hash,
		) -> TransactionValidity {
			Executive::validate_transaction(source, tx, block_hash)
		}
	}

	impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
		fn offchain_worker(header: &<Block as BlockT>::Header) {
			Executive::offchain_worker(header)
		}
	}

	impl sp_consensus_aura::AuraApi<Block, AuraId> for Runtime {
		fn slot_duration() -> sp_consensus_aura::SlotDuration {
			sp_consensus_aura::SlotDuration::from_millis(Aura::slot_duration())
		}

		fn authorities() -> Vec<AuraId> {
			pallet_aura::Authorities::<Runtime>::get().into_inner()
		}
	}

	impl sp_session::SessionKeys<Block> for Runtime {
		fn generate_session_keys(
			owner: Vec<u8>,
			seed: Option<Vec<u8>>,
		) -> sp_session::OpaqueGeneratedSessionKeys {
			opaque::SessionKeys::generate(&owner, seed).into()
		}

		fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
			opaque::SessionKeys::decode_into_raw_public_keys(&encoded)
		}
	}

	impl sp_consensus_grandpa::GrandpaApi<Block> for Runtime {
		fn grandpa_authorities() -> sp_consensus_grandpa::AuthorityList {
			Grandpa::grandpa_authorities()
		}

		fn current_set_id() -> sp_consensus_grandpa::SetId {
			Grandpa::current_set_id()
		}

		fn submit_report_equivocation_unsigned_extrinsic(
			_equivocation_proof: sp_consensus_grandpa::EquivocationProof<
				<Block as BlockT>::Hash,
				NumberFor<Block>,
			>,
			_key_owner_proof: sp_consensus_grandpa::OpaqueKeyOwnershipProof,
		) -> Option<()> {
			// No session pallet, so no key-ownership proofs: equivocations cannot be reported.
			None
		}

		fn generate_key_ownership_proof(
			_set_id: sp_consensus_grandpa::SetId,
			_authority_id: GrandpaId,
		) -> Option<sp_consensus_grandpa::OpaqueKeyOwnershipProof> {
			None
		}
	}

	impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
		fn account_nonce(account: AccountId) -> Nonce {
			System::account_nonce(account)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
		fn query_info(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_info(uxt, len)
		}
		fn query_fee_details(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_fee_details(uxt, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, Balance, RuntimeCall>
		for Runtime
	{
		fn query_call_info(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_call_info(call, len)
		}
		fn query_call_fee_details(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_call_fee_details(call, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_asset_conversion::AssetConversionApi<Block, Balance, NativeOrWithId<AssetId>> for Runtime {
		fn quote_price_exact_tokens_for_tokens(
			asset1: NativeOrWithId<AssetId>,
			asset2: NativeOrWithId<AssetId>,
			amount: Balance,
			include_fee: bool,
		) -> Option<Balance> {
			AssetConversion::quote_price_exact_tokens_for_tokens(asset1, asset2, amount, include_fee)
		}

		fn quote_price_tokens_for_exact_tokens(
			asset1: NativeOrWithId<AssetId>,
			asset2: NativeOrWithId<AssetId>,
			amount: Balance,
			include_fee: bool,
		) -> Option<Balance> {
			AssetConversion::quote_price_tokens_for_exact_tokens(asset1, asset2, amount, include_fee)
		}

		fn get_reserves(
			asset1: NativeOrWithId<AssetId>,
			asset2: NativeOrWithId<AssetId>,
		) -> Option<(Balance, Balance)> {
			AssetConversion::get_reserves(asset1, asset2).ok()
		}
	}

	impl pallet_router_runtime_api::RouterApi<Block, NativeOrWithId<AssetId>> for Runtime {
		fn quote_exact_in(
			asset_in: NativeOrWithId<AssetId>,
			asset_out: NativeOrWithId<AssetId>,
			amount_in: Balance,
		) -> Option<defi_primitives::TradeQuote<NativeOrWithId<AssetId>>> {
			Router::quote(asset_in, asset_out, amount_in, false)
		}

		fn quote_exact_out(
			asset_in: NativeOrWithId<AssetId>,
			asset_out: NativeOrWithId<AssetId>,
			amount_out: Balance,
		) -> Option<defi_primitives::TradeQuote<NativeOrWithId<AssetId>>> {
			Router::quote(asset_in, asset_out, amount_out, true)
		}
	}

	impl pallet_prices_runtime_api::PricesApi<Block, NativeOrWithId<AssetId>> for Runtime {
		fn prices() -> Vec<defi_primitives::PriceView<NativeOrWithId<AssetId>>> {
			Prices::price_views()
		}

		fn price(asset: NativeOrWithId<AssetId>) -> Option<defi_primitives::PriceView<NativeOrWithId<AssetId>>> {
			Prices::price_view(asset)
		}
	}

	impl pallet_lending_runtime_api::LendingApi<Block, NativeOrWithId<AssetId>, AccountId> for Runtime {
		fn markets() -> Vec<defi_primitives::MarketView<NativeOrWithId<AssetId>>> {
			Lending::market_views()
		}

		fn account(who: AccountId) -> defi_primitives::AccountView<NativeOrWithId<AssetId>> {
			Lending::account_view(&who)
		}

		fn accounts_below(threshold: sp_runtime::FixedU128) -> Vec<(AccountId, sp_runtime::FixedU128)> {
			Lending::accounts_below(threshold)
		}
	}

	impl pallet_stablecoin_runtime_api::StablecoinApi<Block, AccountId, NativeOrWithId<AssetId>> for Runtime {
		fn vault(
			owner: AccountId,
			asset: NativeOrWithId<AssetId>,
		) -> Option<defi_primitives::VaultView<NativeOrWithId<AssetId>>> {
			Stablecoin::vault_view(&owner, &asset)
		}

		fn vaults(owner: AccountId) -> Vec<defi_primitives::VaultView<NativeOrWithId<AssetId>>> {
			Stablecoin::vault_views(&owner)
		}

		fn collateral_types() -> Vec<defi_primitives::CollateralTypeView<NativeOrWithId<AssetId>>> {
			Stablecoin::collateral_type_views()
		}

		fn totals() -> defi_primitives::StablecoinTotals<NativeOrWithId<AssetId>> {
			Stablecoin::totals()
		}

		fn redemption_quote(amount: Balance) -> Vec<(NativeOrWithId<AssetId>, Balance)> {
			Stablecoin::redemption_quote(amount)
		}
	}

	impl pallet_term_staking_runtime_api::TermStakingApi<Block, AccountId, NativeOrWithId<AssetId>, BlockNumber> for Runtime {
		fn products() -> Vec<defi_primitives::StakingProductView<NativeOrWithId<AssetId>, BlockNumber>> {
			TermStaking::product_views()
		}

		fn positions(
			owner: AccountId,
		) -> Vec<defi_primitives::StakingPositionView<AccountId, NativeOrWithId<AssetId>, BlockNumber>> {
			TermStaking::position_views(&owner)
		}

		fn quote(product: defi_primitives::ProductId, amount: Balance) -> Option<Balance> {
			TermStaking::quote(product, amount)
		}
	}

	impl pallet_farming_runtime_api::FarmingApi<Block, AccountId, NativeOrWithId<AssetId>, crate::farming::FarmDeposit, BlockNumber> for Runtime {
		fn farms() -> Vec<defi_primitives::FarmView<NativeOrWithId<AssetId>, crate::farming::FarmDeposit, BlockNumber>> {
			Farming::farm_views()
		}

		fn farmer(who: AccountId) -> Vec<defi_primitives::FarmerView<NativeOrWithId<AssetId>>> {
			Farming::farmer_views(&who)
		}

		fn farmer_in(
			farm: defi_primitives::FarmId,
			who: AccountId,
		) -> Option<defi_primitives::FarmerView<NativeOrWithId<AssetId>>> {
			Farming::farmer_view(farm, &who)
		}
	}

	impl pallet_dex_runtime_api::DexApi<Block, NativeOrWithId<AssetId>, BlockNumber> for Runtime {
		fn quote_exact_in(
			path: Vec<pallet_dex::Hop<NativeOrWithId<AssetId>>>,
			amount_in: Balance,
		) -> Option<Vec<Balance>> {
			Dex::quote_amounts_exact_in(path, amount_in)
		}

		fn quote_exact_out(
			path: Vec<pallet_dex::Hop<NativeOrWithId<AssetId>>>,
			amount_out: Balance,
		) -> Option<Vec<Balance>> {
			Dex::quote_amounts_exact_out(path, amount_out)
		}

		fn pools() -> Vec<pallet_dex::PoolView<NativeOrWithId<AssetId>>> {
			Dex::pool_views()
		}

		fn lp_share_value(pool_id: pallet_dex::PoolId, shares: Balance) -> Option<Vec<Balance>> {
			Dex::lp_share_value(pool_id, shares)
		}

		fn twap(pool_id: pallet_dex::PoolId, window: BlockNumber) -> Option<sp_runtime::FixedU128> {
			Dex::twap(pool_id, window)
		}

		fn window_price(
			pool_id: pallet_dex::PoolId,
			window: BlockNumber,
		) -> Option<defi_primitives::WindowPrice<BlockNumber>> {
			Dex::window_price(pool_id, window)
		}

		fn ema_price(pool_id: pallet_dex::PoolId) -> Option<sp_runtime::FixedU128> {
			Dex::ema_price(pool_id)
		}
	}

	impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
		fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
			build_state::<RuntimeGenesisConfig>(config)
		}

		fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
			frame_support::genesis_builder_helper::get_preset::<RuntimeGenesisConfig>(
				id,
				genesis_config_presets::get_preset,
			)
		}

		fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
			genesis_config_presets::preset_names()
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(extra: bool) -> (
			Vec<frame_benchmarking::BenchmarkList>,
			Vec<frame_support::traits::StorageInfo>,
		) {
			use frame_benchmarking::{baseline, BenchmarkList};
			use frame_support::traits::StorageInfoTrait;
			use frame_system_benchmarking::Pallet as SystemBench;
			use baseline::Pallet as BaselineBench;

			let mut list = Vec::<BenchmarkList>::new();
			list_benchmarks!(list, extra);
			let storage_info = AllPalletsWithSystem::storage_info();
			(list, storage_info)
		}

		fn dispatch_benchmark(
			config: frame_benchmarking::BenchmarkConfig,
		) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
			use frame_benchmarking::{baseline, BenchmarkBatch};
			use frame_support::traits::WhitelistedStorageKeys;
			use frame_system_benchmarking::Pallet as SystemBench;
			use baseline::Pallet as BaselineBench;
			use sp_storage::TrackedStorageKey;

			let whitelist: Vec<TrackedStorageKey> = AllPalletsWithSystem::whitelisted_storage_keys();
			let mut batches = Vec::<BenchmarkBatch>::new();
			let params = (&config, &whitelist);
			add_benchmarks!(params, batches);
			Ok(batches)
		}
	}
}
