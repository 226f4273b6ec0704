//! Shared by every property test of the workspace, so one seed reproduces any CI failure.

/// The seed `scripts/test.sh` (and so CI) uses when `PROPTEST_RNG_SEED` is not set.
pub const DEFAULT_SEED: u64 = 20_261_128;
/// Cases per property when `PROPTEST_CASES` is not set.
pub const DEFAULT_CASES: u32 = 1000;

/// Deterministic proptest configuration: `PROPTEST_CASES` cases (default 1000) from the seed
/// `PROPTEST_RNG_SEED` (default [`DEFAULT_SEED`]), ChaCha RNG, no failure-persistence files.
pub fn proptest_config() -> proptest::test_runner::Config {
	let from_env = |name: &str| std::env::var(name).ok().and_then(|v| v.trim().parse::<u64>().ok());
	let seed = from_env("PROPTEST_RNG_SEED").unwrap_or(DEFAULT_SEED);
	let cases = from_env("PROPTEST_CASES")
		.and_then(|c| u32::try_from(c).ok())
		.unwrap_or(DEFAULT_CASES);
	proptest::test_runner::Config {
		cases,
		failure_persistence: None,
		rng_algorithm: proptest::test_runner::RngAlgorithm::ChaCha,
		rng_seed: proptest::test_runner::RngSeed::Fixed(seed),
		..proptest::test_runner::Config::default()
	}
}
