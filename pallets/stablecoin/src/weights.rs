//! Weights of the stablecoin pallet.
//!
//! PROVISIONAL: hand-set upper bounds until `scripts/benchmark-pallets.sh` generates this file
//! from `benchmarking.rs` (the runtime does not include the pallet yet).

#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::Weight};

pub trait WeightInfo {
	fn deposit_collateral() -> Weight;
	fn withdraw_collateral() -> Weight;
	fn mint() -> Weight;
	fn repay() -> Weight;
	fn close() -> Weight;
	fn liquidate() -> Weight;
	fn buy_collateral() -> Weight;
	fn heal() -> Weight;
	fn settle(c: u32) -> Weight;
	fn redeem(c: u32) -> Weight;
	fn set_collateral_type() -> Weight;
	fn set_debt_ceiling() -> Weight;
	fn shutdown(c: u32) -> Weight;
}

/// Conservative bounds: 150 µs of compute plus the storage each call touches at most.
pub struct SubstrateWeight<T>(PhantomData<T>);

fn bound<T: frame_system::Config>(reads: u64, writes: u64) -> Weight {
	Weight::from_parts(150_000_000, 20_000)
		.saturating_add(T::DbWeight::get().reads_writes(reads, writes))
}

impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn deposit_collateral() -> Weight {
		bound::<T>(8, 6)
	}
	fn withdraw_collateral() -> Weight {
		bound::<T>(10, 6)
	}
	fn mint() -> Weight {
		bound::<T>(12, 8)
	}
	fn repay() -> Weight {
		bound::<T>(10, 8)
	}
	fn close() -> Weight {
		bound::<T>(14, 10)
	}
	fn liquidate() -> Weight {
		bound::<T>(14, 12)
	}
	fn buy_collateral() -> Weight {
		bound::<T>(16, 12)
	}
	fn heal() -> Weight {
		bound::<T>(5, 4)
	}
	fn settle(c: u32) -> Weight {
		bound::<T>(12 + u64::from(c), 10)
	}
	fn redeem(c: u32) -> Weight {
		bound::<T>(5 + 3 * u64::from(c), 3 + 3 * u64::from(c))
	}
	fn set_collateral_type() -> Weight {
		bound::<T>(4, 4)
	}
	fn set_debt_ceiling() -> Weight {
		bound::<T>(3, 1)
	}
	fn shutdown(c: u32) -> Weight {
		bound::<T>(3 + 3 * u64::from(c), 2 + 2 * u64::from(c))
	}
}

impl WeightInfo for () {
	fn deposit_collateral() -> Weight {
		Weight::from_parts(150_000_000, 20_000)
	}
	fn withdraw_collateral() -> Weight {
		Weight::from_parts(150_000_000, 20_000)
	}
	fn mint() -> Weight {
		Weight::from_parts(150_000_000, 20_000)
	}
	fn repay() -> Weight {
		Weight::from_parts(150_000_000, 20_000)
	}
	fn close() -> Weight {
		Weight::from_parts(150_000_000, 20_000)
	}
	fn liquidate() -> Weight {
		Weight::from_parts(150_000_000, 20_000)
	}
	fn buy_collateral() -> Weight {
		Weight::from_parts(150_000_000, 20_000)
	}
	fn heal() -> Weight {
		Weight::from_parts(150_000_000, 20_000)
	}
	fn settle(_: u32) -> Weight {
		Weight::from_parts(150_000_000, 20_000)
	}
	fn redeem(_: u32) -> Weight {
		Weight::from_parts(150_000_000, 20_000)
	}
	fn set_collateral_type() -> Weight {
		Weight::from_parts(150_000_000, 20_000)
	}
	fn set_debt_ceiling() -> Weight {
		Weight::from_parts(150_000_000, 20_000)
	}
	fn shutdown(_: u32) -> Weight {
		Weight::from_parts(150_000_000, 20_000)
	}
}
