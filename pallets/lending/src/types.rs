//! Markets, their parameters and borrow positions.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use defi_math::lending::JumpRate;
use defi_primitives::Balance;
use scale_info::TypeInfo;
use sp_arithmetic::{traits::One, FixedU128, Permill};

/// What a market allows.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	TypeInfo,
	MaxEncodedLen,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum MarketState {
	/// Everything.
	Active,
	/// No new risk: `supply` and `borrow` are rejected; the rest works.
	Paused,
	/// Emergency stop: only `repay` works (funds can come in, nothing leaves).
	Frozen,
}

impl MarketState {
	pub fn code(&self) -> u8 {
		match self {
			MarketState::Active => 0,
			MarketState::Paused => 1,
			MarketState::Frozen => 2,
		}
	}
}

/// The jump-rate model, per year (see [`defi_math::lending::JumpRate`]).
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
	serde::Serialize,
	serde::Deserialize,
)]
pub struct RateModel {
	pub base: FixedU128,
	pub slope_low: FixedU128,
	pub kink: Permill,
	pub slope_high: FixedU128,
}

impl RateModel {
	pub fn jump_rate(&self) -> JumpRate {
		JumpRate {
			base: self.base,
			slope_low: self.slope_low,
			kink: permill_fixed(self.kink),
			slope_high: self.slope_high,
		}
	}

	/// The rate at full utilization, the highest the model charges.
	pub fn max_rate(&self) -> Option<FixedU128> {
		defi_math::lending::borrow_rate(&self.jump_rate(), FixedU128::one()).ok()
	}
}

/// The risk and rate parameters of a market, set by the admin.
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
	serde::Serialize,
	serde::Deserialize,
)]
pub struct MarketParams {
	/// Share of collateral value that may be borrowed against.
	pub collateral_factor: Permill,
	/// Share of collateral value below which debt may be liquidated; above the collateral
	/// factor, so a fresh borrow is never liquidatable at unchanged prices.
	pub liquidation_threshold: Permill,
	/// Extra collateral value a liquidator seizes per unit of debt repaid.
	pub liquidation_incentive: Permill,
	/// Part of the incentive that goes to the market's reserves instead of the liquidator.
	pub liquidation_fee: Permill,
	/// Largest part of a debt one liquidation may repay (unless the position is underwater,
	/// see the pallet docs).
	pub close_factor: Permill,
	/// Part of interest that goes to reserves.
	pub reserve_factor: Permill,
	/// Most underlying suppliers' funds may reach.
	pub supply_cap: Balance,
	/// Most total borrows may reach.
	pub borrow_cap: Balance,
	/// Highest utilization a borrow may leave, so suppliers can always withdraw something.
	pub max_utilization: Permill,
	pub rate_model: RateModel,
}

/// A money market of one asset.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
pub struct Market {
	/// Asset id of its supplier shares.
	pub share_asset: u32,
	pub state: MarketState,
	pub params: MarketParams,
	/// Underlying the market holds, reserves included. Tracked here, not read from the pallet
	/// account: a donation to the account changes no exchange rate.
	pub cash: Balance,
	/// Debt of all borrowers with interest up to `last_accrued`.
	pub borrows: Balance,
	/// The protocol's part of the funds.
	pub reserves: Balance,
	/// Grows with interest; a debt taken at index `i` is worth `debt · now / i`.
	pub borrow_index: FixedU128,
	/// Unix time (seconds) interest was last accrued.
	pub last_accrued: u64,
}

/// A borrower's debt in one market: `principal` owed at `index`.
#[derive(Encode, Decode, Clone, Copy, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
pub struct BorrowSnapshot {
	pub principal: Balance,
	pub index: FixedU128,
}

/// One market of the dev genesis.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
pub struct GenesisMarket<AssetKind> {
	pub asset: AssetKind,
	pub share_asset: u32,
	pub params: MarketParams,
}

/// An open position of the dev genesis: supplies, then collateral, then borrows.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
pub struct GenesisPosition<AccountId, AssetKind> {
	pub who: AccountId,
	pub supply: alloc::vec::Vec<(AssetKind, Balance)>,
	pub collateral: alloc::vec::Vec<AssetKind>,
	pub borrow: alloc::vec::Vec<(AssetKind, Balance)>,
}

/// An account's totals across its markets, in USD with 18 decimals.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub struct Liquidity {
	/// Σ collateral value.
	pub collateral: Balance,
	/// Σ collateral value · collateral factor.
	pub borrow_limit: Balance,
	/// Σ collateral value · liquidation threshold.
	pub liquidation_limit: Balance,
	/// Σ debt value.
	pub debt: Balance,
}

impl Liquidity {
	/// Health against the liquidation threshold; `None` without debt.
	pub fn health(&self) -> Option<FixedU128> {
		defi_math::lending::health(self.liquidation_limit, self.debt)
	}
}

/// A `Permill` as a `FixedU128`, exactly.
pub fn permill_fixed(p: Permill) -> FixedU128 {
	FixedU128::from_inner(u128::from(p.deconstruct()) * 1_000_000_000_000)
}
