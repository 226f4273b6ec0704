//! Weights for `pallet_lending`.
//!
//! Estimates shaped like `scripts/benchmark-pallets.sh` output, until the pallet joins the
//! runtime and the script regenerates this file from `benchmarking.rs`. `n` is the number of
//! markets the account uses (at most `MaxAccountMarkets`).

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed by `pallet_lending`.
pub trait WeightInfo {
	fn create_market() -> Weight;
	fn set_market_params() -> Weight;
	fn set_market_state() -> Weight;
	fn supply() -> Weight;
	fn withdraw(n: u32, ) -> Weight;
	fn enable_collateral() -> Weight;
	fn disable_collateral(n: u32, ) -> Weight;
	fn borrow(n: u32, ) -> Weight;
	fn repay() -> Weight;
	fn liquidate(n: u32, ) -> Weight;
	fn write_off_bad_debt(n: u32, ) -> Weight;
	fn accrue_interest() -> Weight;
}

/// Weights for the runtime, with its database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn create_market() -> Weight {
		Weight::from_parts(40_000_000, 3593)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn set_market_params() -> Weight {
		Weight::from_parts(20_000_000, 3593)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn set_market_state() -> Weight {
		Weight::from_parts(15_000_000, 3593)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn supply() -> Weight {
		Weight::from_parts(90_000_000, 3593)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	fn withdraw(n: u32, ) -> Weight {
		Weight::from_parts(110_000_000, 3593)
			.saturating_add(Weight::from_parts(25_000_000, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().reads((5_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	fn enable_collateral() -> Weight {
		Weight::from_parts(50_000_000, 3593)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn disable_collateral(n: u32, ) -> Weight {
		Weight::from_parts(60_000_000, 3593)
			.saturating_add(Weight::from_parts(25_000_000, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().reads((5_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn borrow(n: u32, ) -> Weight {
		Weight::from_parts(110_000_000, 3593)
			.saturating_add(Weight::from_parts(25_000_000, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().reads((5_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	fn repay() -> Weight {
		Weight::from_parts(80_000_000, 3593)
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	fn liquidate(n: u32, ) -> Weight {
		Weight::from_parts(220_000_000, 3593)
			.saturating_add(Weight::from_parts(50_000_000, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(18_u64))
			.saturating_add(T::DbWeight::get().reads((10_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(11_u64))
	}
	fn write_off_bad_debt(n: u32, ) -> Weight {
		Weight::from_parts(30_000_000, 3593)
			.saturating_add(Weight::from_parts(40_000_000, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().reads((4_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(0_u64))
	}
	fn accrue_interest() -> Weight {
		Weight::from_parts(20_000_000, 3593)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
}

// For tests and mocks.
impl WeightInfo for () {
	fn create_market() -> Weight {
		Weight::from_parts(40_000_000, 3593)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn set_market_params() -> Weight {
		Weight::from_parts(20_000_000, 3593)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn set_market_state() -> Weight {
		Weight::from_parts(15_000_000, 3593)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn supply() -> Weight {
		Weight::from_parts(90_000_000, 3593)
			.saturating_add(RocksDbWeight::get().reads(8_u64))
			.saturating_add(RocksDbWeight::get().writes(6_u64))
	}
	fn withdraw(n: u32, ) -> Weight {
		Weight::from_parts(110_000_000, 3593)
			.saturating_add(Weight::from_parts(25_000_000, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(10_u64))
			.saturating_add(RocksDbWeight::get().reads((5_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(6_u64))
	}
	fn enable_collateral() -> Weight {
		Weight::from_parts(50_000_000, 3593)
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn disable_collateral(n: u32, ) -> Weight {
		Weight::from_parts(60_000_000, 3593)
			.saturating_add(Weight::from_parts(25_000_000, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().reads((5_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn borrow(n: u32, ) -> Weight {
		Weight::from_parts(110_000_000, 3593)
			.saturating_add(Weight::from_parts(25_000_000, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(10_u64))
			.saturating_add(RocksDbWeight::get().reads((5_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(6_u64))
	}
	fn repay() -> Weight {
		Weight::from_parts(80_000_000, 3593)
			.saturating_add(RocksDbWeight::get().reads(7_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn liquidate(n: u32, ) -> Weight {
		Weight::from_parts(220_000_000, 3593)
			.saturating_add(Weight::from_parts(50_000_000, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(18_u64))
			.saturating_add(RocksDbWeight::get().reads((10_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(11_u64))
	}
	fn write_off_bad_debt(n: u32, ) -> Weight {
		Weight::from_parts(30_000_000, 3593)
			.saturating_add(Weight::from_parts(40_000_000, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().reads((4_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(0_u64))
	}
	fn accrue_interest() -> Weight {
		Weight::from_parts(20_000_000, 3593)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
}
