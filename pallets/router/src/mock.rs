//! Test runtime: balances, one `pallet-assets` instance, and two mock venues (a pool is a
//! constant-product or a two-asset stableswap pool from `defi-math` with its reserves in its
//! own account, and a 30 % per-hop trade-size limit like the DEX's), wired into the router as
//! venues 0 and 1. Venue 1 takes at most 3 hops per call, like asset-conversion in the runtime.

use crate as pallet_router;
use defi_math::{get_amount_in, get_amount_out, stable_swap_in, stable_swap_out};
use defi_primitives::{Balance, Hop, LiquiditySource, PauseCheck, PoolId};
use frame_support::{
	construct_runtime, derive_impl, parameter_types,
	traits::{
		fungibles::{self, Balanced, Mutate},
		tokens::{Fortitude, Precision, Preservation},
		AsEnsureOriginWithArg, ConstU128, ConstU32,
	},
	weights::Weight,
	Twox64Concat,
};
use frame_system::{EnsureRoot, EnsureSigned};
use sp_arithmetic::Permill;
use sp_runtime::{traits::IdentityLookup, BuildStorage, DispatchError};

pub type AccountId = u64;
pub type Asset = u32;
type Block = frame_system::mocking::MockBlock<Test>;

construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Assets: pallet_assets::<Instance1>,
		Router: pallet_router,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = IdentityLookup<AccountId>;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type ExistentialDeposit = ConstU128<1>;
	type AccountStore = System;
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
	type Holder = ();
	type BenchmarkHelper = ();
}

pub type Credit = fungibles::Credit<AccountId, Assets>;

parameter_types! {
	/// Whether the emergency origin paused the router's trait entry points.
	pub static RouterPaused: bool = false;
	/// A venue whose credit swaps fail although it quotes (a venue breaking its promise), to
	/// exercise the router's roll-back.
	pub static FailingVenue: Option<u8> = None;
}

pub struct MockPause;
impl PauseCheck for MockPause {
	fn is_paused(pallet: &[u8], _: &[u8]) -> bool {
		pallet == b"Router" && RouterPaused::get()
	}
}

impl pallet_router::Config for Test {
	type AssetKind = Asset;
	type Assets = Assets;
	type Venues = (MockVenue<0>, MockVenue<1>);
	type MaxHops = ConstU32<4>;
	type MaxSplits = ConstU32<3>;
	type SplitChunks = ConstU32<16>;
	type MaxPoolsPerVenue = ConstU32<64>;
	type MaxHopQuotes = ConstU32<1024>;
	type PauseCheck = MockPause;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
/// Assets 1..=6 exist from genesis; Alice and Bob hold plenty of each.
pub const ASSETS: [Asset; 6] = [1, 2, 3, 4, 5, 6];
pub const ENDOWMENT: Balance = 1_000_000_000_000_000_000;

/// A mock pool: two assets, a fee, and an amplification (0 for constant product).
#[derive(codec::Encode, codec::Decode, Clone, PartialEq, Eq, Debug, scale_info::TypeInfo)]
pub struct MockPool {
	pub assets: [Asset; 2],
	pub fee: Permill,
	pub amp: u128,
}

#[frame_support::storage_alias]
pub type MockPools = StorageMap<MockVenues, Twox64Concat, (u8, PoolId), MockPool>;
#[frame_support::storage_alias]
pub type NextMockPool = StorageMap<MockVenues, Twox64Concat, u8, PoolId>;

/// Most of a reserve one hop may take in or pay out.
pub const MAX_SHARE: Permill = Permill::from_percent(30);

pub fn pool_account(venue: u8, pool_id: PoolId) -> AccountId {
	1_000_000 + u64::from(venue) * 10_000 + u64::from(pool_id)
}

pub fn reserve(venue: u8, pool_id: PoolId, asset: Asset) -> Balance {
	Assets::balance(asset, pool_account(venue, pool_id))
}

/// Creates a pool on `venue` holding `reserves` (minted into its account); returns its id.
pub fn create_pool(
	venue: u8,
	assets: [Asset; 2],
	reserves: [Balance; 2],
	fee: Permill,
	amp: u128,
) -> PoolId {
	let id = NextMockPool::get(venue).unwrap_or(1);
	NextMockPool::insert(venue, id + 1);
	MockPools::insert((venue, id), MockPool { assets, fee, amp });
	for (asset, amount) in assets.into_iter().zip(reserves) {
		<Assets as Mutate<AccountId>>::mint_into(asset, &pool_account(venue, id), amount)
			.expect("mock pool funded");
	}
	id
}

pub fn cp(venue: u8, a: Asset, b: Asset, ra: Balance, rb: Balance) -> PoolId {
	create_pool(venue, [a, b], [ra, rb], Permill::from_parts(3_000), 0)
}

pub struct MockVenue<const V: u8>;

impl<const V: u8> MockVenue<V> {
	/// One hop: the output for `amount` in, or (`exact_out`) the input for `amount` out.
	fn quote_hop(hop: &Hop<Asset>, amount: Balance, exact_out: bool) -> Option<Balance> {
		let pool = MockPools::get((V, hop.pool_id))?;
		let pair = [hop.asset_in, hop.asset_out];
		if pair != pool.assets && pair != [pool.assets[1], pool.assets[0]] {
			return None;
		}
		let r_in = reserve(V, hop.pool_id, hop.asset_in);
		let r_out = reserve(V, hop.pool_id, hop.asset_out);
		let (amount_in, amount_out) = match (exact_out, pool.amp) {
			(false, 0) => (amount, get_amount_out(amount, r_in, r_out, pool.fee).ok()?),
			(true, 0) => (get_amount_in(amount, r_in, r_out, pool.fee).ok()?, amount),
			(false, amp) => {
				(amount, stable_swap_out(&[r_in, r_out], amp, 0, 1, amount, pool.fee).ok()?.0)
			},
			(true, amp) => {
				(stable_swap_in(&[r_in, r_out], amp, 0, 1, amount, pool.fee).ok()?.0, amount)
			},
		};
		let within =
			amount_in <= MAX_SHARE.mul_floor(r_in) && amount_out <= MAX_SHARE.mul_floor(r_out);
		within.then_some(if exact_out { amount_in } else { amount_out })
	}

