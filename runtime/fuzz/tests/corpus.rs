//! Replays the committed fuzzing corpus and every regression input through the harness: no
//! input may find anything, and together they must keep exercising the DEX and the money markets
//! successfully.

use std::path::Path;

fn inputs(dir: &Path) -> Vec<(String, Vec<u8>)> {
	let mut files: Vec<_> = std::fs::read_dir(dir)
		.map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
		.unwrap_or_default();
	files.sort();
	files
		.into_iter()
		.filter(|p: &std::path::PathBuf| {
			p.is_file() && p.file_name().is_some_and(|n| n != "README.md")
		})
		.map(|p| (p.display().to_string(), std::fs::read(&p).unwrap_or_default()))
		.collect()
}

#[test]
fn corpus_and_regressions_replay_without_findings() {
	let root = Path::new(env!("CARGO_MANIFEST_DIR"));
	let corpus = inputs(&root.join("corpus"));
	let regressions = inputs(&root.join("regressions"));
	assert!(!corpus.is_empty(), "the committed corpus is empty: run scripts/fuzz.sh");
	let started = std::time::Instant::now();
	let mut total = defi_runtime_fuzz::Report::default();
	// `FUZZ_ONLY=<part of a file name>` replays just the matching inputs (with `FUZZ_TRACE=1`,
	// call by call); the reach checks below then do not apply.
	let only = std::env::var("FUZZ_ONLY").ok();
	for (name, data) in corpus.iter().chain(regressions.iter()) {
		if only.as_ref().is_some_and(|o| !name.contains(o.as_str())) {
			continue;
		}
		match defi_runtime_fuzz::run(data) {
			Ok(report) => total.merge(&report),
			Err(finding) => panic!("{name}: {finding}"),
		}
	}
	println!("{}", total.table());
	println!(
		"{} corpus and {} regression inputs in {:.1} s",
		corpus.len(),
		regressions.len(),
		started.elapsed().as_secs_f64()
	);
	if only.is_some() {
		return;
	}
	let succeeded = |name: &str| total.calls.get(name).map_or(0, |c| c.succeeded);
	for call in [
		"Dex::swap_exact_in",
		"Dex::swap_exact_out",
		"Dex::add_liquidity",
		"Dex::remove_liquidity",
		"Dex::create_pool",
		"Assets::transfer",
		"Balances::transfer_keep_alive",
		"Oracle::feed_values",
		"Lending::supply",
		"Lending::enable_collateral",
		"Lending::borrow",
		"Lending::withdraw",
		"Lending::repay",
		"Lending::liquidate",
		"Router::swap_exact_in",
		"Router::swap_exact_out",
	] {
		assert!(succeeded(call) > 0, "the corpus no longer reaches a successful {call}");
	}
}
