//! Test runtime: balances, `pallet-assets` with holds, polkadot-sdk's `pallet-psm` through the
//! runtime's adapter, a settable price feed and clock, a constant-product market (built on
//! defi-math) as the swap venue, and the stablecoin pallet.

use crate as pallet_stablecoin;
use defi_primitives::{PriceProvider, PriceQuote};
use frame_support::{
	construct_runtime, derive_impl, parameter_types,
	traits::{
		fungible::{NativeFromLeft, NativeOrWithId, UnionOf},
		fungibles::{Balanced, Inspect},
		tokens::{Fortitude, Precision, Preservation},
		AsEnsureOriginWithArg, ConstU128, ConstU32, ConstU64, UnixTime,
	},
	weights::Weight,
	PalletId,
};
use frame_system::{EnsureRoot, EnsureRootWithSuccess, EnsureSigned, EnsureSignedBy};
use pallet_asset_conversion::{QuotePrice, SwapCredit};
use sp_arithmetic::{FixedU128, Permill};
use sp_runtime::{traits::IdentityLookup, BuildStorage, DispatchError};

pub type AccountId = sp_runtime::AccountId32;
pub type Balance = u128;
pub type Asset = NativeOrWithId<u32>;
type Block = frame_system::mocking::MockBlock<Test>;

construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Assets: pallet_assets::<Instance1>,
		AssetsHolder: pallet_assets_holder::<Instance1>,
		Psm: pallet_psm,
		Stablecoin: pallet_stablecoin,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = IdentityLookup<AccountId>;
	type AccountData = pallet_balances::AccountData<Balance>;
	type MaxConsumers = ConstU32<32>;
}

pub const EXISTENTIAL_DEPOSIT: Balance = 100;

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

#[derive_impl(pallet_assets::config_preludes::TestDefaultConfig)]
impl pallet_assets::Config<pallet_assets::Instance1> for Test {
	type Balance = Balance;
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSigned<AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
	type AssetDeposit = ConstU128<0>;
	type AssetAccountDeposit = ConstU128<0>;
	type MetadataDepositBase = ConstU128<0>;
	type MetadataDepositPerByte = ConstU128<0>;
	type ApprovalDeposit = ConstU128<0>;
	type Freezer = ();
	type Holder = AssetsHolder;
	type BenchmarkHelper = ();
}

impl pallet_assets_holder::Config<pallet_assets::Instance1> for Test {
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeEvent = RuntimeEvent;
}

pub type NativeAndAssets = UnionOf<Balances, Assets, NativeFromLeft, Asset, AccountId>;
pub type NativeAndAssetHolds = UnionOf<Balances, AssetsHolder, NativeFromLeft, Asset, AccountId>;

parameter_types! {
	pub const PsmPalletId: PalletId = PalletId(*b"py/psm!!");
	pub const NoDepositor: Option<AccountId> = None;
	pub const StablecoinId: u32 = DUSD_ID;
	pub PsmExternals: Vec<u32> = vec![USDT_ID, USDC_ID];
}

impl pallet_psm::Config for Test {
	type Fungibles = Assets;
	type Consideration = ();
	type CreateOrigin = EnsureRootWithSuccess<AccountId, NoDepositor>;
	type RuntimeOrigin = RuntimeOrigin;
	type PalletsOrigin = OriginCaller;
	type AssetId = u32;
	type WeightInfo = ();
	type PalletId = PsmPalletId;
	type MaxExternals = ConstU32<4>;
	type BenchmarkHelper = PsmBenchmarks;
}

/// `pallet-psm`'s benchmarks are not run here; its helper is required by its feature set.
pub struct PsmBenchmarks;
impl pallet_psm::BenchmarkHelper<u32, AccountId> for PsmBenchmarks {
	fn get_asset_id(i: u32) -> u32 {
		i
	}
	fn create_asset(_: u32, _: &AccountId, _: u8) {}
}

