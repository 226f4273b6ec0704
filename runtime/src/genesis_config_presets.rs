//! Genesis presets: `development` (one validator, Alice) and `local_testnet` (Alice, Bob, Charlie
//! and Dave validating). Both start with the dev accounts funded in the native token and in every
//! genesis asset, so a newcomer can trade in the first minute.

use crate::{
	assets::{DUSD, DUSD_NAME, DUSD_SYMBOL, GENESIS_ASSETS, USDC, USDT, WBTC, WETH},
	stablecoin::{dev_peg_module, stablecoin_account, DUSD_DECIMALS},
	AccountId, AssetConversionConfig, AssetId, AssetsConfig, AuraConfig, Balance, BalancesConfig,
	DexConfig, FarmingConfig, GrandpaConfig, LendingConfig, OracleMembershipConfig, PricesConfig,
	PsmGenesisConfig, RuntimeGenesisConfig, StablecoinConfig, SudoConfig, TermStakingConfig, DAYS,
	UNIT,
};
use alloc::{vec, vec::Vec};
use defi_psm_adapter::genesis::GenesisMint;
use frame_support::traits::fungible::NativeOrWithId;
use pallet_dex::GenesisPool;
use pallet_lending::{GenesisMarket, GenesisPosition, MarketParams, RateModel};
use pallet_stablecoin::{CollateralParams, GenesisVault};
use pallet_term_staking::ProductTerms;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{PresetId, DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};
use sp_runtime::FixedU128;
use sp_runtime::Permill;

/// Native balance of every dev account at genesis.
pub const DEV_ACCOUNT_NATIVE: Balance = 1_000_000 * UNIT;

/// The well-known dev accounts funded at genesis.
pub fn dev_accounts() -> Vec<AccountId> {
	[
		Sr25519Keyring::Alice,
		Sr25519Keyring::Bob,
		Sr25519Keyring::Charlie,
		Sr25519Keyring::Dave,
		Sr25519Keyring::Eve,
		Sr25519Keyring::Ferdie,
	]
	.into_iter()
	.map(|k| k.to_account_id())
	.collect()
}

/// Aura and GRANDPA keys of a well-known dev validator.
fn authority_keys(sr: Sr25519Keyring, ed: Ed25519Keyring) -> (AuraId, GrandpaId) {
	(sr.public().into(), ed.public().into())
}

/// The genesis state shared by every preset; only the validator set differs.
pub fn genesis_config(
	authorities: Vec<(AuraId, GrandpaId)>,
	endowed: Vec<AccountId>,
	root: AccountId,
) -> RuntimeGenesisConfig {
	let asset_owner = root.clone();
	// Ferdie provides the genesis liquidity, so the other dev accounts start with round balances.
	let market_maker = Sr25519Keyring::Ferdie.to_account_id();
	RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed.iter().cloned().map(|a| (a, DEV_ACCOUNT_NATIVE)).collect(),
			..Default::default()
		},
		aura: AuraConfig { authorities: authorities.iter().map(|(a, _)| a.clone()).collect() },
		grandpa: GrandpaConfig {
			authorities: authorities.iter().map(|(_, g)| (g.clone(), 1)).collect(),
			..Default::default()
		},
		sudo: SudoConfig { key: Some(root.clone()) },
		oracle_membership: OracleMembershipConfig {
			members: vec![root].try_into().expect("one feeder"),
			..Default::default()
		},
		prices: PricesConfig {
			// One feeder on a dev chain (Alice, fed by `scripts/feeder.mjs`); production chains
			// need several.
			params: pallet_prices::PriceParams {
				max_age: 10 * 60 * 1_000,
				min_feeders: 1,
				max_deviation: Permill::from_percent(10),
			},
			assets: priced_assets(),
		},
		lending: LendingConfig {
			markets: genesis_markets(),
			positions: genesis_positions(market_maker.clone()),
		},
		dex: DexConfig {
			fee_tiers: vec![
				Permill::from_parts(500),
				Permill::from_parts(3_000),
				Permill::from_percent(1),
			],
			protocol_fee_share: Permill::from_percent(10),
			pools: genesis_pools(market_maker.clone()),
		},
		asset_conversion: AssetConversionConfig {
			pools: asset_conversion_pools(market_maker.clone()),
		},
		psm_genesis: PsmGenesisConfig {
			instances: vec![dev_peg_module()],
			mints: vec![GenesisMint {
				who: market_maker.clone(),
				internal: DUSD,
				external: USDC,
				external_amount: PSM_GENESIS_MINT_USDC * 1_000_000,
			}],
		},
		stablecoin: StablecoinConfig {
			collateral_types: collateral_types(),
			debt_ceiling: DEBT_CEILING_DUSD * DUSD_UNIT,
			vaults: genesis_vaults(),
		},
		farming: FarmingConfig {
			farms: crate::farming::genesis::farms(),
			pots: crate::farming::genesis::pots(market_maker.clone()),
			deposits: vec![],
		},
		term_staking: TermStakingConfig {
			products: staking_products(),
			pots: staking_pots(),
			positions: staking_positions(),
		},
		assets: AssetsConfig {
			// dUSD's owner is the stablecoin pallet: no signed origin can mint it.
			assets: GENESIS_ASSETS
				.iter()
				.map(|a| (a.id, asset_owner.clone(), true, a.min_balance))
				.chain([(DUSD, stablecoin_account(), true, 1)])
				.collect(),
			metadata: GENESIS_ASSETS
				.iter()
				.map(|a| {
					(a.id, a.name.as_bytes().to_vec(), a.symbol.as_bytes().to_vec(), a.decimals)
				})
				.chain([(
					DUSD,
					DUSD_NAME.as_bytes().to_vec(),
					DUSD_SYMBOL.as_bytes().to_vec(),
					DUSD_DECIMALS,
				)])
				.collect(),
			accounts: GENESIS_ASSETS
				.iter()
				.flat_map(|a| {
					let amount = a.whole_tokens_per_account.saturating_mul(a.unit());
					endowed.iter().cloned().map(move |who| (a.id, who, amount))
				})
				.collect(),
			..Default::default()
		},
		..Default::default()
	}
}

