//! Externalities that count the storage keys a dispatched call touches, so the fuzzer can hold
//! every call's declared weight against the database work it actually did.
//!
//! The wrapper delegates everything to the real externalities; while tracking is on it records
//! the distinct keys read and written. Keys that FRAME's benchmarks whitelist (block number,
//! events, block weight, the caller's `System::Account`, …) are not counted, as benchmarks do
//! not count them either.

use sp_externalities::{Extension, ExtensionStore, Externalities, MultiRemovalResults};
use sp_storage::{ChildInfo, StateVersion, TrackedStorageKey};
use std::{any::Any, any::TypeId, cell::RefCell, collections::BTreeSet};

/// Keys touched while tracking was on.
#[derive(Default, Debug, Clone)]
pub struct Touched {
	pub read: BTreeSet<Vec<u8>>,
	pub written: BTreeSet<Vec<u8>>,
	/// Keys removed by prefix: their number, not their names.
	pub removed_by_prefix: u32,
}

impl Touched {
	/// Keys read and never written: the reads a benchmark bills on top of the writes.
	pub fn reads_only(&self) -> usize {
		self.read.difference(&self.written).count()
	}

	pub fn writes(&self) -> usize {
		self.written.len() + self.removed_by_prefix as usize
	}
}

struct Tracker {
	ignored: BTreeSet<Vec<u8>>,
	touched: Touched,
}

thread_local! {
	static TRACKER: RefCell<Option<Tracker>> = const { RefCell::new(None) };
}

/// Starts counting; `ignored` are the whitelisted keys.
pub fn start_tracking(ignored: BTreeSet<Vec<u8>>) {
	TRACKER.with(|t| *t.borrow_mut() = Some(Tracker { ignored, touched: Touched::default() }));
}

/// Stops counting and returns what was touched since [`start_tracking`].
pub fn stop_tracking() -> Touched {
	TRACKER.with(|t| t.borrow_mut().take().map(|t| t.touched).unwrap_or_default())
}

fn note_read(key: &[u8]) {
	TRACKER.with(|t| {
		if let Some(t) = t.borrow_mut().as_mut() {
			if !t.ignored.contains(key) {
				t.touched.read.insert(key.to_vec());
			}
		}
	})
}

fn note_write(key: &[u8]) {
	TRACKER.with(|t| {
		if let Some(t) = t.borrow_mut().as_mut() {
			if !t.ignored.contains(key) {
				t.touched.written.insert(key.to_vec());
			}
		}
	})
}

fn note_removed(count: u32) {
	TRACKER.with(|t| {
		if let Some(t) = t.borrow_mut().as_mut() {
			t.touched.removed_by_prefix = t.touched.removed_by_prefix.saturating_add(count);
		}
	})
}

/// Child tries are counted under their storage key plus the child key.
fn child_key(child_info: &ChildInfo, key: &[u8]) -> Vec<u8> {
	let mut full = child_info.prefixed_storage_key().into_inner();
	full.extend_from_slice(key);
	full
}

/// The real externalities plus the counting above.
pub struct CountingExt<'a> {
	pub inner: &'a mut dyn Externalities,
}

impl ExtensionStore for CountingExt<'_> {
	fn extension_by_type_id(&mut self, type_id: TypeId) -> Option<&mut dyn Any> {
		self.inner.extension_by_type_id(type_id)
	}

	fn register_extension_with_type_id(
		&mut self,
		type_id: TypeId,
		extension: Box<dyn Extension>,
	) -> Result<(), sp_externalities::Error> {
		self.inner.register_extension_with_type_id(type_id, extension)
	}

	fn deregister_extension_by_type_id(
		&mut self,
		type_id: TypeId,
	) -> Result<(), sp_externalities::Error> {
		self.inner.deregister_extension_by_type_id(type_id)
	}
}