pub type PegModule = defi_psm_adapter::PsmPeg<Test, StablecoinId, PsmExternals>;

parameter_types! {
	pub const StablecoinPalletId: PalletId = PalletId(*b"defi/usd");
	pub const Dusd: Asset = DUSD;
	/// Unix time in milliseconds.
	pub static Now: u64 = START_MS;
	/// Prices the feed reports: (asset, USD per whole token, decimals, disputed).
	pub static Prices: Vec<(Asset, FixedU128, u8, bool)> = vec![];
	/// The market's pools: (collateral, collateral reserve, dUSD reserve); `MARKET` holds them.
	pub static Pools: Vec<(Asset, Balance, Balance)> = vec![];
	/// Swaps the market made: (asset in, amount in, amount out).
	pub static MarketTrades: Vec<(Asset, Balance, Balance)> = vec![];
}

pub const START_MS: u64 = 1_700_000_000_000;
/// 0.3 % on the input, as a DEX pool.
pub const MARKET_FEE: Permill = Permill::from_parts(3_000);

pub struct GuardianMembers;
impl frame_support::traits::SortedMembers<AccountId> for GuardianMembers {
	fn sorted_members() -> Vec<AccountId> {
		vec![GUARDIAN]
	}
}

pub struct MockClock;
impl UnixTime for MockClock {
	fn now() -> core::time::Duration {
		core::time::Duration::from_millis(Now::get())
	}
}

pub struct MockPrices;
impl PriceProvider<Asset> for MockPrices {
	fn price(asset: &Asset) -> Option<PriceQuote> {
		Prices::get().iter().find(|p| &p.0 == asset).map(|p| PriceQuote {
			usd_per_token: p.1,
			decimals: p.2,
			updated: Now::get(),
			disputed: p.3,
		})
	}
}

type Credit = frame_support::traits::fungibles::Credit<AccountId, NativeAndAssets>;

/// A constant-product pool per collateral against dUSD, reserves in [`Pools`], tokens in
/// `MARKET`'s account: the router as liquidations see it.
pub struct MockMarket;

impl MockMarket {
	/// `(reserve in, reserve out)` for a swap of `asset_in` into `asset_out`, and the pool's
	/// collateral.
	fn reserves(asset_in: &Asset, asset_out: &Asset) -> Option<(Balance, Balance, Asset, bool)> {
		let pools = Pools::get();
		if *asset_out == DUSD {
			let p = pools.iter().find(|p| &p.0 == asset_in)?;
			Some((p.1, p.2, p.0.clone(), true))
		} else if *asset_in == DUSD {
			let p = pools.iter().find(|p| &p.0 == asset_out)?;
			Some((p.2, p.1, p.0.clone(), false))
		} else {
			None
		}
	}

	fn out_for(asset_in: &Asset, asset_out: &Asset, amount_in: Balance) -> Option<Balance> {
		let (r_in, r_out, _, _) = Self::reserves(asset_in, asset_out)?;
		defi_math::get_amount_out(amount_in, r_in, r_out, MARKET_FEE).ok()
	}

	fn in_for(asset_in: &Asset, asset_out: &Asset, amount_out: Balance) -> Option<Balance> {
		let (r_in, r_out, _, _) = Self::reserves(asset_in, asset_out)?;
		defi_math::get_amount_in(amount_out, r_in, r_out, MARKET_FEE).ok()
	}