	fn distinct_pools(path: &[Hop<Asset>]) -> bool {
		path.iter()
			.enumerate()
			.all(|(k, h)| path.iter().skip(k + 1).all(|o| o.pool_id != h.pool_id))
	}

	/// Pays out every hop's output from its pool, then takes `credit_in` into the first pool.
	fn execute(
		path: &[Hop<Asset>],
		amounts: &[Balance],
		credit_in: Credit,
	) -> Result<Credit, (Credit, DispatchError)> {
		let mut out = None;
		for (k, hop) in path.iter().enumerate() {
			let credit = match <Assets as Balanced<AccountId>>::withdraw(
				hop.asset_out,
				&pool_account(V, hop.pool_id),
				amounts[k + 1],
				Precision::Exact,
				Preservation::Preserve,
				Fortitude::Polite,
			) {
				Ok(c) => c,
				Err(e) => return Err((credit_in, e)),
			};
			match path.get(k + 1) {
				Some(next) => {
					let _ = <Assets as Balanced<AccountId>>::resolve(
						&pool_account(V, next.pool_id),
						credit,
					);
				},
				None => out = Some(credit),
			}
		}
		let first = pool_account(V, path[0].pool_id);
		if let Err(c) = <Assets as Balanced<AccountId>>::resolve(&first, credit_in) {
			return Err((c, DispatchError::Other("mock resolve")));
		}
		out.ok_or(DispatchError::Other("empty path")).map_err(|e| (Credit::zero(0), e))
	}
}

impl<const V: u8> LiquiditySource<AccountId> for MockVenue<V> {
	type AssetKind = Asset;
	type Credit = Credit;

	fn max_hops() -> u32 {
		if V == 1 {
			3
		} else {
			4
		}
	}

	fn pools(limit: u32) -> Vec<(PoolId, Vec<Asset>)> {
		MockPools::iter()
			.filter(|((v, _), _)| *v == V)
			.take(limit as usize)
			.map(|((_, id), pool)| (id, pool.assets.to_vec()))
			.collect()
	}

	fn pools_for_pair(a: &Asset, b: &Asset) -> Vec<PoolId> {
		Self::pools(u32::MAX)
			.into_iter()
			.filter(|(_, assets)| assets.contains(a) && assets.contains(b) && a != b)
			.map(|(id, _)| id)
			.collect()
	}

	fn quote_exact_in(path: &[Hop<Asset>], amount_in: Balance) -> Option<Vec<Balance>> {
		if path.is_empty() || path.len() as u32 > Self::max_hops() || !Self::distinct_pools(path) {
			return None;
		}
		let mut amounts = vec![amount_in];
		for hop in path {
			amounts.push(Self::quote_hop(hop, *amounts.last()?, false)?);
		}
		Some(amounts)
	}

	fn quote_exact_out(path: &[Hop<Asset>], amount_out: Balance) -> Option<Vec<Balance>> {
		if path.is_empty() || path.len() as u32 > Self::max_hops() || !Self::distinct_pools(path) {
			return None;
		}
		let mut amounts = vec![amount_out];
		for hop in path.iter().rev() {
			amounts.push(Self::quote_hop(hop, *amounts.last()?, true)?);
		}
		amounts.reverse();
		Some(amounts)
	}

