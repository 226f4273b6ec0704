//! The pallet's stored types: its parameters, the evaluated price of an asset and a pin.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use defi_primitives::PriceStatus;
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};
use sp_arithmetic::{FixedU128, Permill};

/// What counts as a usable price, set by the admin.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
	Serialize,
	Deserialize,
)]
pub struct PriceParams {
	/// A feed is fresh while it is younger than this many milliseconds (at least 1).
	pub max_age: u64,
	/// Fewest fresh feeds a price needs (at least 1).
	pub min_feeders: u32,
	/// Largest deviation of the feeds' median from the DEX TWAP before the price is disputed.
	pub max_deviation: Permill,
}

impl Default for PriceParams {
	/// Conservative defaults: feeds fresh for 10 minutes, three feeders, 5 % deviation.
	fn default() -> Self {
		Self { max_age: 600_000, min_feeders: 3, max_deviation: Permill::from_percent(5) }
	}
}

impl PriceParams {
	/// Whether the parameters can be used: a positive age and at least one feeder.
	pub fn is_valid(&self) -> bool {
		self.max_age > 0 && self.min_feeders > 0
	}
}

/// The evaluated price of a tracked asset, as [`crate::Current`] stores it.
#[derive(Encode, Decode, Clone, Copy, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
pub struct PriceState {
	/// Why the price is or is not usable.
	pub status: PriceStatus,
	/// USD per whole token: the feeds' median, or the pin. `None` exactly when the status is
	/// [`PriceStatus::Unavailable`]; never zero.
	pub price: Option<FixedU128>,
	/// Decimals of the token, read when it was tracked.
	pub decimals: u8,
	/// Unix time (ms) of the newest feed (future ones count as of the evaluation); 0 if none.
	pub updated: u64,
	/// Unix time (ms) from which the price is no longer usable: for feeds, the moment fewer
	/// than `min_feeders` of them would be fresh; for a pin, its end. 0 when unavailable.
	pub valid_until: u64,
	/// Feeds fresh at the evaluation.
	pub feeders: u32,
	/// The DEX TWAP against the USD reference, in USD per whole token, if there is one.
	pub twap: Option<FixedU128>,
}

impl PriceState {
	/// The state of an asset without a price.
	pub fn unavailable(decimals: u8) -> Self {
		Self {
			status: PriceStatus::Unavailable,
			price: None,
			decimals,
			updated: 0,
			valid_until: 0,
			feeders: 0,
			twap: None,
		}
	}

	/// Whether the price may be used at `now` (Unix ms): it exists and has not expired.
	pub fn is_usable(&self, now: u64) -> bool {
		self.status != PriceStatus::Unavailable && self.price.is_some() && now < self.valid_until
	}
}

/// An emergency price the admin set.
#[derive(Encode, Decode, Clone, Copy, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
pub struct Pin {
	/// USD per whole token; never zero.
	pub price: FixedU128,
	/// Unix time (ms) from which the pin no longer applies.
	pub until: u64,
}
