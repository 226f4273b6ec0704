//! The router over both venues (our DEX and polkadot-sdk's asset-conversion, through the
//! adapter below), and transaction fees payable in any asset, swapped by the router.

use crate::{configs::NativeAndAssets, *};
use alloc::{vec, vec::Vec};
use defi_primitives::{Balance, Hop, LiquiditySource, PauseCheck, PoolId};
use frame_support::{
	parameter_types,
	traits::{fungible::NativeOrWithId, fungibles, ConstU32, Get},
	weights::Weight,
};
use pallet_asset_conversion::{PoolLocator, Swap, SwapCredit};
use sp_runtime::DispatchError;

/// A token of either venue.
pub type Asset = NativeOrWithId<AssetId>;
/// A credit of any token.
pub type AssetCredit = fungibles::Credit<AccountId, NativeAndAssets>;

/// polkadot-sdk's `pallet-asset-conversion` as a [`LiquiditySource`]: one pool per pair,
/// identified by its LP token id. A path must visit distinct assets (the pallet's rule) and
/// each hop's pool id must be the pair's LP token, so a route names a pool unambiguously.
pub struct AssetConversionVenue;

type AcWeights = pallet_asset_conversion::weights::SubstrateWeight<Runtime>;
const INVALID_PATH: DispatchError = DispatchError::Other("not an asset-conversion path");

impl AssetConversionVenue {
	fn lp_token(a: &Asset, b: &Asset) -> Option<PoolId> {
		let pool_id =
			<Runtime as pallet_asset_conversion::Config>::PoolLocator::pool_id(a, b).ok()?;
		pallet_asset_conversion::Pools::<Runtime>::get(pool_id).map(|info| info.lp_token)
	}

	/// The asset path of `path`, if every hop names its pair's pool, the hops connect, no
	/// asset repeats and the pallet's path limit holds.
	fn asset_path(path: &[Hop<Asset>]) -> Option<Vec<Asset>> {
		let first = path.first()?;
		if path.len() as u32 > Self::max_hops() {
			return None;
		}
		let mut assets = vec![first.asset_in.clone()];
		for hop in path {
			if assets.last() != Some(&hop.asset_in)
				|| assets.contains(&hop.asset_out)
				|| Self::lp_token(&hop.asset_in, &hop.asset_out) != Some(hop.pool_id)
			{
				return None;
			}
			assets.push(hop.asset_out.clone());
		}
		Some(assets)
	}

	fn paused(call: &str) -> bool {
		configs::TxPauseCheck::is_paused(b"AssetConversion", call.as_bytes())
	}
}

impl LiquiditySource<AccountId> for AssetConversionVenue {
	type AssetKind = Asset;
	type Credit = AssetCredit;

	fn max_hops() -> u32 {
		<<Runtime as pallet_asset_conversion::Config>::MaxSwapPathLength as Get<u32>>::get()
			.saturating_sub(1)
	}

	fn pools(limit: u32) -> Vec<(PoolId, Vec<Asset>)> {
		pallet_asset_conversion::Pools::<Runtime>::iter()
			.take(limit as usize)
			.map(|((a, b), info)| (info.lp_token, vec![a, b]))
			.collect()
	}

	fn pools_for_pair(a: &Asset, b: &Asset) -> Vec<PoolId> {
		Self::lp_token(a, b).into_iter().collect()
	}

	/// `None` while the swap is paused, so the router routes around a paused venue instead of
	/// choosing a route that then fails.
	fn quote_exact_in(path: &[Hop<Asset>], amount_in: Balance) -> Option<Vec<Balance>> {
		if Self::paused("swap_exact_tokens_for_tokens") {
			return None;
		}
		Self::asset_path(path)?;
		let mut amounts = vec![amount_in];
		for hop in path {
			let carried = *amounts.last()?;
			amounts.push(AssetConversion::quote_price_exact_tokens_for_tokens(
				hop.asset_in.clone(),
				hop.asset_out.clone(),
				carried,
				true,
			)?);
		}
		Some(amounts)
	}

	fn quote_exact_out(path: &[Hop<Asset>], amount_out: Balance) -> Option<Vec<Balance>> {
		if Self::paused("swap_tokens_for_exact_tokens") {
			return None;
		}
		Self::asset_path(path)?;
		let mut amounts = vec![amount_out];
		for hop in path.iter().rev() {
			let carried = *amounts.last()?;
			amounts.push(AssetConversion::quote_price_tokens_for_exact_tokens(
				hop.asset_in.clone(),
				hop.asset_out.clone(),
				carried,
				true,
			)?);
		}
		amounts.reverse();
		Some(amounts)
	}

