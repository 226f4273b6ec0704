//! Storage and call types of the stablecoin pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use defi_primitives::Balance;
use scale_info::TypeInfo;
use sp_arithmetic::{FixedU128, Permill};

/// A collateral type's risk parameters (set by the admin origin).
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
pub struct CollateralParams {
	/// Below this collateral value over debt a vault can be liquidated (e.g. 1.5).
	pub liquidation_ratio: FixedU128,
	/// Minting and withdrawing must leave a vault at or above this ratio; above the
	/// liquidation ratio, so a fresh position is never liquidatable at once.
	pub minimum_ratio: FixedU128,
	/// Stability fee per second (`defi_math::vaults::per_second_fee` of the yearly fee).
	pub stability_fee: FixedU128,
	/// Charged on the debt at liquidation, to the surplus.
	pub liquidation_penalty: Permill,
	/// Most debt the type's vaults may owe together.
	pub debt_ceiling: Balance,
	/// Least debt a vault may owe, unless it owes nothing (keeps liquidations worth a
	/// keeper's fee).
	pub minimum_debt: Balance,
	/// Furthest a liquidation's swap may fall short of the oracle price.
	pub max_slippage: Permill,
	/// What a liquidator saves buying collateral the market could not take.
	pub purchase_discount: Permill,
}

/// A collateral type: its parameters, fee accumulator and totals.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
pub struct CollateralType {
	pub params: CollateralParams,
	/// Accumulated fee rate: a vault owes its normalized debt times this. 1 at creation.
	pub rate: FixedU128,
	/// Unix time (ms) up to which `rate` has accrued.
	pub accrued_to: u64,
	/// Σ normalized debt of the type's vaults.
	pub normalized: Balance,
	/// Σ booked debt of the type's vaults (what they owed when last touched).
	pub debt: Balance,
	/// Σ collateral held by the type's vaults.
	pub collateral: Balance,
	/// Vaults of the type.
	pub vaults: u32,
	/// Vaults of the type with debt (what a shutdown must settle).
	pub indebted: u32,
}

/// One vault: collateral held in the owner's account, and its debt.
#[derive(Encode, Decode, Clone, Copy, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen, Default)]
pub struct Vault {
	pub collateral: Balance,
	/// Debt divided by the type's rate when it was booked, rounded up.
	pub normalized: Balance,
	/// `normalized · rate` (rounded up) at the last touch; every fee between two touches is
	/// minted to the surplus when the vault is touched, so this is exactly what stablecoin the
	/// vault stands behind.
	pub debt: Balance,
}

/// The stablecoin's books. With `I` the total issuance and `P` the peg module's debt, always:
/// `I = Σ vault debt + P + bad_debt + shutdown_claims` and `I = minted + P − burned`.
#[derive(Encode, Decode, Clone, Copy, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen, Default)]
pub struct Ledger {
	/// Σ booked debt of every vault.
	pub vault_debt: Balance,
	/// Stablecoin in circulation behind which no debt is left (liquidation shortfalls not yet
	/// covered by the surplus).
	pub bad_debt: Balance,
	/// After a shutdown: stablecoin that settled vault debt left in circulation, redeemable for
	/// the settled collateral.
	pub shutdown_claims: Balance,
	/// Every stablecoin this pallet minted: draws and fees.
	pub minted: Balance,
	/// Every stablecoin this pallet burned: repayments, liquidations, redemptions, surplus.
	pub burned: Balance,
}

/// How a liquidation sold the collateral.
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
pub enum Sale {
	/// Through the swap venue (the router), at no less than the oracle price less slippage.
	Market,
	/// To the liquidator at the purchase discount, after the market could not fill.
	Purchase,
}

/// The state after an emergency shutdown.
#[derive(Encode, Decode, Clone, Copy, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
pub struct ShutdownState {
	/// Unix time (ms) of the shutdown: fees stop accruing here.
	pub at: u64,
	/// Vaults with debt not yet settled against their collateral.
	pub unsettled: u32,
	/// Stablecoin the settled collateral backs, fixed when the last vault settled; `None`
	/// until then (no redemption before).
	pub claims_at_fix: Option<Balance>,
}

/// A collateral type after a shutdown: its frozen price and the collateral settled debt took.
#[derive(Encode, Decode, Clone, Copy, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
pub struct ShutdownCollateral {
	/// USD per whole token at the shutdown.
	pub price: FixedU128,
	pub decimals: u8,
	/// Collateral taken from vaults for their debt, in the pallet account.
	pub pool: Balance,
	/// Paid out to redeeming holders so far.
	pub paid: Balance,
}

/// A vault for the genesis: deposited and minted without a price check (no price exists at
/// genesis); whoever writes it keeps it above the minimum ratio at the prices feeders report.
#[derive(
	Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo, serde::Serialize, serde::Deserialize,
)]
pub struct GenesisVault<AccountId, AssetKind> {
	pub owner: AccountId,
	pub asset: AssetKind,
	pub collateral: Balance,
	pub debt: Balance,
}
