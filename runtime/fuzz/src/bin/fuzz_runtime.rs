//! libFuzzer entry point: every input runs through [`defi_runtime_fuzz::run`]; a finding panics,
//! which libFuzzer reports as a crash and saves the input.
//!
//! Set `FUZZ_STATS=<prefix>` to have this process's executed calls and blocks written to
//! `<prefix>.<pid>` every ten seconds (`scripts/fuzz.sh` sums them over its processes).
#![no_main]

use defi_runtime_fuzz::Report;
use libfuzzer_sys::fuzz_target;
use std::{
	sync::Mutex,
	time::{Duration, Instant},
};

struct Totals {
	report: Report,
	last_write: Option<Instant>,
}

static TOTALS: Mutex<Totals> = Mutex::new(Totals { report: Report::empty(), last_write: None });

fn note(report: &Report) {
	let Ok(prefix) = std::env::var("FUZZ_STATS") else { return };
	let Ok(mut totals) = TOTALS.lock() else { return };
	totals.report.merge(report);
	let due = totals.last_write.map_or(true, |t| t.elapsed() >= Duration::from_secs(10));
	if due {
		totals.last_write = Some(Instant::now());
		let path = format!("{prefix}.{}", std::process::id());
		let _ = std::fs::write(path, totals.report.lines());
	}
}

fuzz_target!(|data: &[u8]| {
	match defi_runtime_fuzz::run(data) {
		Ok(report) => note(&report),
		Err(finding) => panic!("finding: {finding}"),
	}
});
