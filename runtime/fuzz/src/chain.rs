//! The chain as a node runs it, natively: genesis from the `development` preset, blocks opened
//! and closed through `Executive`, the timestamp inherent, and every call dispatched with the
//! weight bookkeeping `CheckWeight` does, while its storage accesses are counted.

use crate::counting_ext::{self, Touched};
use codec::Encode;
use defi_runtime::{
	genesis_config_presets, AccountId, AllPalletsWithSystem, Executive, Hash, Header, Runtime,
	RuntimeCall, RuntimeGenesisConfig, RuntimeOrigin, SLOT_DURATION,
};
use frame_support::{
	dispatch::{DispatchInfo, GetDispatchInfo, PostDispatchInfo},
	traits::WhitelistedStorageKeys,
	weights::{RuntimeDbWeight, Weight},
};
use frame_system::CheckWeight;
use sp_consensus_aura::{Slot, AURA_ENGINE_ID};
use sp_runtime::{
	traits::{Dispatchable, Header as _},
	BuildStorage, Digest, DigestItem, DispatchErrorWithPostInfo,
};
use std::{collections::BTreeSet, sync::OnceLock};

/// Milliseconds at block 0; every block `n` is stamped `GENESIS_MOMENT + n * SLOT_DURATION`.
pub const GENESIS_MOMENT: u64 = 1_767_225_600_000;

/// The `development` preset's storage, built once per process: each input starts from a copy.
pub fn genesis_storage() -> sp_runtime::Storage {
	static GENESIS: OnceLock<sp_runtime::Storage> = OnceLock::new();
	GENESIS
		.get_or_init(|| {
			let id = sp_genesis_builder::DEV_RUNTIME_PRESET.into();
			let json =
				genesis_config_presets::get_preset(&id).expect("the development preset exists");
			let config: RuntimeGenesisConfig =
				serde_json::from_slice(&json).expect("the development preset parses");
			config.build_storage().expect("the development genesis builds")
		})
		.clone()
}

/// Opens block `number`: Aura's slot digest, `on_initialize` of every pallet, the timestamp
/// inherent.
pub fn open_block(number: u32, parent_hash: Hash) {
	let moment = GENESIS_MOMENT + u64::from(number) * SLOT_DURATION;
	let slot = Slot::from(moment / SLOT_DURATION);
	let digest = Digest { logs: vec![DigestItem::PreRuntime(AURA_ENGINE_ID, slot.encode())] };
	let header = Header::new(number, Default::default(), Default::default(), parent_hash, digest);
	Executive::initialize_block(&header);
	let inherent = RuntimeCall::Timestamp(pallet_timestamp::Call::set { now: moment });
	let _ = inherent
		.dispatch(RuntimeOrigin::none())
		.expect("the timestamp inherent applies");
	Executive::inherents_applied();
}

/// Closes the open block as a node does: `on_idle`, `on_finalize`, the storage root.
/// Returns the block's hash, the parent hash of the next block.
pub fn close_block() -> Hash {
	Executive::finalize_block().hash()
}

/// Who dispatches a call.
#[derive(Clone, Debug)]
pub enum Caller {
	Signed(AccountId),
	Root,
}

impl Caller {
	pub fn origin(&self) -> RuntimeOrigin {
		match self {
			Caller::Signed(who) => RuntimeOrigin::signed(who.clone()),
			Caller::Root => RuntimeOrigin::root(),
		}
	}
}

/// What happened to one call.
#[derive(Debug)]
pub enum Outcome {
	/// The block had no room for it (it would have been left in the pool).
	NoRoom,
	Dispatched {
		ok: bool,
		error: Option<sp_runtime::DispatchError>,
	},
}

/// A call whose declared weight does not cover the storage work it did.
#[derive(Debug)]
pub struct WeightViolation {
	pub call: String,
	pub charged: Weight,
	pub declared: Weight,
	pub reads: usize,
	pub writes: usize,
	pub db_cost: u64,
}