	fn swap_weight(hops: u32) -> Weight {
		use pallet_asset_conversion::WeightInfo;
		let assets = hops.saturating_add(1);
		AcWeights::swap_exact_tokens_for_tokens(assets)
			.max(AcWeights::swap_tokens_for_exact_tokens(assets))
	}

	fn swap_exact_in(
		who: &AccountId,
		path: &[Hop<Asset>],
		amount_in: Balance,
		min_out: Balance,
		recipient: &AccountId,
	) -> Result<Balance, DispatchError> {
		if Self::paused("swap_exact_tokens_for_tokens") {
			return Err(DispatchError::Other("asset-conversion swaps are paused"));
		}
		let assets = Self::asset_path(path).ok_or(INVALID_PATH)?;
		<AssetConversion as Swap<AccountId>>::swap_exact_tokens_for_tokens(
			who.clone(),
			assets,
			amount_in,
			(min_out > 0).then_some(min_out),
			recipient.clone(),
			true,
		)
	}

	fn swap_exact_out(
		who: &AccountId,
		path: &[Hop<Asset>],
		amount_out: Balance,
		max_in: Balance,
		recipient: &AccountId,
	) -> Result<Balance, DispatchError> {
		if Self::paused("swap_tokens_for_exact_tokens") {
			return Err(DispatchError::Other("asset-conversion swaps are paused"));
		}
		let assets = Self::asset_path(path).ok_or(INVALID_PATH)?;
		<AssetConversion as Swap<AccountId>>::swap_tokens_for_exact_tokens(
			who.clone(),
			assets,
			amount_out,
			Some(max_in),
			recipient.clone(),
			true,
		)
	}

	fn swap_credit_exact_in(
		path: &[Hop<Asset>],
		credit_in: AssetCredit,
		min_out: Balance,
	) -> Result<AssetCredit, (AssetCredit, DispatchError)> {
		if Self::paused("swap_exact_tokens_for_tokens") {
			return Err((credit_in, DispatchError::Other("asset-conversion swaps are paused")));
		}
		let Some(assets) = Self::asset_path(path) else { return Err((credit_in, INVALID_PATH)) };
		// The pallet refuses a zero minimum; no minimum is the same bound.
		<AssetConversion as SwapCredit<AccountId>>::swap_exact_tokens_for_tokens(
			assets,
			credit_in,
			(min_out > 0).then_some(min_out),
		)
	}

	fn swap_credit_exact_out(
		path: &[Hop<Asset>],
		credit_in: AssetCredit,
		amount_out: Balance,
	) -> Result<(AssetCredit, AssetCredit), (AssetCredit, DispatchError)> {
		if Self::paused("swap_tokens_for_exact_tokens") {
			return Err((credit_in, DispatchError::Other("asset-conversion swaps are paused")));
		}
		let Some(assets) = Self::asset_path(path) else { return Err((credit_in, INVALID_PATH)) };
		<AssetConversion as SwapCredit<AccountId>>::swap_tokens_for_exact_tokens(
			assets, credit_in, amount_out,
		)
	}
}

parameter_types! {
	/// Pools read per venue by one search: bounds its work (see `docs/PERFORMANCE.md`).
	pub const RouterMaxPoolsPerVenue: u32 = 128;
}

impl pallet_router::Config for Runtime {
	type AssetKind = Asset;
	type Assets = NativeAndAssets;
	/// Venue 0 is the DEX, venue 1 asset-conversion.
	type Venues = (Dex, AssetConversionVenue);
	type MaxHops = ConstU32<4>;
	type MaxSplits = ConstU32<3>;
	/// Ten chunks: a split is exact to 10 % of the trade per route.
	type SplitChunks = ConstU32<10>;
	type MaxPoolsPerVenue = RouterMaxPoolsPerVenue;
	/// Per trade; a stable-pool quote costs about 80 µs of wasm (`docs/PERFORMANCE.md`).
	type MaxHopQuotes = ConstU32<256>;
	type PauseCheck = configs::TxPauseCheck;
	type WeightInfo = pallet_router::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helpers::RouterHelper;
}

/// The fee extension's weights plus what the router's swaps add: a fee paid in an asset is
/// quoted when the transaction is validated (again when the block applies it), quoted and
/// swapped when charged, and a refund quoted and swapped back: five searches.
pub struct AssetFeeWeights;
impl pallet_asset_conversion_tx_payment::WeightInfo for AssetFeeWeights {
	fn charge_asset_tx_payment_zero() -> Weight {
		pallet_asset_conversion_tx_payment::weights::SubstrateWeight::<Runtime>::charge_asset_tx_payment_zero()
	}
	fn charge_asset_tx_payment_native() -> Weight {
		pallet_asset_conversion_tx_payment::weights::SubstrateWeight::<Runtime>::charge_asset_tx_payment_native()
	}
	fn charge_asset_tx_payment_asset() -> Weight {
		let search = Router::search_weight(Router::max_pools_searched());
		pallet_asset_conversion_tx_payment::weights::SubstrateWeight::<Runtime>::charge_asset_tx_payment_asset()
			.saturating_add(search.saturating_mul(5))
			.saturating_add(Router::worst_execution_weight().saturating_mul(2))
	}
}

