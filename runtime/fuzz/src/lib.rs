//! Runtime fuzzing: random call sequences from many accounts through the whole `defi-runtime`,
//! with chain-wide invariants after every block.
//!
//! One input is a sequence of blocks. Each block is opened through `Executive` (Aura digest,
//! `on_initialize`, the timestamp inherent), then fills with calls generated from the input
//! ([`input`]) and dispatched as the block builder applies extrinsics ([`chain::apply_call`]),
//! then closes (`on_idle`, `on_finalize`, storage root). After every call its charged weight is
//! held against the storage work it did; after every block the invariants in [`invariants`] run.
//! Any violation or panic is a finding.
//!
//! `src/bin/fuzz_runtime.rs` drives [`run`] from libFuzzer (`scripts/fuzz.sh`);
//! `tests/corpus.rs` replays the committed corpus in the normal test suite.

pub mod chain;
pub mod counting_ext;
pub mod farming_input;
pub mod input;
pub mod invariants;
pub mod lending_input;
pub mod router_input;
pub mod stablecoin_input;
pub mod staking_input;
#[cfg(test)]
mod tests;

use arbitrary::Unstructured;
use std::collections::BTreeMap;

/// At most this many blocks per input, so one input stays fast.
pub const MAX_BLOCKS: u32 = 24;
/// Pallets of this repository: a call of theirs charged below its work is a finding.
pub const OWN_PALLETS: [&str; 7] =
	["Dex::", "Farming::", "Lending::", "Prices::", "Router::", "Stablecoin::", "TermStaking::"];
/// At most this many empty blocks between two blocks with calls.
pub const MAX_EMPTY_BLOCKS: u32 = 40;
/// At most this many calls per block.
pub const MAX_CALLS_PER_BLOCK: u32 = 12;

/// How the calls of one name fared.
#[derive(Default, Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallCount {
	pub dispatched: u64,
	pub succeeded: u64,
	/// Calls the block had no room for.
	pub no_room: u64,
}

/// What one or more inputs executed.
#[derive(Default, Debug, Clone)]
pub struct Report {
	pub inputs: u64,
	pub blocks: u64,
	pub calls: BTreeMap<String, CallCount>,
	/// Calls of polkadot-sdk pallets whose charged weight was below their storage work: noted,
	/// not findings (their weights come from polkadot-sdk's own benchmarks).
	pub upstream_weight_shortfalls: BTreeMap<String, u64>,
	/// Failed calls by call and error.
	pub errors: BTreeMap<String, u64>,
}

impl Report {
	/// Nothing executed yet (usable in a `static`).
	pub const fn empty() -> Self {
		Report {
			inputs: 0,
			blocks: 0,
			calls: BTreeMap::new(),
			upstream_weight_shortfalls: BTreeMap::new(),
			errors: BTreeMap::new(),
		}
	}

	pub fn merge(&mut self, other: &Report) {
		self.inputs += other.inputs;
		self.blocks += other.blocks;
		for (name, count) in &other.calls {
			let entry = self.calls.entry(name.clone()).or_default();
			entry.dispatched += count.dispatched;
			entry.succeeded += count.succeeded;
			entry.no_room += count.no_room;
		}
		for (name, n) in &other.upstream_weight_shortfalls {
			*self.upstream_weight_shortfalls.entry(name.clone()).or_default() += n;
		}
		for (name, n) in &other.errors {
			*self.errors.entry(name.clone()).or_default() += n;
		}
	}

	/// Dispatched and succeeded calls per pallet.
	pub fn per_pallet(&self) -> BTreeMap<String, CallCount> {
		let mut pallets: BTreeMap<String, CallCount> = BTreeMap::new();
		for (name, count) in &self.calls {
			let pallet = name.split("::").next().unwrap_or(name).to_string();
			let entry = pallets.entry(pallet).or_default();
			entry.dispatched += count.dispatched;
			entry.succeeded += count.succeeded;
			entry.no_room += count.no_room;
		}
		pallets
	}

	/// One fact per line, for summing over fuzzer processes: `inputs N`, `blocks N`,
	/// `call NAME DISPATCHED SUCCEEDED NO_ROOM`, `shortfall NAME N`.
	pub fn lines(&self) -> String {
		let mut out = format!("inputs {}\nblocks {}\n", self.inputs, self.blocks);
		for (name, c) in &self.calls {
			out.push_str(&format!("call {name} {} {} {}\n", c.dispatched, c.succeeded, c.no_room));
		}
		for (name, n) in &self.upstream_weight_shortfalls {
			out.push_str(&format!("shortfall {name} {n}\n"));
		}
		out
	}

