//! Measured by `scripts/benchmark-storage.sh 50000 40`: a `--dev` chain grown by
//! `scripts/populate-state.mjs` to the genesis economy plus 50000 funded accounts (DFI, USDT
//! and USDC each) and 40 extra asset/DFI pools, every key read and written with the trie
//! cache off. Regenerate rather than edit.

//! THIS FILE WAS AUTO-GENERATED USING THE SUBSTRATE BENCHMARK CLI VERSION 64.0.0
//! DATE: 2026-12-03 (Y/M/D)
//! HOSTNAME: `vm`, CPU: `AMD EPYC`
//!
//! DATABASE: `RocksDb`, RUNTIME: `Development`
//! BLOCK-NUM: `Number(55)`
//! SKIP-WRITE: `false`, SKIP-READ: `false`, WARMUPS: `1`
//! STATE-VERSION: `V1`, STATE-CACHE-SIZE: ``
//! WEIGHT-PATH: `/work/main/runtime/src/weights`
//! METRIC: `Average`, WEIGHT-MUL: `1.1`, WEIGHT-ADD: `0`

// Executed Command:
//   /root/.cache/defi-target/release/defi-node
//   benchmark
//   storage
//   --dev
//   --base-path
//   /tmp/tmp.A8WWzxlNOn/rocksdb
//   --database
//   rocksdb
//   --state-version
//   1
//   --mul
//   1.1
//   --header
//   /tmp/tmp.08gJEzsPpB
//   --weight-path
//   /work/main/runtime/src/weights

/// Storage DB weights for the `Development` runtime and `RocksDb`.
pub mod constants {
	use frame_support::weights::constants;
	use sp_core::parameter_types;
	use sp_weights::RuntimeDbWeight;

	parameter_types! {
		/// By default, Substrate uses `RocksDB`, so this will be the weight used throughout
		/// the runtime.
		pub const RocksDbWeight: RuntimeDbWeight = RuntimeDbWeight {
			/// Time to read one storage item.
			/// Calculated by multiplying the *Average* of all values with `1.1` and adding `0`.
			///
			/// Stats nanoseconds:
			///   Min, Max: 6_018, 13_367_286
			///   Average:  33_527
			///   Median:   32_358
			///   Std-Dev:  65085.05
			///
			/// Percentiles nanoseconds:
			///   99th: 80_079
			///   95th: 41_131
			///   75th: 35_863
			read: 36_880 * constants::WEIGHT_REF_TIME_PER_NANOS,

			/// Time to write one storage item.
			/// Calculated by multiplying the *Average* of all values with `1.1` and adding `0`.
			///
			/// Stats nanoseconds:
			///   Min, Max: 20_750, 20_750
			///   Average:  20_750
			///   Median:   20_750
			///   Std-Dev:  0.0
			///
			/// Percentiles nanoseconds:
			///   99th: 20_750
			///   95th: 20_750
			///   75th: 20_750
			write: 22_826 * constants::WEIGHT_REF_TIME_PER_NANOS,
		};
	}

	#[cfg(test)]
	mod test_db_weights {
		use super::constants::RocksDbWeight as W;
		use sp_weights::constants;

		/// Checks that all weights exist and have sane values.
		// NOTE: If this test fails but you are sure that the generated values are fine,
		// you can delete it.
		#[test]
		fn bound() {
			// At least 1 µs.
			assert!(
				W::get().reads(1).ref_time() >= constants::WEIGHT_REF_TIME_PER_MICROS,
				"Read weight should be at least 1 µs."
			);
			assert!(
				W::get().writes(1).ref_time() >= constants::WEIGHT_REF_TIME_PER_MICROS,
				"Write weight should be at least 1 µs."
			);
			// At most 1 ms.
			assert!(
				W::get().reads(1).ref_time() <= constants::WEIGHT_REF_TIME_PER_MILLIS,
				"Read weight should be at most 1 ms."
			);
			assert!(
				W::get().writes(1).ref_time() <= constants::WEIGHT_REF_TIME_PER_MILLIS,
				"Write weight should be at most 1 ms."
			);
		}
	}
}