impl Externalities for CountingExt<'_> {
	fn set_offchain_storage(&mut self, key: &[u8], value: Option<&[u8]>) {
		self.inner.set_offchain_storage(key, value)
	}

	fn storage(&mut self, key: &[u8]) -> Option<Vec<u8>> {
		note_read(key);
		self.inner.storage(key)
	}

	fn storage_hash(&mut self, key: &[u8]) -> Option<Vec<u8>> {
		note_read(key);
		self.inner.storage_hash(key)
	}

	fn child_storage_hash(&mut self, child_info: &ChildInfo, key: &[u8]) -> Option<Vec<u8>> {
		note_read(&child_key(child_info, key));
		self.inner.child_storage_hash(child_info, key)
	}

	fn child_storage(&mut self, child_info: &ChildInfo, key: &[u8]) -> Option<Vec<u8>> {
		note_read(&child_key(child_info, key));
		self.inner.child_storage(child_info, key)
	}

	fn exists_storage(&mut self, key: &[u8]) -> bool {
		note_read(key);
		self.inner.exists_storage(key)
	}

	fn exists_child_storage(&mut self, child_info: &ChildInfo, key: &[u8]) -> bool {
		note_read(&child_key(child_info, key));
		self.inner.exists_child_storage(child_info, key)
	}

	fn next_storage_key(&mut self, key: &[u8]) -> Option<Vec<u8>> {
		// Iteration reads the key it lands on.
		let next = self.inner.next_storage_key(key);
		if let Some(next) = &next {
			note_read(next);
		}
		next
	}

	fn next_child_storage_key(&mut self, child_info: &ChildInfo, key: &[u8]) -> Option<Vec<u8>> {
		let next = self.inner.next_child_storage_key(child_info, key);
		if let Some(next) = &next {
			note_read(&child_key(child_info, next));
		}
		next
	}

	fn kill_child_storage(
		&mut self,
		child_info: &ChildInfo,
		maybe_limit: Option<u32>,
		maybe_cursor: Option<&[u8]>,
	) -> MultiRemovalResults {
		let result = self.inner.kill_child_storage(child_info, maybe_limit, maybe_cursor);
		note_removed(result.unique);
		result
	}

	fn clear_prefix(
		&mut self,
		prefix: &[u8],
		maybe_limit: Option<u32>,
		maybe_cursor: Option<&[u8]>,
	) -> MultiRemovalResults {
		let result = self.inner.clear_prefix(prefix, maybe_limit, maybe_cursor);
		note_removed(result.unique);
		result
	}

	fn clear_child_prefix(
		&mut self,
		child_info: &ChildInfo,
		prefix: &[u8],
		maybe_limit: Option<u32>,
		maybe_cursor: Option<&[u8]>,
	) -> MultiRemovalResults {
		let result = self.inner.clear_child_prefix(child_info, prefix, maybe_limit, maybe_cursor);
		note_removed(result.unique);
		result
	}

	fn place_storage(&mut self, key: Vec<u8>, value: Option<Vec<u8>>) {
		note_write(&key);
		self.inner.place_storage(key, value)
	}

	fn place_child_storage(
		&mut self,
		child_info: &ChildInfo,
		key: Vec<u8>,
		value: Option<Vec<u8>>,
	) {
		note_write(&child_key(child_info, &key));
		self.inner.place_child_storage(child_info, key, value)
	}

	fn storage_root(&mut self, state_version: StateVersion) -> Vec<u8> {
		self.inner.storage_root(state_version)
	}

	fn child_storage_root(
		&mut self,
		child_info: &ChildInfo,
		state_version: StateVersion,
	) -> Vec<u8> {
		self.inner.child_storage_root(child_info, state_version)
	}

	fn storage_append(&mut self, key: Vec<u8>, value: Vec<u8>) {
		note_write(&key);
		self.inner.storage_append(key, value)
	}

	fn storage_start_transaction(&mut self) {
		self.inner.storage_start_transaction()
	}

	fn storage_rollback_transaction(&mut self) -> Result<(), ()> {
		self.inner.storage_rollback_transaction()
	}

	fn storage_commit_transaction(&mut self) -> Result<(), ()> {
		self.inner.storage_commit_transaction()
	}

	fn storage_index_transaction(&mut self, index: u32, hash: &[u8], size: u32) {
		self.inner.storage_index_transaction(index, hash, size)
	}

	fn storage_renew_transaction_index(&mut self, index: u32, hash: &[u8]) {
		self.inner.storage_renew_transaction_index(index, hash)
	}

	fn wipe(&mut self) {
		self.inner.wipe()
	}

	fn commit(&mut self) {
		self.inner.commit()
	}

	fn read_write_count(&self) -> (u32, u32, u32, u32) {
		self.inner.read_write_count()
	}

	fn reset_read_write_count(&mut self) {
		self.inner.reset_read_write_count()
	}

	fn get_whitelist(&self) -> Vec<TrackedStorageKey> {
		self.inner.get_whitelist()
	}

	fn set_whitelist(&mut self, new: Vec<TrackedStorageKey>) {
		self.inner.set_whitelist(new)
	}

	fn proof_size(&self) -> Option<u32> {
		self.inner.proof_size()
	}

	fn get_read_and_written_keys(&self) -> Vec<(Vec<u8>, u32, u32, bool)> {
		self.inner.get_read_and_written_keys()
	}
}