/// Fees in any asset: `None` (or the native token) pays in DFI as before; an asset pays
/// the fee converted at the router's exact-out quote, swapped through the router. The DFI the
/// swap yields is burned like every fee.
impl pallet_asset_conversion_tx_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type AssetId = Asset;
	type OnChargeAssetTransaction = pallet_asset_conversion_tx_payment::SwapAssetAdapter<
		configs::NativeAsset,
		NativeAndAssets,
		Router,
		(),
	>;
	type WeightInfo = AssetFeeWeights;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helpers::AssetFeeHelper;
}

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmark_helpers {
	use super::*;
	use frame_support::traits::{fungible::Mutate as _, fungibles::Inspect as _};
	use sp_runtime::Permill;

	/// Benchmark assets live above every genesis id.
	const FIRST_ID: AssetId = 50_000;

	fn ensure_asset(id: AssetId) {
		if !Assets::asset_exists(id) {
			let owner = configs::TreasuryAccount::get();
			let _ = <Assets as fungibles::Create<AccountId>>::create(id, owner, true, 1);
		}
	}

	fn fund(who: &AccountId, asset: &Asset, amount: Balance) {
		match asset {
			NativeOrWithId::Native => {
				let _ = Balances::mint_into(who, amount);
			},
			NativeOrWithId::WithId(id) => {
				ensure_asset(*id);
				let _ = <Assets as fungibles::Mutate<AccountId>>::mint_into(*id, who, amount);
			},
		}
	}

	pub struct RouterHelper;
	impl pallet_router::BenchmarkHelper<AccountId, Asset> for RouterHelper {
		fn asset(seed: u32) -> Asset {
			let id = FIRST_ID.saturating_add(seed);
			ensure_asset(id);
			NativeOrWithId::WithId(id)
		}

		fn fund(who: &AccountId, asset: &Asset, amount: Balance) {
			fund(who, asset, amount)
		}

		/// Venue 0: a DEX stable pool of the pair; venue 1: the pair's asset-conversion pool.
		fn create_pool(
			venue: u8,
			provider: &AccountId,
			a: &Asset,
			b: &Asset,
			amount: Balance,
		) -> bool {
			fund(provider, &NativeOrWithId::Native, 1_000 * UNIT);
			match venue {
				0 => {
					// Stable pools: their quotes (Newton iterations) cost the most, and a pair
					// may have several.
					let Ok(pool) = Dex::do_create_stable_pool(
						vec![a.clone(), b.clone()],
						vec![12, 12],
						100,
						Permill::from_parts(500),
					) else {
						return false;
					};
					Dex::do_add_liquidity(provider, pool, vec![amount, amount], 0).is_ok()
				},
				1 => {
					if AssetConversion::create_pool(
						RuntimeOrigin::signed(provider.clone()),
						alloc::boxed::Box::new(a.clone()),
						alloc::boxed::Box::new(b.clone()),
					)
					.is_err()
					{
						return false;
					}
					AssetConversion::add_liquidity(
						RuntimeOrigin::signed(provider.clone()),
						alloc::boxed::Box::new(a.clone()),
						alloc::boxed::Box::new(b.clone()),
						amount,
						amount,
						1,
						1,
						provider.clone(),
					)
					.is_ok()
				},
				_ => false,
			}
		}
	}

	pub struct AssetFeeHelper;
	impl pallet_asset_conversion_tx_payment::BenchmarkHelperTrait<AccountId, Asset, Asset>
		for AssetFeeHelper
	{
		fn create_asset_id_parameter(id: u32) -> (Asset, Asset) {
			let asset = NativeOrWithId::WithId(FIRST_ID.saturating_add(id));
			(asset.clone(), asset)
		}

		fn setup_balances_and_pool(asset: Asset, account: AccountId) {
			let provider: AccountId = frame_benchmarking::account("provider", 0, 0);
			let amount = 1_000_000 * UNIT;
			fund(&provider, &asset, amount * 2);
			fund(&provider, &NativeOrWithId::Native, amount * 2);
			fund(&account, &asset, amount);
			<RouterHelper as pallet_router::BenchmarkHelper<AccountId, Asset>>::create_pool(
				1,
				&provider,
				&NativeOrWithId::Native,
				&asset,
				amount,
			);
		}
	}
}
