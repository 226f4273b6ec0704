//! Types of the money markets shared with clients and other pallets.

use crate::Balance;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_arithmetic::{FixedU128, Permill};

/// An amount, or everything the account can (withdraw everything, repay the whole debt).
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
pub enum AmountOrAll {
	Exact(Balance),
	All,
}

/// The lending activities other pallets (farming) can reward, per market asset.
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
	PartialOrd,
	Ord,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum LendingActivity<AssetKind> {
	/// Shares are the account's supplier shares of the market.
	Supply(AssetKind),
	/// Shares are the account's debt divided by the market's borrow index (its principal at
	/// index 1), so they do not grow with interest.
	Borrow(AssetKind),
}

/// A market as a UI shows it (runtime API).
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct MarketView<AssetKind> {
	pub asset: AssetKind,
	/// Asset id of the market's supplier shares (in the assets pallet).
	pub share_asset: u32,
	/// 0 active, 1 paused for new risk, 2 frozen.
	pub state: u8,
	/// Underlying held by the market, reserves included.
	pub cash: Balance,
	pub borrows: Balance,
	pub reserves: Balance,
	pub total_shares: Balance,
	/// Underlying per share.
	pub exchange_rate: FixedU128,
	pub utilization: FixedU128,
	/// Per year, simple.
	pub borrow_apr: FixedU128,
	pub supply_apr: FixedU128,
	/// Per year, compounded every second.
	pub borrow_apy: FixedU128,
	pub supply_apy: FixedU128,
	pub collateral_factor: Permill,
	pub liquidation_threshold: Permill,
	/// Supply the cap still allows (`Balance::MAX` without a cap).
	pub supply_cap_left: Balance,
	/// Borrows the cap and the maximum utilization still allow.
	pub borrow_cap_left: Balance,
	/// USD per whole token, if a fresh price exists.
	pub price: Option<FixedU128>,
	pub decimals: u8,
}

/// One market of an account (runtime API).
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct PositionView<AssetKind> {
	pub asset: AssetKind,
	/// Supplier shares, free and held as collateral.
	pub shares: Balance,
	/// What the shares withdraw now.
	pub supplied: Balance,
	pub collateral: bool,
	/// Debt with interest up to now.
	pub debt: Balance,
	/// Largest amount `borrow` accepts now (0 when prices are missing or disputed).
	pub max_borrow: Balance,
	/// Largest amount `withdraw` accepts now.
	pub max_withdraw: Balance,
}

/// An account across markets (runtime API). Values in USD with 18 decimals.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct AccountView<AssetKind> {
	pub positions: alloc::vec::Vec<PositionView<AssetKind>>,
	/// Σ collateral · price · liquidation threshold / Σ debt · price; `None` without debt or
	/// when a price is missing.
	pub health: Option<FixedU128>,
	/// Σ collateral · price · collateral factor.
	pub borrow_limit: Balance,
	/// Σ collateral · price · liquidation threshold.
	pub liquidation_limit: Balance,
	/// Σ debt · price.
	pub debt_value: Balance,
	pub collateral_value: Balance,
}
