//! Placeholder weights, replaced by `scripts/benchmark-pallets.sh`.
#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

pub trait WeightInfo {
	fn search(p: u32) -> Weight;
	fn execute(r: u32) -> Weight;
}

pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn search(p: u32) -> Weight {
		Weight::from_parts(50_000_000, 0)
			.saturating_add(Weight::from_parts(2_000_000, 3_000).saturating_mul(p.into()))
			.saturating_add(T::DbWeight::get().reads(p.into()))
	}
	fn execute(r: u32) -> Weight {
		Weight::from_parts(60_000_000, 8_000)
			.saturating_add(Weight::from_parts(60_000_000, 8_000).saturating_mul(r.into()))
			.saturating_add(T::DbWeight::get().reads_writes(4 + 4 * r as u64, 4 + 4 * r as u64))
	}
}

impl WeightInfo for () {
	fn search(p: u32) -> Weight {
		Weight::from_parts(50_000_000, 0)
			.saturating_add(Weight::from_parts(2_000_000, 3_000).saturating_mul(p.into()))
			.saturating_add(RocksDbWeight::get().reads(p.into()))
	}
	fn execute(r: u32) -> Weight {
		Weight::from_parts(60_000_000, 8_000)
			.saturating_add(Weight::from_parts(60_000_000, 8_000).saturating_mul(r.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(4 + 4 * r as u64, 4 + 4 * r as u64))
	}
}
