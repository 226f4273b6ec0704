//! Liquidity mining (`pallet-farming`): LP-token and token deposits held in place, and
//! activity farms fed by the DEX (trading volume), lending (supply and borrow positions) and
//! term staking (principal), paying reward streams from funded pots.

use crate::{configs::NativeAndAssets, stablecoin::NativeAndAssetHolds, *};
use defi_primitives::{DepositAsset, FarmProgram, LendingActivity, PriceProvider, ShareValue};
use frame_support::{
	parameter_types,
	traits::{fungible::NativeOrWithId, fungibles, ConstU32},
	PalletId,
};
use frame_system::EnsureRoot;
use sp_runtime::{
	traits::{CheckedAdd, Convert, Zero},
	Either, FixedPointNumber, FixedU128,
};

/// What a deposit farm takes: a token or an LP token (a separate id space).
pub type FarmDeposit = DepositAsset<NativeOrWithId<AssetId>, PoolAssetId>;
/// What a farm rewards.
pub type FarmProgramOf = FarmProgram<NativeOrWithId<AssetId>, FarmDeposit>;

parameter_types! {
	pub const FarmingPalletId: PalletId = PalletId(*b"defi/frm");
}

/// Sends LP tokens to `PoolAssets`' holds and every other token to the native/`Assets` holds.
pub struct DepositKind;
impl Convert<FarmDeposit, Either<NativeOrWithId<AssetId>, PoolAssetId>> for DepositKind {
	fn convert(asset: FarmDeposit) -> Either<NativeOrWithId<AssetId>, PoolAssetId> {
		match asset {
			DepositAsset::Token(token) => Either::Left(token),
			DepositAsset::Lp(id) => Either::Right(id),
		}
	}
}

/// Holds on every deposit token.
pub type DepositHolds =
	fungibles::UnionOf<NativeAndAssetHolds, PoolAssetsHolder, DepositKind, FarmDeposit, AccountId>;

/// USD of `amount` base units of `asset` at a fresh price.
fn usd(asset: &NativeOrWithId<AssetId>, amount: Balance) -> Option<FixedU128> {
	let quote = Prices::price(asset)?;
	defi_math::prices::usd_value(amount, quote.usd_per_token, quote.decimals, false)
		.ok()
		.map(FixedU128::from_inner)
}

/// What a farm's shares are worth, for its APR: deposits at the token's price (LP tokens at
/// their pool's reserves), lending supply at the market's exchange rate, borrows at the
/// stored borrow index, staking principal at the staked token's price; trading volume has no
/// value.
pub struct FarmShareValue;
impl ShareValue<FarmProgramOf> for FarmShareValue {
	fn value_of(program: &FarmProgramOf, shares: Balance) -> Option<FixedU128> {
		if shares.is_zero() {
			return None;
		}
		match program {
			FarmProgram::Deposit(DepositAsset::Token(token)) => usd(token, shares),
			FarmProgram::Deposit(DepositAsset::Lp(pool_id)) => {
				let pool = pallet_dex::Pools::<Runtime>::get(pool_id)?;
				let amounts = Dex::lp_share_value(*pool_id, shares)?;
				pool.assets
					.iter()
					.zip(amounts)
					.try_fold(FixedU128::zero(), |sum, (asset, amount)| {
						sum.checked_add(&usd(asset, amount)?)
					})
			},
			FarmProgram::Lending(LendingActivity::Supply(asset)) => {
				let market = Lending::market_view(asset)?;
				usd(asset, market.exchange_rate.checked_mul_int(shares)?)
			},
			FarmProgram::Lending(LendingActivity::Borrow(asset)) => {
				let market = pallet_lending::Markets::<Runtime>::get(asset)?;
				usd(asset, market.borrow_index.checked_mul_int(shares)?)
			},
			FarmProgram::Staking(product) => {
				let product = pallet_term_staking::Products::<Runtime>::get(product)?;
				usd(&product.staked_asset, shares)
			},
			FarmProgram::Trading { .. } => None,
		}
	}
}

impl pallet_farming::Config for Runtime {
	type AssetKind = NativeOrWithId<AssetId>;
	type DepositAsset = FarmDeposit;
	type Assets = NativeAndAssets;
	type DepositHolds = DepositHolds;
	type RuntimeHoldReason = RuntimeHoldReason;
	type AdminOrigin = EnsureRoot<AccountId>;
	type PalletId = FarmingPalletId;
	type MaxFarms = ConstU32<64>;
	type MaxRewards = ConstU32<4>;
	/// Two campaigns at once per program; every hook is charged for this many farms.
	type MaxFarmsPerProgram = ConstU32<2>;
	/// A year of hourly epochs.
	type MaxEpochs = ConstU32<{ 366 * 24 }>;
	type BlocksPerYear = ConstU32<{ crate::term_staking::BLOCKS_PER_YEAR }>;
	type Prices = Prices;
	type ShareValue = FarmShareValue;
	type WeightInfo = pallet_farming::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helpers::FarmingHelper;
}