/// Pools seeded at genesis from the market maker's funds, at realistic prices:
/// 1 DFI = 2 USDT, 1 WBTC = 60,000 USDT, 1 WETH = 3,000 USDT, and a USDT/USDC stable pool.
pub fn genesis_pools(
	market_maker: AccountId,
) -> Vec<GenesisPool<AccountId, NativeOrWithId<AssetId>>> {
	let usdt = |whole: Balance| whole * 1_000_000;
	let cp = |assets: [NativeOrWithId<AssetId>; 2], amounts: [Balance; 2]| GenesisPool {
		provider: market_maker.clone(),
		assets: assets.to_vec(),
		amounts: amounts.to_vec(),
		fee: Permill::from_parts(3_000),
		stable: None,
	};
	vec![
		cp([NativeOrWithId::Native, NativeOrWithId::WithId(USDT)], [100_000 * UNIT, usdt(200_000)]),
		cp(
			[NativeOrWithId::WithId(USDT), NativeOrWithId::WithId(WBTC)],
			[usdt(3_000_000), 50 * 100_000_000],
		),
		cp(
			[NativeOrWithId::WithId(USDT), NativeOrWithId::WithId(WETH)],
			[usdt(3_000_000), 1_000 * 1_000_000_000_000_000_000],
		),
		GenesisPool {
			provider: market_maker.clone(),
			assets: vec![NativeOrWithId::WithId(USDT), NativeOrWithId::WithId(USDC)],
			amounts: vec![usdt(1_000_000), usdt(1_000_000)],
			fee: Permill::from_parts(400),
			stable: Some((200, vec![6, 6])),
		},
		// dUSD's market: where liquidations sell collateral for it (through USDT) and where
		// its peg is kept by arbitrage with the peg module.
		GenesisPool {
			provider: market_maker.clone(),
			assets: vec![
				NativeOrWithId::WithId(USDT),
				NativeOrWithId::WithId(USDC),
				NativeOrWithId::WithId(DUSD),
			],
			amounts: vec![usdt(DUSD_POOL_EACH), usdt(DUSD_POOL_EACH), usdt(DUSD_POOL_EACH)],
			fee: Permill::from_parts(400),
			stable: Some((200, vec![6, 6, DUSD_DECIMALS])),
		},
	]
}