	fn swap_weight(hops: u32) -> Weight {
		Weight::from_parts(10_000_000 * u64::from(hops), 1_000)
	}

	fn swap_exact_in(
		who: &AccountId,
		path: &[Hop<Asset>],
		amount_in: Balance,
		min_out: Balance,
		recipient: &AccountId,
	) -> Result<Balance, DispatchError> {
		let asset = path.first().ok_or(DispatchError::Other("empty path"))?.asset_in;
		let credit = <Assets as Balanced<AccountId>>::withdraw(
			asset,
			who,
			amount_in,
			Precision::Exact,
			Preservation::Preserve,
			Fortitude::Polite,
		)?;
		let out = Self::swap_credit_exact_in(path, credit, min_out).map_err(|(_, e)| e)?;
		let amount = out.peek();
		<Assets as Balanced<AccountId>>::resolve(recipient, out)
			.map_err(|_| DispatchError::Other("resolve"))?;
		Ok(amount)
	}

	fn swap_exact_out(
		who: &AccountId,
		path: &[Hop<Asset>],
		amount_out: Balance,
		max_in: Balance,
		recipient: &AccountId,
	) -> Result<Balance, DispatchError> {
		let amounts =
			Self::quote_exact_out(path, amount_out).ok_or(DispatchError::Other("quote"))?;
		if amounts[0] > max_in {
			return Err(DispatchError::Other("max_in"));
		}
		let credit = <Assets as Balanced<AccountId>>::withdraw(
			path[0].asset_in,
			who,
			amounts[0],
			Precision::Exact,
			Preservation::Preserve,
			Fortitude::Polite,
		)?;
		let out = Self::execute(path, &amounts, credit).map_err(|(_, e)| e)?;
		<Assets as Balanced<AccountId>>::resolve(recipient, out)
			.map_err(|_| DispatchError::Other("resolve"))?;
		Ok(amounts[0])
	}

	fn swap_credit_exact_in(
		path: &[Hop<Asset>],
		credit_in: Credit,
		min_out: Balance,
	) -> Result<Credit, (Credit, DispatchError)> {
		if FailingVenue::get() == Some(V) {
			return Err((credit_in, DispatchError::Other("venue failure")));
		}
		let Some(amounts) = Self::quote_exact_in(path, credit_in.peek()) else {
			return Err((credit_in, DispatchError::Other("no quote")));
		};
		if credit_in.asset() != path[0].asset_in || *amounts.last().unwrap_or(&0) < min_out {
			return Err((credit_in, DispatchError::Other("min_out")));
		}
		Self::execute(path, &amounts, credit_in)
	}

	fn swap_credit_exact_out(
		path: &[Hop<Asset>],
		credit_in: Credit,
		amount_out: Balance,
	) -> Result<(Credit, Credit), (Credit, DispatchError)> {
		if FailingVenue::get() == Some(V) {
			return Err((credit_in, DispatchError::Other("venue failure")));
		}
		let Some(amounts) = Self::quote_exact_out(path, amount_out) else {
			return Err((credit_in, DispatchError::Other("no quote")));
		};
		if credit_in.asset() != path[0].asset_in || credit_in.peek() < amounts[0] {
			return Err((credit_in, DispatchError::Other("max_in")));
		}
		let (used, change) = credit_in.split(amounts[0]);
		match Self::execute(path, &amounts, used) {
			Ok(out) => Ok((out, change)),
			Err((used, e)) => Err((used.merge(change).unwrap_or_else(|(u, _)| u), e)),
		}
	}
}

#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId, Asset> for MockBenchmarkHelper {
	fn asset(seed: u32) -> Asset {
		let id = 100 + seed;
		if !<Assets as fungibles::Inspect<AccountId>>::asset_exists(id) {
			<Assets as fungibles::Create<AccountId>>::create(id, ALICE, true, 1).expect("created");
		}
		id
	}
	fn fund(who: &AccountId, asset: &Asset, amount: Balance) {
		<Assets as Mutate<AccountId>>::mint_into(*asset, who, amount).expect("minted");
	}
	fn create_pool(venue: u8, _: &AccountId, a: &Asset, b: &Asset, amount: Balance) -> bool {
		cp(venue, *a, *b, amount, amount);
		true
	}
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(ALICE, ENDOWMENT), (BOB, ENDOWMENT)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_assets::GenesisConfig::<Test, pallet_assets::Instance1> {
		assets: ASSETS.iter().map(|a| (*a, ALICE, true, 1)).collect(),
		accounts: ASSETS
			.iter()
			.flat_map(|a| [(*a, ALICE, ENDOWMENT), (*a, BOB, ENDOWMENT)])
			.collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	RouterPaused::set(false);
	FailingVenue::set(None);
	ext
}
