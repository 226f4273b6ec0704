//! The example tokens every dev and local chain starts with.

use crate::{AssetId, Balance};

/// A token registered in `pallet-assets` at genesis.
pub struct GenesisAsset {
	pub id: AssetId,
	pub name: &'static str,
	pub symbol: &'static str,
	pub decimals: u8,
	/// Smallest balance an account may hold, in the token's base units.
	pub min_balance: Balance,
	/// Genesis balance of each dev account, in whole tokens.
	pub whole_tokens_per_account: Balance,
}

impl GenesisAsset {
	/// One whole token in base units.
	pub const fn unit(&self) -> Balance {
		10u128.pow(self.decimals as u32)
	}
}

pub const USDT: AssetId = 1;
pub const USDC: AssetId = 2;
pub const WBTC: AssetId = 3;
pub const WETH: AssetId = 4;
/// The chain's stablecoin: minted only by vaults (`pallet-stablecoin`) and the peg module
/// (`pallet-psm`), owned by the stablecoin pallet's account, never endowed at genesis.
pub const DUSD: AssetId = 5;
pub const DUSD_NAME: &str = "Dollar";
pub const DUSD_SYMBOL: &str = "dUSD";

/// Genesis tokens. They are "sufficient": an account may hold them without native balance.
pub const GENESIS_ASSETS: [GenesisAsset; 4] = [
	GenesisAsset {
		id: USDT,
		name: "Tether USD",
		symbol: "USDT",
		decimals: 6,
		min_balance: 1_000,
		whole_tokens_per_account: 10_000_000,
	},
	GenesisAsset {
		id: USDC,
		name: "USD Coin",
		symbol: "USDC",
		decimals: 6,
		min_balance: 1_000,
		whole_tokens_per_account: 10_000_000,
	},
	GenesisAsset {
		id: WBTC,
		name: "Wrapped Bitcoin",
		symbol: "WBTC",
		decimals: 8,
		min_balance: 1_000,
		whole_tokens_per_account: 1_000,
	},
	GenesisAsset {
		id: WETH,
		name: "Wrapped Ether",
		symbol: "WETH",
		decimals: 18,
		min_balance: 1_000_000_000_000,
		whole_tokens_per_account: 10_000,
	},
];