/// Term-staking products: DFI for 10 blocks (demos and tests), 30, 90 and 180 days, and USDT
/// for 30 days. Only the 10-block and the 90-day products allow an early exit.
pub fn staking_products() -> Vec<(NativeOrWithId<AssetId>, NativeOrWithId<AssetId>, ProductTerms)> {
	let dfi = NativeOrWithId::Native;
	let usdt = NativeOrWithId::WithId(USDT);
	let product =
		|term: u32, apr_percent: u128, max: Balance, capacity: Balance, exit: Option<u32>| {
			ProductTerms {
				term,
				apr: FixedU128::from_rational(apr_percent, 100),
				min_stake: UNIT,
				max_stake: max * UNIT,
				capacity: capacity * UNIT,
				open: true,
				early_exit_penalty: exit.map(Permill::from_percent),
			}
		};
	vec![
		(dfi.clone(), dfi.clone(), product(STAKING_DEMO_TERM, 20, 100_000, 1_000_000, Some(5))),
		(dfi.clone(), dfi.clone(), product(30 * DAYS, 8, 500_000, 5_000_000, None)),
		(dfi.clone(), dfi.clone(), product(90 * DAYS, 12, 500_000, 5_000_000, Some(10))),
		(dfi.clone(), dfi, product(180 * DAYS, 18, 500_000, 5_000_000, None)),
		(
			usdt.clone(),
			usdt,
			ProductTerms {
				min_stake: 10 * 1_000_000,
				max_stake: 1_000_000 * 1_000_000,
				capacity: 10_000_000 * 1_000_000,
				..product(30 * DAYS, 6, 0, 0, None)
			},
		),
	]
}

/// Blocks of the demo staking product (product 0).
pub const STAKING_DEMO_TERM: u32 = 10;

/// The market maker funds every product's pot: 1,000, 20,000, 30,000 and 40,000 DFI, and
/// 50,000 USDT.
pub fn staking_pots() -> Vec<(u32, AccountId, Balance)> {
	let funder = Sr25519Keyring::Ferdie.to_account_id();
	vec![
		(0, funder.clone(), 1_000 * UNIT),
		(1, funder.clone(), 20_000 * UNIT),
		(2, funder.clone(), 30_000 * UNIT),
		(3, funder.clone(), 40_000 * UNIT),
		(4, funder, 50_000 * 1_000_000),
	]
}

/// Charlie's 10,000 DFI for 90 days and Dave's 5,000 USDT for 30 days are staked at genesis.
pub fn staking_positions() -> Vec<(u32, AccountId, Balance)> {
	vec![
		(2, Sr25519Keyring::Charlie.to_account_id(), 10_000 * UNIT),
		(4, Sr25519Keyring::Dave.to_account_id(), 5_000 * 1_000_000),
	]
}

/// One dUSD in base units.
pub const DUSD_UNIT: Balance = 1_000_000;
/// The one debt ceiling over vaults and the peg module, in dUSD.
pub const DEBT_CEILING_DUSD: Balance = 50_000_000;
/// USDC the market maker deposits in the peg module at genesis (for 0.1 % less dUSD).
pub const PSM_GENESIS_MINT_USDC: Balance = 1_000_000;
/// dUSD, USDT and USDC each in the dUSD stable pool.
pub const DUSD_POOL_EACH: Balance = 300_000;
/// dUSD the market maker supplies to dUSD's money market.
pub const DUSD_LENDING_SUPPLY: Balance = 500_000;

/// Vault risk per collateral: DFI (volatile, thin market) 150 % to liquidate, 170 % to mint,
/// 4 % a year, 10 % penalty; WBTC and WETH 130 % / 150 %, 2 %, 8 %.
pub fn collateral_types() -> Vec<(NativeOrWithId<AssetId>, CollateralParams)> {
	let params = |liq: u32, min: u32, fee: u32, penalty: u32, ceiling: Balance, slip, disc| {
		CollateralParams {
			liquidation_ratio: FixedU128::from_rational(liq.into(), 100),
			minimum_ratio: FixedU128::from_rational(min.into(), 100),
			stability_fee: defi_math::vaults::per_second_fee(FixedU128::from_rational(
				fee.into(),
				100,
			))
			.unwrap_or_default(),
			liquidation_penalty: Permill::from_percent(penalty),
			debt_ceiling: ceiling * DUSD_UNIT,
			minimum_debt: 100 * DUSD_UNIT,
			max_slippage: Permill::from_percent(slip),
			purchase_discount: Permill::from_percent(disc),
		}
	};
	vec![
		(NativeOrWithId::Native, params(150, 170, 4, 10, 5_000_000, 5, 8)),
		(NativeOrWithId::WithId(WBTC), params(130, 150, 2, 8, 10_000_000, 3, 5)),
		(NativeOrWithId::WithId(WETH), params(130, 150, 2, 8, 10_000_000, 3, 5)),
	]
}

