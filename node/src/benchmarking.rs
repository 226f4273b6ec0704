//! Extrinsic builders for `defi-node benchmark overhead` and `benchmark extrinsic`: signed
//! extrinsics from a dev account, built the way a wallet builds them.

use crate::service::FullClient;
use codec::Encode;
use defi_runtime::{
	self as runtime, AccountId, AssetId, Balance, BalancesCall, DexCall, DexHop, NativeOrWithId,
	RuntimeCall, SystemCall,
};
use frame_benchmarking_cli::ExtrinsicBuilder;
use sc_cli::Result;
use sc_client_api::UsageProvider;
use sp_core::{sr25519, Pair};
use sp_inherents::{InherentData, InherentDataProvider};
use sp_runtime::{generic::Era, OpaqueExtrinsic};
use std::{sync::Arc, time::Duration};

/// Builds one kind of signed extrinsic, signed by Alice with increasing nonces.
pub struct SignedCallBuilder {
	client: Arc<FullClient>,
	pallet: &'static str,
	extrinsic: &'static str,
	/// The call for a given nonce.
	call: Box<dyn Fn(u32) -> RuntimeCall>,
}

impl SignedCallBuilder {
	/// `system.remark` with an empty payload: the cheapest signed extrinsic.
	pub fn remark(client: Arc<FullClient>) -> Self {
		Self {
			client,
			pallet: "system",
			extrinsic: "remark",
			call: Box::new(|_| SystemCall::remark { remark: vec![] }.into()),
		}
	}

	/// `balances.transfer_keep_alive` of `value` to `dest`.
	pub fn transfer_keep_alive(client: Arc<FullClient>, dest: AccountId, value: Balance) -> Self {
		Self {
			client,
			pallet: "balances",
			extrinsic: "transfer_keep_alive",
			call: Box::new(move |_| {
				BalancesCall::transfer_keep_alive { dest: dest.clone().into(), value }.into()
			}),
		}
	}

	/// `dex.swap_exact_in` through genesis pool 0 (DFI/USDT), the signer receiving the output.
	/// Even nonces sell `native_in` DFI for USDT, odd ones sell `usdt_in` USDT for DFI, so a
	/// block full of swaps leaves the price where it was and never meets the per-block
	/// price-move limit.
	pub fn dex_swap(
		client: Arc<FullClient>,
		recipient: AccountId,
		native_in: Balance,
		usdt_in: Balance,
	) -> Self {
		let native = NativeOrWithId::<AssetId>::Native;
		let usdt = NativeOrWithId::WithId(runtime::assets::USDT);
		Self {
			client,
			pallet: "dex",
			extrinsic: "swap_exact_in",
			call: Box::new(move |nonce| {
				let (asset_in, asset_out, amount_in) = if nonce % 2 == 0 {
					(native.clone(), usdt.clone(), native_in)
				} else {
					(usdt.clone(), native.clone(), usdt_in)
				};
				let hop = DexHop { pool_id: 0, asset_in, asset_out };
				DexCall::swap_exact_in {
					path: sp_runtime::BoundedVec::truncate_from(vec![hop]),
					amount_in,
					min_out: 1,
					recipient: recipient.clone(),
					deadline: u32::MAX,
				}
				.into()
			}),
		}
	}
}

impl ExtrinsicBuilder for SignedCallBuilder {
	fn pallet(&self) -> &str {
		self.pallet
	}

	fn extrinsic(&self) -> &str {
		self.extrinsic
	}

	fn build(&self, nonce: u32) -> std::result::Result<OpaqueExtrinsic, &'static str> {
		let signer = sp_keyring::Sr25519Keyring::Alice.pair();
		create_signed_extrinsic(self.client.as_ref(), signer, (self.call)(nonce), nonce)
	}
}

/// Signs `call` with `sender` at `nonce`, mortal from the current best block.
pub fn create_signed_extrinsic(
	client: &FullClient,
	sender: sr25519::Pair,
	call: RuntimeCall,
	nonce: u32,
) -> std::result::Result<OpaqueExtrinsic, &'static str> {
	let info = client.usage_info().chain;
	let genesis_hash = info.genesis_hash;
	let best_hash = info.best_hash;
	let best_block = info.best_number;

	// A mortality period of the largest power of two within the block-hash window.
	let period = runtime::configs::BlockHashCount::get()
		.checked_next_power_of_two()
		.map(|c| c / 2)
		.unwrap_or(2) as u64;
	let tx_ext: runtime::TxExtension = (
		frame_system::CheckNonZeroSender::<runtime::Runtime>::new(),
		frame_system::CheckSpecVersion::<runtime::Runtime>::new(),
		frame_system::CheckTxVersion::<runtime::Runtime>::new(),
		frame_system::CheckGenesis::<runtime::Runtime>::new(),
		frame_system::CheckEra::<runtime::Runtime>::from(Era::mortal(period, best_block.into())),
		frame_system::CheckNonce::<runtime::Runtime>::from(nonce),
		frame_system::CheckWeight::<runtime::Runtime>::new(),
		pallet_asset_conversion_tx_payment::ChargeAssetTxPayment::<runtime::Runtime>::from(0, None),
		frame_system::WeightReclaim::<runtime::Runtime>::new(),
	);
	let payload = runtime::SignedPayload::from_raw(
		call.clone(),
		tx_ext.clone(),
		(
			(),
			runtime::VERSION.spec_version,
			runtime::VERSION.transaction_version,
			genesis_hash,
			best_hash,
			(),
			(),
			(),
			(),
		),
	);
	let signature = payload.using_encoded(|bytes| sender.sign(bytes));
	let extrinsic = runtime::UncheckedExtrinsic::new_signed(
		call,
		sp_runtime::AccountId32::from(sender.public()).into(),
		runtime::Signature::Sr25519(signature),
		tx_ext,
	);
	OpaqueExtrinsic::try_from_encoded_extrinsic(&extrinsic.encode())
		.map_err(|_| "encoded extrinsic does not decode as opaque")
}

/// Inherent data for benchmark blocks: a timestamp.
pub fn inherent_benchmark_data() -> Result<InherentData> {
	let mut inherent_data = InherentData::new();
	let timestamp = sp_timestamp::InherentDataProvider::new(Duration::from_millis(0).into());
	futures::executor::block_on(timestamp.provide_inherent_data(&mut inherent_data))
		.map_err(|e| format!("creating inherent data: {e:?}"))?;
	Ok(inherent_data)
}