/// Keys benchmarks do not bill: FRAME's whitelist, the transactional layer's level key, and the
/// caller's account (paid for by the transaction's fee payment). The caller-independent part is
/// built once per process.
fn whitelist(caller: &Caller) -> BTreeSet<Vec<u8>> {
	static BASE: OnceLock<BTreeSet<Vec<u8>>> = OnceLock::new();
	let mut keys = BASE
		.get_or_init(|| {
			let mut keys: BTreeSet<Vec<u8>> = AllPalletsWithSystem::whitelisted_storage_keys()
				.into_iter()
				.map(|k| k.key)
				.collect();
			keys.insert(b":transaction_level:".to_vec());
			keys.insert(sp_storage::well_known_keys::EXTRINSIC_INDEX.to_vec());
			keys.insert(sp_storage::well_known_keys::INTRABLOCK_ENTROPY.to_vec());
			keys
		})
		.clone();
	if let Caller::Signed(who) = caller {
		keys.insert(frame_system::Account::<Runtime>::hashed_key_for(who));
	}
	keys
}

/// The database cost of what a call touched, as the runtime's `DbWeight` bills it.
pub fn db_cost(touched: &Touched) -> u64 {
	let db: RuntimeDbWeight = <Runtime as frame_system::Config>::DbWeight::get();
	db.reads(touched.reads_only() as u64)
		.saturating_add(db.writes(touched.writes() as u64))
		.ref_time()
}

/// Dispatches `call` as the block builder would apply it: `CheckWeight` books its declared
/// weight (a call that does not fit is not included), the call runs in its own storage layer
/// while its storage accesses are counted, unused weight is reclaimed, and the result is noted
/// as an extrinsic. Returns the outcome and, if the charged weight is below the storage work,
/// the violation.
pub fn apply_call(caller: &Caller, call: RuntimeCall) -> (Outcome, Option<WeightViolation>) {
	let info: DispatchInfo = call.get_dispatch_info();
	let len = call.encoded_size() + 110;
	let next_len = match CheckWeight::<Runtime>::do_validate(&info, len) {
		Ok((_, next_len)) => next_len,
		Err(_) => return (Outcome::NoRoom, None),
	};
	if CheckWeight::<Runtime>::do_prepare(&info, len, next_len).is_err() {
		return (Outcome::NoRoom, None);
	}
	let name = call_name(&call);
	counting_ext::start_tracking(whitelist(caller));
	let result = call.dispatch(caller.origin());
	let touched = counting_ext::stop_tracking();
	let post_info: PostDispatchInfo = match &result {
		Ok(post) => *post,
		Err(DispatchErrorWithPostInfo { post_info, .. }) => *post_info,
	};
	let _ = frame_system::Pallet::<Runtime>::reclaim_weight(&info, &post_info);
	frame_system::Pallet::<Runtime>::note_applied_extrinsic(&result, info);
	let violation = weight_violation(name, &info, &post_info, &touched);
	let error = result.as_ref().err().map(|e| e.error);
	(Outcome::Dispatched { ok: result.is_ok(), error }, violation)
}

/// The violation, if the weight `call` is charged (after its refund) does not cover the storage
/// work it did, or it reports a weight above the one it declared.
pub fn weight_violation(
	call: String,
	info: &DispatchInfo,
	post_info: &PostDispatchInfo,
	touched: &Touched,
) -> Option<WeightViolation> {
	let charged = post_info.calc_actual_weight(info);
	let cost = db_cost(touched);
	// FRAME caps the charge at the declared weight, so a post-dispatch weight above it is a call
	// whose declared weight was not its worst case.
	let reported_above_declared =
		post_info.actual_weight.is_some_and(|actual| actual.any_gt(info.call_weight));
	(charged.ref_time() < cost || reported_above_declared).then(|| WeightViolation {
		call,
		charged,
		declared: info.call_weight,
		reads: touched.reads_only(),
		writes: touched.writes(),
		db_cost: cost,
	})
}

/// `Pallet::call` of a runtime call.
pub fn call_name(call: &RuntimeCall) -> String {
	use frame_support::traits::GetCallMetadata;
	let meta = call.get_call_metadata();
	format!("{}::{}", meta.pallet_name, meta.function_name)
}