/// The account holding every farm's reward funds.
pub fn farming_account() -> AccountId {
	pallet_farming::Pallet::<Runtime>::account()
}

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmark_helpers {
	use super::*;

	pub struct FarmingHelper;
	impl pallet_farming::BenchmarkHelper<NativeOrWithId<AssetId>, FarmDeposit, AccountId>
		for FarmingHelper
	{
		fn reward_asset(seed: u32, who: &AccountId) -> NativeOrWithId<AssetId> {
			crate::term_staking::benchmark_helpers::TermStakingHelper::asset_for(9_000 + seed, who)
		}

		/// An `Assets` token: its holds cost as much as an LP token's (the same pallets).
		fn deposit_asset(who: &AccountId) -> FarmDeposit {
			DepositAsset::Token(
				crate::term_staking::benchmark_helpers::TermStakingHelper::asset_for(9_900, who),
			)
		}
	}
}

/// Dev genesis farms, each paying DFI from a pot the market maker funds: one per genesis DEX
/// pool's LP token, lending supply and borrow of USDT, supply of DFI, the 90-day staking
/// product, and trading volume of DFI/USDT (pool 0) counted in USDT in hourly epochs. All run
/// for 90 days from block 0.
pub mod genesis {
	use super::*;
	use crate::assets::USDT;
	use alloc::{vec, vec::Vec};
	use pallet_farming::RewardConfig;

	/// Blocks the genesis farms run.
	pub const FARM_DURATION: BlockNumber = 90 * DAYS;
	/// DFI per block of every genesis farm but the trading one.
	pub const FARM_RATE: Balance = UNIT / 100;
	/// DFI per block of the trading farm, split over each hour's volume.
	pub const TRADING_FARM_RATE: Balance = UNIT / 20;
	/// DFI each genesis farm's pot is funded with.
	pub const FARM_POT: Balance = 5_000 * UNIT;
	/// Most DFI per USDT of volume, in base units (DFI 12 decimals, USDT 6): 0.0001 DFI per
	/// USDT, $0.0002 at the dev price of $2. A round trip of V USDT counts 2V of volume and
	/// earns at most 0.04 % of V. It pays 0.6 % of V in pool fees (0.3 % a leg), but a trader
	/// who owns the pool's LP tokens gets back what stays in the reserves: only the protocol's
	/// 10 % of each fee, 0.06 % of V, is lost for good. So wash trading loses at least 0.02 % of
	/// V even for the pool's whole LP supply (the cap must stay below `protocol fee share · fee /
	/// DFI price` per unit).
	pub fn trading_cap() -> FixedU128 {
		FixedU128::from_u32(100)
	}

	pub type GenesisFarm = (
		FarmProgramOf,
		BlockNumber,
		BlockNumber,
		BlockNumber,
		Vec<RewardConfig<NativeOrWithId<AssetId>>>,
	);

	pub fn farms() -> Vec<GenesisFarm> {
		let dfi = |rate: Balance, cap: Option<FixedU128>| {
			vec![RewardConfig { asset: NativeOrWithId::Native, rate, cap_per_volume: cap }]
		};
		let usdt = NativeOrWithId::WithId(USDT);
		let farm = |program: FarmProgramOf| (program, 0, FARM_DURATION, 0, dfi(FARM_RATE, None));
		let mut farms: Vec<GenesisFarm> =
			(0..5).map(|pool| farm(FarmProgram::Deposit(DepositAsset::Lp(pool)))).collect();
		farms.extend([
			farm(FarmProgram::Lending(LendingActivity::Supply(usdt.clone()))),
			farm(FarmProgram::Lending(LendingActivity::Borrow(usdt.clone()))),
			farm(FarmProgram::Lending(LendingActivity::Supply(NativeOrWithId::Native))),
			farm(FarmProgram::Staking(2)),
			(
				FarmProgram::Trading { pool: 0, measured: usdt },
				0,
				FARM_DURATION,
				HOURS,
				dfi(TRADING_FARM_RATE, Some(trading_cap())),
			),
		]);
		farms
	}

	/// Every genesis farm's only stream, funded by `funder`.
	pub fn pots(funder: AccountId) -> Vec<(u32, u32, AccountId, Balance)> {
		(0..farms().len() as u32)
			.map(|farm| (farm, 0, funder.clone(), FARM_POT))
			.collect()
	}
}