	fn execute(
		credit_in: Credit,
		asset_out: &Asset,
		amount_out: Balance,
	) -> Result<Credit, (Credit, DispatchError)> {
		let asset_in = credit_in.asset();
		let amount_in = credit_in.peek();
		let Some((_, _, collateral, selling_collateral)) = Self::reserves(&asset_in, asset_out)
		else {
			return Err((credit_in, DispatchError::Other("no pool")));
		};
		if let Err(credit) = <NativeAndAssets as Balanced<AccountId>>::resolve(&MARKET, credit_in) {
			return Err((credit, DispatchError::Other("resolve")));
		}
		let out = <NativeAndAssets as Balanced<AccountId>>::withdraw(
			asset_out.clone(),
			&MARKET,
			amount_out,
			Precision::Exact,
			Preservation::Expendable,
			Fortitude::Polite,
		)
		.expect("the market holds its reserves");
		Pools::mutate(|pools| {
			let p = pools.iter_mut().find(|p| p.0 == collateral).expect("pool exists");
			if selling_collateral {
				p.1 += amount_in;
				p.2 -= amount_out;
			} else {
				p.2 += amount_in;
				p.1 -= amount_out;
			}
		});
		MarketTrades::mutate(|t| t.push((asset_in, amount_in, amount_out)));
		Ok(out)
	}
}

impl SwapCredit<AccountId> for MockMarket {
	type Balance = Balance;
	type AssetKind = Asset;
	type Credit = Credit;

	fn max_path_len() -> u32 {
		2
	}

	fn swap_exact_tokens_for_tokens(
		path: Vec<Asset>,
		credit_in: Credit,
		amount_out_min: Option<Balance>,
	) -> Result<Credit, (Credit, DispatchError)> {
		let [asset_in, asset_out] = &path[..] else {
			return Err((credit_in, DispatchError::Other("path")));
		};
		match Self::out_for(asset_in, asset_out, credit_in.peek()) {
			Some(out) if out >= amount_out_min.unwrap_or_default() => {
				Self::execute(credit_in, asset_out, out)
			},
			_ => Err((credit_in, DispatchError::Other("slippage"))),
		}
	}

	fn swap_tokens_for_exact_tokens(
		path: Vec<Asset>,
		credit_in: Credit,
		amount_out: Balance,
	) -> Result<(Credit, Credit), (Credit, DispatchError)> {
		let [asset_in, asset_out] = &path[..] else {
			return Err((credit_in, DispatchError::Other("path")));
		};
		match Self::in_for(asset_in, asset_out, amount_out) {
			Some(needed) if needed <= credit_in.peek() => {
				let (used, change) = credit_in.split(needed);
				match Self::execute(used, asset_out, amount_out) {
					Ok(out) => Ok((out, change)),
					Err((mut back, e)) => {
						back.subsume(change).ok();
						Err((back, e))
					},
				}
			},
			_ => Err((credit_in, DispatchError::Other("slippage"))),
		}
	}
}

impl QuotePrice for MockMarket {
	type Balance = Balance;
	type AssetKind = Asset;
	fn quote_price_exact_tokens_for_tokens(
		a: Asset,
		b: Asset,
		amount: Balance,
		fee: bool,
	) -> Option<Balance> {
		fee.then(|| Self::out_for(&a, &b, amount)).flatten()
	}
	fn quote_price_tokens_for_exact_tokens(
		a: Asset,
		b: Asset,
		amount: Balance,
		fee: bool,
	) -> Option<Balance> {
		fee.then(|| Self::in_for(&a, &b, amount)).flatten()
	}
}

parameter_types! {
	pub const SwapWeight: Weight = Weight::from_parts(1_000_000_000, 10_000);
	pub const QuoteWeight: Weight = Weight::from_parts(500_000_000, 10_000);
}

impl pallet_stablecoin::Config for Test {
	type AssetKind = Asset;
	type Assets = NativeAndAssets;
	type Holds = NativeAndAssetHolds;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Stablecoin = Dusd;
	type StablecoinDecimals = frame_support::traits::ConstU8<6>;
	type Prices = MockPrices;
	type UnixTime = MockClock;
	type Swap = MockMarket;
	type SwapWeight = SwapWeight;
	type QuoteWeight = QuoteWeight;
	type Psm = PegModule;
	type AdminOrigin = EnsureRoot<AccountId>;
	type EmergencyOrigin = EnsureSignedBy<GuardianMembers, AccountId>;
	type PalletId = StablecoinPalletId;
	type PurchaseDelay = ConstU64<PURCHASE_DELAY>;
	type MaxCollateralTypes = ConstU32<4>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarks;
}