/// Eve borrows 50,000 dUSD against 100,000 DFI (200,000 USD: ratio 4); Dave 20,000 dUSD against
/// 20 WETH (60,000 USD: ratio 3).
fn genesis_vaults() -> Vec<GenesisVault<AccountId, NativeOrWithId<AssetId>>> {
	vec![
		GenesisVault {
			owner: Sr25519Keyring::Eve.to_account_id(),
			asset: NativeOrWithId::Native,
			collateral: 100_000 * UNIT,
			debt: 50_000 * DUSD_UNIT,
		},
		GenesisVault {
			owner: Sr25519Keyring::Dave.to_account_id(),
			asset: NativeOrWithId::WithId(WETH),
			collateral: 20 * 1_000_000_000_000_000_000,
			debt: 20_000 * DUSD_UNIT,
		},
	]
}

/// asset-conversion pools for the same pairs (and DFI/WETH, which the DEX trades only through
/// USDT), shallower and about 1 % off the DEX's prices, so the router has two venues to
/// aggregate from the first block: DFI at 2.02 USDT, WBTC at 60,600, WETH at 2,970.
pub fn asset_conversion_pools(
	market_maker: AccountId,
) -> Vec<(NativeOrWithId<AssetId>, NativeOrWithId<AssetId>, AccountId, Balance, Balance)> {
	let usdt = |whole: Balance| whole * 1_000_000;
	let weth = |whole: Balance| whole * 1_000_000_000_000_000_000;
	let (native, tether) = (NativeOrWithId::Native, NativeOrWithId::WithId(USDT));
	vec![
		(native.clone(), tether.clone(), market_maker.clone(), 50_000 * UNIT, usdt(101_000)),
		(
			tether.clone(),
			NativeOrWithId::WithId(WBTC),
			market_maker.clone(),
			usdt(242_400),
			4 * 100_000_000,
		),
		(tether, NativeOrWithId::WithId(WETH), market_maker.clone(), usdt(297_000), weth(100)),
		(native, NativeOrWithId::WithId(WETH), market_maker, 30_000 * UNIT, weth(20)),
	]
}

/// Every genesis token, the native one and dUSD: all are priced and have a money market.
pub fn priced_assets() -> Vec<NativeOrWithId<AssetId>> {
	[NativeOrWithId::Native]
		.into_iter()
		.chain(GENESIS_ASSETS.iter().map(|a| NativeOrWithId::WithId(a.id)))
		.chain([NativeOrWithId::WithId(DUSD)])
		.collect()
}

/// USD per whole token the dev feeder starts from, consistent with [`genesis_pools`].
pub fn reference_prices() -> Vec<(NativeOrWithId<AssetId>, FixedU128)> {
	vec![
		(NativeOrWithId::Native, FixedU128::from_u32(2)),
		(NativeOrWithId::WithId(USDT), FixedU128::from_u32(1)),
		(NativeOrWithId::WithId(USDC), FixedU128::from_u32(1)),
		(NativeOrWithId::WithId(WBTC), FixedU128::from_u32(60_000)),
		(NativeOrWithId::WithId(WETH), FixedU128::from_u32(3_000)),
		(NativeOrWithId::WithId(DUSD), FixedU128::from_u32(1)),
	]
}

/// Share asset of the market of `asset`: 1000 for the native token, 1000 + id for the rest.
pub fn share_asset_of(asset: &NativeOrWithId<AssetId>) -> AssetId {
	match asset {
		NativeOrWithId::Native => 1_000,
		NativeOrWithId::WithId(id) => 1_000 + id,
	}
}

