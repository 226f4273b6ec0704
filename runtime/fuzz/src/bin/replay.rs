//! Runs every input file of the given files or directories through the fuzzer's harness, without
//! libFuzzer, and prints what they executed: `replay runtime/fuzz/corpus`.
//! Exits with 1 on the first finding, printing it and the input's path.

use defi_runtime_fuzz::Report;
use std::path::{Path, PathBuf};

fn inputs(path: &Path, out: &mut Vec<PathBuf>) {
	if path.is_dir() {
		let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
			.map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
			.unwrap_or_default();
		entries.sort();
		for entry in entries {
			inputs(&entry, out);
		}
	} else if path.is_file() {
		out.push(path.to_path_buf());
	}
}

fn main() {
	let mut files = Vec::new();
	for arg in std::env::args().skip(1) {
		inputs(Path::new(&arg), &mut files);
	}
	let started = std::time::Instant::now();
	let mut total = Report::default();
	for file in &files {
		let data = std::fs::read(file).unwrap_or_default();
		match defi_runtime_fuzz::run(&data) {
			Ok(report) => total.merge(&report),
			Err(finding) => {
				eprintln!("{}: {finding}", file.display());
				std::process::exit(1);
			},
		}
	}
	print!("{}", total.table());
	println!("\n{} inputs in {:.1} s", files.len(), started.elapsed().as_secs_f64());
}