/// Benchmark collateral: assets `BENCH_ASSETS + seed` with 12 decimals; prices and markets as
/// the tests set them.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarks;
pub const BENCH_ASSETS: u32 = 200;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<Asset, AccountId> for MockBenchmarks {
	fn collateral(seed: u32, who: &AccountId) -> Asset {
		use frame_support::traits::fungibles::{Create, Mutate};
		let id = BENCH_ASSETS + seed;
		if !<Assets as Inspect<AccountId>>::asset_exists(id) {
			<Assets as Create<AccountId>>::create(id, ALICE, true, 1).unwrap();
		}
		<Assets as Mutate<AccountId>>::mint_into(id, who, INITIAL).unwrap();
		let _ = <Balances as frame_support::traits::fungible::Mutate<AccountId>>::mint_into(
			who, INITIAL,
		);
		NativeOrWithId::WithId(id)
	}
	fn set_price(asset: &Asset, usd_per_token: FixedU128) {
		set_usd_price(asset.clone(), usd_per_token);
	}
	fn set_market(asset: &Asset, usd_per_token: Option<FixedU128>) {
		match usd_per_token {
			Some(usd) => open_pool(asset.clone(), usd, 10_000_000),
			None => Pools::mutate(|pools| pools.retain(|p| &p.0 != asset)),
		}
	}
	fn fund_stablecoin(who: &AccountId, amount: Balance) {
		psm_mint(who.clone(), amount + amount / 100 + 1_000);
	}
	fn advance_time(millis: u64) {
		Now::mutate(|n| *n += millis);
	}
}

pub const PURCHASE_DELAY: u64 = 10;

pub const ALICE: AccountId = AccountId::new([1; 32]);
pub const BOB: AccountId = AccountId::new([2; 32]);
pub const CHARLIE: AccountId = AccountId::new([3; 32]);
pub const DAVE: AccountId = AccountId::new([4; 32]);
pub const GUARDIAN: AccountId = AccountId::new([9; 32]);
/// Holds the market's reserves.
pub const MARKET: AccountId = AccountId::new([77; 32]);
/// Receives the peg module's fees.
pub const PSM_FEES: AccountId = AccountId::new([78; 32]);

pub const DUSD_ID: u32 = 100;
pub const USDT_ID: u32 = 1;
pub const USDC_ID: u32 = 4;
pub const NATIVE: Asset = NativeOrWithId::Native;
/// The stablecoin: 6 decimals.
pub const DUSD: Asset = NativeOrWithId::WithId(DUSD_ID);
/// 6 decimals.
pub const USDT: Asset = NativeOrWithId::WithId(USDT_ID);
pub const USDC: Asset = NativeOrWithId::WithId(USDC_ID);
/// 8 decimals, 60,000 USD.
pub const WBTC: Asset = NativeOrWithId::WithId(2);
/// 18 decimals, 3,000 USD.
pub const WETH: Asset = NativeOrWithId::WithId(3);

/// Each test account's balance of every token but the stablecoin.
pub const INITIAL: Balance = 1_000_000_000_000_000_000_000_000;
/// The one debt ceiling: 10 million dUSD.
pub const CEILING: Balance = dusd(10_000_000);

pub const fn dusd(n: u128) -> Balance {
	n * 1_000_000
}
/// Native: 12 decimals, 2 USD.
pub const fn dfi(n: u128) -> Balance {
	n * 1_000_000_000_000
}
pub const fn wbtc(n: u128) -> Balance {
	n * 100_000_000
}

pub fn set_price(asset: Asset, price: FixedU128, decimals: u8) {
	Prices::mutate(|p| {
		p.retain(|e| e.0 != asset);
		p.push((asset, price, decimals, false));
	});
}