/// Stablecoins (dUSD too) lend at 80 % (threshold 85 %), WBTC and WETH at 70 % (78 %), DFI at 50 % (60 %).
fn market_params(asset: &NativeOrWithId<AssetId>) -> MarketParams {
	let (cf, lt, incentive) = match asset {
		NativeOrWithId::WithId(USDT | USDC | DUSD) => (80, 85, 5),
		NativeOrWithId::WithId(_) => (70, 78, 8),
		NativeOrWithId::Native => (50, 60, 10),
	};
	MarketParams {
		collateral_factor: Permill::from_percent(cf),
		liquidation_threshold: Permill::from_percent(lt),
		liquidation_incentive: Permill::from_percent(incentive),
		liquidation_fee: Permill::from_percent(10),
		close_factor: Permill::from_percent(50),
		reserve_factor: Permill::from_percent(10),
		supply_cap: Balance::MAX,
		borrow_cap: Balance::MAX,
		max_utilization: Permill::from_percent(95),
		rate_model: RateModel {
			base: FixedU128::from_rational(2, 100),
			slope_low: FixedU128::from_rational(10, 100),
			kink: Permill::from_percent(80),
			slope_high: FixedU128::from_rational(200, 100),
		},
	}
}

fn genesis_markets() -> Vec<GenesisMarket<NativeOrWithId<AssetId>>> {
	priced_assets()
		.into_iter()
		.map(|asset| GenesisMarket {
			share_asset: share_asset_of(&asset),
			params: market_params(&asset),
			asset,
		})
		.collect()
}

/// The market maker supplies liquidity to every market; Charlie and Dave borrow, well within
/// their limits at [`reference_prices`]. Alice and Bob start without positions.
fn genesis_positions(
	market_maker: AccountId,
) -> Vec<GenesisPosition<AccountId, NativeOrWithId<AssetId>>> {
	let usd = |whole: Balance| whole * 1_000_000;
	let (usdt, usdc, wbtc, weth) = (
		NativeOrWithId::WithId(USDT),
		NativeOrWithId::WithId(USDC),
		NativeOrWithId::WithId(WBTC),
		NativeOrWithId::WithId(WETH),
	);
	vec![
		GenesisPosition {
			who: market_maker,
			supply: vec![
				(NativeOrWithId::Native, 200_000 * UNIT),
				(usdt.clone(), usd(1_500_000)),
				(usdc.clone(), usd(1_000_000)),
				(wbtc.clone(), 20 * 100_000_000),
				(weth.clone(), 500 * 1_000_000_000_000_000_000),
				(NativeOrWithId::WithId(DUSD), usd(DUSD_LENDING_SUPPLY)),
			],
			collateral: vec![],
			borrow: vec![],
		},
		// 2 WBTC (120,000 USD, limit 84,000) against 50,000 USDT: health 1.87.
		GenesisPosition {
			who: Sr25519Keyring::Charlie.to_account_id(),
			supply: vec![(wbtc.clone(), 2 * 100_000_000)],
			collateral: vec![wbtc],
			borrow: vec![(usdt, usd(50_000))],
		},
		// 50 WETH (150,000 USD, limit 105,000) against 40,000 USDC and 10,000 DFI: health 1.95.
		GenesisPosition {
			who: Sr25519Keyring::Dave.to_account_id(),
			supply: vec![(weth.clone(), 50 * 1_000_000_000_000_000_000)],
			collateral: vec![weth],
			borrow: vec![(usdc, usd(40_000)), (NativeOrWithId::Native, 10_000 * UNIT)],
		},
	]
}

fn development() -> RuntimeGenesisConfig {
	genesis_config(
		vec![authority_keys(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		dev_accounts(),
		Sr25519Keyring::Alice.to_account_id(),
	)
}

fn local_testnet() -> RuntimeGenesisConfig {
	genesis_config(
		vec![
			authority_keys(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			authority_keys(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
			authority_keys(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
			authority_keys(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
		],
		dev_accounts(),
		Sr25519Keyring::Alice.to_account_id(),
	)
}

/// The genesis config of a named preset, if it exists.
pub fn preset_config(id: &PresetId) -> Option<RuntimeGenesisConfig> {
	match id.as_str() {
		DEV_RUNTIME_PRESET => Some(development()),
		LOCAL_TESTNET_RUNTIME_PRESET => Some(local_testnet()),
		_ => None,
	}
}

/// The JSON of a named preset, as `GenesisBuilder::get_preset` returns it.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let config = preset_config(id)?;
	serde_json::to_vec(&config).ok()
}

/// Names of all presets.
pub fn preset_names() -> Vec<PresetId> {
	vec![PresetId::from(DEV_RUNTIME_PRESET), PresetId::from(LOCAL_TESTNET_RUNTIME_PRESET)]
}
