//! The stablecoin: the peg stability module seen from the vault pallet, and the views its
//! runtime API returns.

use crate::types::Balance;
use alloc::vec::Vec;
use codec::{Decode, Encode};
use frame_support::weights::Weight;
use scale_info::TypeInfo;
use sp_arithmetic::{FixedU128, Permill};
use sp_runtime::DispatchResult;

/// The 1:1 peg module (polkadot-sdk's `pallet-psm` in the runtime) as the vault pallet uses it:
/// its debt counts towards the one system debt ceiling, its reserves towards the system totals,
/// and a shutdown stops its minting.
pub trait PegStabilityModule<AssetKind> {
	/// Stablecoin minted through the module and not redeemed: what its reserves back 1:1.
	fn debt() -> Balance;
	/// The module's reserve of each external asset it accepts.
	fn reserves() -> Vec<(AssetKind, Balance)>;
	/// Lets the module mint at most up to `ceiling` of debt in total.
	fn set_debt_ceiling(ceiling: Balance) -> DispatchResult;
	/// Stops minting for every external asset; redemptions go on.
	fn stop_minting() -> DispatchResult;
	/// Weight of [`Self::set_debt_ceiling`].
	fn set_debt_ceiling_weight() -> Weight;
	/// Weight of [`Self::stop_minting`].
	fn stop_minting_weight() -> Weight;
}

impl<AssetKind> PegStabilityModule<AssetKind> for () {
	fn debt() -> Balance {
		0
	}
	fn reserves() -> Vec<(AssetKind, Balance)> {
		Vec::new()
	}
	fn set_debt_ceiling(_: Balance) -> DispatchResult {
		Ok(())
	}
	fn stop_minting() -> DispatchResult {
		Ok(())
	}
	fn set_debt_ceiling_weight() -> Weight {
		Weight::zero()
	}
	fn stop_minting_weight() -> Weight {
		Weight::zero()
	}
}

/// One vault as a UI shows it, with its fees accrued to now.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct VaultView<AssetKind> {
	pub asset: AssetKind,
	/// Collateral held in the owner's account, in base units.
	pub collateral: Balance,
	/// What the vault owes now (stablecoin base units), fees included.
	pub debt: Balance,
	/// USD value (18 decimals) of the collateral at the current price; `None` without one.
	pub collateral_value: Option<Balance>,
	/// Collateral value over debt; `None` without debt or without a price.
	pub ratio: Option<FixedU128>,
	/// Stablecoin the vault could still mint at the minimum ratio (0 without a usable price).
	pub max_mintable: Balance,
	/// Collateral the owner could withdraw now and stay at the minimum ratio.
	pub max_withdrawable: Balance,
	/// USD per whole collateral token below which the vault can be liquidated.
	pub liquidation_price: Option<FixedU128>,
	/// Below the liquidation ratio at a fresh price.
	pub liquidatable: bool,
}

/// A collateral type as a UI shows it.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct CollateralTypeView<AssetKind> {
	pub asset: AssetKind,
	/// A vault below this ratio can be liquidated.
	pub liquidation_ratio: FixedU128,
	/// Minting and withdrawing must leave a vault at or above this ratio.
	pub minimum_ratio: FixedU128,
	/// Stability fee per second, and compounded over a year.
	pub stability_fee_per_second: FixedU128,
	pub stability_fee_yearly: FixedU128,
	pub liquidation_penalty: Permill,
	pub debt_ceiling: Balance,
	pub minimum_debt: Balance,
	/// Furthest a liquidation's swap may fall short of the oracle price.
	pub max_slippage: Permill,
	/// Discount a liquidator gets buying collateral the market cannot take.
	pub purchase_discount: Permill,
	/// Debt of every vault of the type, fees accrued to now.
	pub debt: Balance,
	pub collateral: Balance,
	pub vaults: u32,
	/// The accumulated fee rate (1 at creation).
	pub rate: FixedU128,
	/// The current USD price per whole token, if fresh.
	pub price: Option<FixedU128>,
}

/// Collateral a holder gets back per stablecoin after a shutdown.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct ShutdownView<AssetKind> {
	/// Unix time (ms) of the shutdown.
	pub at: u64,
	/// Vaults whose debt is not yet settled against their collateral; redemption waits for 0.
	pub unsettled_vaults: u32,
	/// Stablecoin that can still be redeemed for vault collateral (0 until the rate is fixed).
	pub redeemable: Balance,
	/// Base units of each collateral paid for one whole stablecoin, once fixed.
	pub per_stablecoin: Vec<(AssetKind, Balance)>,
	/// Prices (USD per whole token) frozen at the shutdown.
	pub prices: Vec<(AssetKind, FixedU128)>,
}

/// The whole system in figures.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct StablecoinTotals<AssetKind> {
	pub stablecoin: AssetKind,
	/// Total issuance of the stablecoin.
	pub issuance: Balance,
	/// Debt of every vault, fees accrued to now.
	pub vault_debt: Balance,
	/// Stablecoin minted through the peg module and not redeemed.
	pub psm_debt: Balance,
	pub psm_reserves: Vec<(AssetKind, Balance)>,
	/// USD value (18 decimals) of every vault's collateral at current prices (types without a
	/// price count 0).
	pub collateral_value: Balance,
	/// Stablecoin in the surplus account (fees, penalties).
	pub surplus: Balance,
	/// Stablecoin in circulation that no debt or reserve backs.
	pub bad_debt: Balance,
	/// The one ceiling over vault and peg-module debt.
	pub debt_ceiling: Balance,
	pub shutdown: Option<ShutdownView<AssetKind>>,
}