pub fn decimals_of(asset: &Asset) -> u8 {
	match asset {
		NativeOrWithId::Native => 12,
		NativeOrWithId::WithId(2) => 8,
		NativeOrWithId::WithId(3) => 18,
		NativeOrWithId::WithId(id) if *id >= BENCH_ASSETS => 12,
		_ => 6,
	}
}

pub fn set_usd_price(asset: Asset, usd: FixedU128) {
	let decimals = decimals_of(&asset);
	set_price(asset, usd, decimals);
}

pub fn dispute(asset: Asset, disputed: bool) {
	Prices::mutate(|p| p.iter_mut().filter(|e| e.0 == asset).for_each(|e| e.3 = disputed));
}

pub fn remove_price(asset: Asset) {
	Prices::mutate(|p| p.retain(|e| e.0 != asset));
}

/// Moves the clock (and the block number by one).
pub fn advance_seconds(seconds: u64) {
	Now::mutate(|n| *n += seconds * 1_000);
	System::set_block_number(System::block_number() + 1);
}

pub fn advance_blocks(blocks: u64) {
	Now::mutate(|n| *n += blocks * 6_000);
	System::set_block_number(System::block_number() + blocks);
}

/// Opens a pool of `collateral` against dUSD at `usd` per whole token with `depth_usd` of
/// dUSD on each side; the dUSD comes through the peg module (USDT), so the books stay true.
/// An open pool is repriced instead: its dUSD stays, its collateral reserve moves to the price.
pub fn open_pool(collateral: Asset, usd: FixedU128, depth_usd: u128) {
	use frame_support::traits::fungibles::Mutate;
	let existing = Pools::get().into_iter().find(|p| p.0 == collateral);
	let stable = match existing {
		Some((_, _, stable)) => stable,
		None => {
			psm_mint(MARKET, dusd(depth_usd) + dusd(depth_usd) / 100 + 1_000);
			dusd(depth_usd)
		},
	};
	let decimals = decimals_of(&collateral);
	let amount =
		defi_math::prices::amount_for_value(stable * 1_000_000_000_000, usd, decimals, false)
			.unwrap()
			.max(10u128.pow(decimals.into()) / 1_000);
	let current = existing.map(|p| p.1).unwrap_or_default();
	if amount > current {
		<NativeAndAssets as Mutate<AccountId>>::mint_into(
			collateral.clone(),
			&MARKET,
			amount - current,
		)
		.unwrap();
	} else {
		<NativeAndAssets as Mutate<AccountId>>::burn_from(
			collateral.clone(),
			&MARKET,
			current - amount,
			Preservation::Expendable,
			Precision::Exact,
			Fortitude::Force,
		)
		.unwrap();
	}
	Pools::mutate(|pools| {
		pools.retain(|p| p.0 != collateral);
		pools.push((collateral, amount, stable));
	});
}

/// `who` mints dUSD through the peg module for `amount` of USDT (0.5 % fee).
pub fn psm_mint(who: AccountId, amount: Balance) {
	use frame_support::traits::fungibles::Mutate;
	<Assets as Mutate<AccountId>>::mint_into(USDT_ID, &who, amount).unwrap();
	Psm::mint(RuntimeOrigin::signed(who), DUSD_ID, USDT_ID, amount, Permill::from_percent(1))
		.unwrap();
}

