//! Prices in USD: what feeders report, what consumers receive and what a UI shows.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_arithmetic::FixedU128;

/// One feeder's last report for an asset.
#[derive(Encode, Decode, Clone, Copy, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
pub struct TimestampedPrice {
	/// USD per whole token.
	pub value: FixedU128,
	/// Unix time of the report, in milliseconds.
	pub timestamp: u64,
}

/// A price as a consuming pallet receives it: only ever a fresh one (see [`PriceProvider`]).
///
/// [`PriceProvider`]: crate::PriceProvider
#[derive(Encode, Decode, Clone, Copy, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
pub struct PriceQuote {
	/// USD per whole token.
	pub usd_per_token: FixedU128,
	/// Decimals of the token: a whole token is `10^decimals` base units.
	pub decimals: u8,
	/// Unix time (ms) of the newest report behind the price.
	pub updated: u64,
	/// The feeds deviate from the DEX TWAP beyond the configured bound: consumers must not
	/// let anyone add risk on this price (borrow, withdraw collateral, mint).
	pub disputed: bool,
}

/// Why a price is, or is not, usable.
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
)]
pub enum PriceStatus {
	/// Median of enough fresh feeds, consistent with the DEX (or no DEX price to compare).
	Live,
	/// Fresh feeds that deviate from the DEX TWAP beyond the bound.
	Disputed,
	/// An emergency price the admin pinned, until it expires.
	Pinned,
	/// Fewer fresh feeds than the minimum: no price.
	Unavailable,
}

/// A price as a UI shows it (runtime API).
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct PriceView<AssetKind> {
	pub asset: AssetKind,
	pub status: PriceStatus,
	/// USD per whole token; `None` when unavailable.
	pub price: Option<FixedU128>,
	pub decimals: u8,
	/// Unix time (ms) of the newest report behind the price (0 if none).
	pub updated: u64,
	/// Milliseconds since `updated`.
	pub age: u64,
	/// Feeders whose report is fresh.
	pub feeders: u32,
	/// The DEX TWAP in USD per whole token, when a pool against the USD reference has history
	/// covering the window.
	pub twap: Option<FixedU128>,
	/// Unix time (ms) after which the price is unavailable unless new feeds arrive.
	pub valid_until: u64,
}