	/// A human-readable table: per pallet, then per call.
	pub fn table(&self) -> String {
		let mut out = format!("inputs {}  blocks {}\n", self.inputs, self.blocks);
		let row = |name: &str, c: &CallCount| {
			let share = if c.dispatched == 0 {
				0.0
			} else {
				100.0 * c.succeeded as f64 / c.dispatched as f64
			};
			format!("{name:<48} {:>10} {:>10} {:>6.1}%\n", c.dispatched, c.succeeded, share)
		};
		out.push_str(&format!(
			"{:<48} {:>10} {:>10} {:>7}\n",
			"pallet", "dispatched", "succeeded", "share"
		));
		for (name, c) in self.per_pallet() {
			out.push_str(&row(&name, &c));
		}
		out.push_str(&format!(
			"\n{:<48} {:>10} {:>10} {:>7}\n",
			"call", "dispatched", "succeeded", "share"
		));
		for (name, c) in &self.calls {
			out.push_str(&row(name, c));
		}
		if !self.upstream_weight_shortfalls.is_empty() {
			out.push_str(
				"\npolkadot-sdk calls charged below their storage work (noted, not findings)\n",
			);
			for (name, n) in &self.upstream_weight_shortfalls {
				out.push_str(&format!("{name:<48} {n:>10}\n"));
			}
		}
		if std::env::var_os("FUZZ_REPORT_ERRORS").is_some() {
			out.push_str("\nfailed calls by error\n");
			for (name, n) in &self.errors {
				out.push_str(&format!("{name:<72} {n:>8}\n"));
			}
		}
		out
	}
}

/// `Pallet::Error` of a module error, the variant of any other.
fn error_name(error: &sp_runtime::DispatchError) -> String {
	match error {
		sp_runtime::DispatchError::Module(m) => m.message.unwrap_or("?").to_string(),
		other => format!("{other:?}"),
	}
}

/// A violated invariant, a weight below the work, or an inconsistent genesis.
pub type Finding = String;

thread_local! {
	/// The genesis state as a trie backend, built once per thread; every input runs in a fresh
	/// overlay above it, so no input sees another's changes.
	static GENESIS: std::cell::RefCell<sp_io::TestExternalities> =
		std::cell::RefCell::new(sp_io::TestExternalities::new(chain::genesis_storage()));
}

/// Runs `f` on the `development` genesis, with storage accesses countable.
pub fn with_genesis<R>(f: impl FnOnce() -> R) -> R {
	GENESIS.with(|genesis| {
		let mut ext = genesis.borrow_mut();
		ext.reset_overlay();
		let mut inner = ext.ext();
		let mut counting = counting_ext::CountingExt { inner: &mut inner };
		sp_externalities::set_and_run_with_externalities(&mut counting, f)
	})
}

/// Runs one input from the `development` genesis. A panic inside the runtime propagates.
pub fn run(data: &[u8]) -> Result<Report, Finding> {
	with_genesis(|| run_blocks(data))
}

fn run_blocks(data: &[u8]) -> Result<Report, Finding> {
	let mut report = Report { inputs: 1, ..Default::default() };
	let mut u = Unstructured::new(data);
	let actors = input::actors();
	let mut snapshots = invariants::PoolSnapshots::new();
	let trace = std::env::var_os("FUZZ_TRACE").is_some();
	invariants::check_all(0, &mut snapshots).map_err(|e| format!("genesis: {e}"))?;
	let mut parent = frame_system::BlockHash::<defi_runtime::Runtime>::get(0);
	let mut number = 0u32;
	while report.blocks < u64::from(MAX_BLOCKS) && !u.is_empty() {
		// Now and then empty blocks pass first (oracle windows, ramps, deadlines).
		if u.int_in_range(0u8..=15).unwrap_or(1) == 0 {
			for _ in 0..u.int_in_range(1..=MAX_EMPTY_BLOCKS).unwrap_or(1) {
				number += 1;
				chain::open_block(number, parent);
				parent = chain::close_block();
			}
		}
		number += 1;
		chain::open_block(number, parent);
		let ctx = input::Context { actors: &actors, block: number };
		let calls = u.int_in_range(0..=MAX_CALLS_PER_BLOCK).unwrap_or(0);
		for _ in 0..calls {
			let Ok(Some((caller, call))) = input::next_call(&mut u, &ctx, 0) else { continue };
			let name = chain::call_name(&call);
			if trace {
				eprintln!("block {number}: {caller:?} {call:?}");
			}
			let (outcome, violation) = chain::apply_call(&caller, call);
			if trace {
				eprintln!("  -> {outcome:?}");
				if let Err(e) = invariants::asset_issuance::<
					defi_runtime::Assets,
					pallet_assets::Instance1,
				>("Assets")
				{
					eprintln!("  !! {e}");
				}
			}
			let count = report.calls.entry(name.clone()).or_default();
			match outcome {
				chain::Outcome::NoRoom => count.no_room += 1,
				chain::Outcome::Dispatched { ok, error } => {
					count.dispatched += 1;
					count.succeeded += u64::from(ok);
					if let Some(error) = error {
						*report
							.errors
							.entry(format!("{name} {}", error_name(&error)))
							.or_default() += 1;
					}
				},
			}
			if let Some(v) = violation {
				if OWN_PALLETS.iter().any(|p| v.call.starts_with(p)) {
					return Err(format!("block {number}: weight below the work: {v:?}"));
				}
				*report.upstream_weight_shortfalls.entry(v.call).or_default() += 1;
			}
		}
		invariants::block_weight_within_limits().map_err(|e| format!("block {number}: {e}"))?;
		parent = chain::close_block();
		report.blocks += 1;
		invariants::check_all(number, &mut snapshots)
			.map_err(|e| format!("block {number}: {e}"))?;
	}
	Ok(report)
}