/// 150 % liquidation ratio, 170 % to mint, 2 % a year, 13 % penalty, 3 % slippage, 10 %
/// purchase discount, 100 dUSD minimum debt.
pub fn params() -> crate::CollateralParams {
	crate::CollateralParams {
		liquidation_ratio: FixedU128::from_rational(150, 100),
		minimum_ratio: FixedU128::from_rational(170, 100),
		stability_fee: FixedU128::from_inner(627_937_192),
		liquidation_penalty: Permill::from_percent(13),
		debt_ceiling: dusd(5_000_000),
		minimum_debt: dusd(100),
		max_slippage: Permill::from_percent(3),
		purchase_discount: Permill::from_percent(10),
	}
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	let accounts = [ALICE, BOB, CHARLIE, DAVE, GUARDIAN, MARKET, PSM_FEES];
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: accounts.iter().map(|a| (a.clone(), INITIAL)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let metadata = |id: u32, symbol: &str, decimals: u8| {
		(id, symbol.as_bytes().to_vec(), symbol.as_bytes().to_vec(), decimals)
	};
	pallet_assets::GenesisConfig::<Test, pallet_assets::Instance1> {
		// The stablecoin is sufficient and has a minimum balance of 1, as in the runtime.
		assets: vec![
			(USDT_ID, ALICE, true, 1),
			(2, ALICE, true, 1),
			(3, ALICE, true, 1),
			(USDC_ID, ALICE, true, 1),
			(DUSD_ID, ALICE, true, 1),
		],
		metadata: vec![
			metadata(USDT_ID, "USDT", 6),
			metadata(2, "WBTC", 8),
			metadata(3, "WETH", 18),
			metadata(USDC_ID, "USDC", 6),
			metadata(DUSD_ID, "dUSD", 6),
		],
		accounts: [USDT_ID, 2, 3, USDC_ID]
			.into_iter()
			.flat_map(|id| accounts.clone().into_iter().map(move |who| (id, who, INITIAL)))
			.collect(),
		next_asset_id: None,
		reserves: vec![],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_stablecoin::GenesisConfig::<Test> {
		collateral_types: vec![(NATIVE, params()), (WBTC, params())],
		debt_ceiling: CEILING,
		vaults: vec![],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		Now::set(START_MS);
		Prices::set(vec![]);
		Pools::set(vec![]);
		MarketTrades::set(vec![]);
		install_psm();
		set_usd_price(NATIVE, FixedU128::from_u32(2));
		set_usd_price(WBTC, FixedU128::from_u32(60_000));
		set_usd_price(USDT, FixedU128::from_u32(1));
		open_pool(NATIVE, FixedU128::from_u32(2), 1_000_000);
		open_pool(WBTC, FixedU128::from_u32(60_000), 1_000_000);
		MarketTrades::set(vec![]);
		System::reset_events();
	});
	ext
}

/// The peg module for dUSD with USDT and USDC, half the ceiling each, 0.5 % fees, root as both
/// admins; the vault pallet then sets its ceiling.
fn install_psm() {
	let root: OriginCaller = frame_system::RawOrigin::<AccountId>::Root.into();
	Psm::create_psm(
		RuntimeOrigin::root(),
		DUSD_ID,
		Box::new(root.clone()),
		Box::new(root),
		PSM_FEES,
		0,
		dusd(1),
	)
	.unwrap();
	for external in [USDT_ID, USDC_ID] {
		Psm::add_external_asset(RuntimeOrigin::root(), DUSD_ID, external).unwrap();
		Psm::set_asset_ceiling_weight(
			RuntimeOrigin::root(),
			DUSD_ID,
			external,
			Permill::from_percent(50),
		)
		.unwrap();
	}
	Stablecoin::sync_psm_ceiling().unwrap();
}

/// Runs `test` and then the pallet's invariants.
pub fn run(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Stablecoin::do_try_state().expect("try_state");
	});
}

pub fn dusd_balance(who: AccountId) -> Balance {
	<NativeAndAssets as Inspect<AccountId>>::balance(DUSD, &who)
}

/// Everything `who` has of `asset`, held collateral included.
pub fn balance(asset: Asset, who: AccountId) -> Balance {
	<NativeAndAssets as Inspect<AccountId>>::total_balance(asset, &who)
}

pub fn events() -> Vec<crate::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Stablecoin(e) => Some(e),
			_ => None,
		})
		.collect()
}
