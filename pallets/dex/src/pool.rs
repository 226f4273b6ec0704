//! Pools: creation, accounts, amplification, normalisation and spot prices.

use super::*;

impl<T: Config> Pallet<T> {
	/// The account holding a pool's tokens.
	pub fn pool_account(pool_id: PoolId) -> T::AccountId {
		T::PalletId::get().into_sub_account_truncating(pool_id)
	}

	pub(crate) fn ensure_valid_fee_tiers(tiers: &[Permill]) -> DispatchResult {
		let max = T::MaxFee::get();
		for (k, tier) in tiers.iter().enumerate() {
			ensure!(*tier <= max, Error::<T>::InvalidFeeTiers);
			ensure!(!tiers[..k].contains(tier), Error::<T>::InvalidFeeTiers);
		}
		Ok(())
	}

	pub(crate) fn next_pool_id() -> Result<PoolId, DispatchError> {
		let id = NextPoolId::<T>::get();
		NextPoolId::<T>::put(id.checked_add(1).ok_or(ArithmeticError::Overflow)?);
		Ok(id)
	}

	/// Registers a pool: storage, LP token, an account that exists without native balance.
	pub(crate) fn register_pool(
		kind: PoolKind<BlockNumberFor<T>>,
		assets: Vec<T::AssetKind>,
		fee: Permill,
	) -> Result<PoolId, DispatchError> {
		let pool_id = Self::next_pool_id()?;
		Self::index_pairs(pool_id, &assets)?;
		let account = Self::pool_account(pool_id);
		// The pool account must exist to hold any token; it is never reaped.
		frame_system::Pallet::<T>::inc_providers(&account);
		<T::PoolAssets as fungibles::Create<T::AccountId>>::create(pool_id, account, false, 1)?;
		let assets_len = assets.len();
		let reserves = vec![0; assets_len];
		let pool = PoolInfo {
			kind,
			assets: assets.try_into().map_err(|_| Error::<T>::InvalidAssetCount)?,
			reserves: reserves.try_into().map_err(|_| Error::<T>::InvalidAssetCount)?,
			fee,
			protocol_fee_share: ProtocolFeeShare::<T>::get(),
			protocol_fees: BoundedVec::truncate_from(vec![0; assets_len]),
			unclaimed: BoundedVec::truncate_from(vec![0; assets_len]),
			oracle: Oracle {
				last_block: frame_system::Pallet::<T>::block_number(),
				..Default::default()
			},
		};
		Pools::<T>::insert(pool_id, pool);
		Ok(pool_id)
	}

	/// Adds a pool to [`PoolsByPair`] under every pair of its (sorted) assets.
	fn index_pairs(pool_id: PoolId, assets: &[T::AssetKind]) -> DispatchResult {
		for (k, a) in assets.iter().enumerate() {
			for b in &assets[k + 1..] {
				PoolsByPair::<T>::try_mutate((a.clone(), b.clone()), |pools| {
					pools.try_push(pool_id).map_err(|_| Error::<T>::TooManyPools)
				})?;
			}
		}
		Ok(())
	}

	/// Creates a constant-product pool; see [`Pallet::create_pool`].
	pub fn do_create_pool(
		creator: &T::AccountId,
		asset_a: T::AssetKind,
		asset_b: T::AssetKind,
		fee: Permill,
	) -> Result<PoolId, DispatchError> {
		ensure!(asset_a != asset_b, Error::<T>::IdenticalAssets);
		ensure!(FeeTiers::<T>::get().contains(&fee), Error::<T>::FeeTierNotAllowed);
		let (a, b) = if asset_a < asset_b { (asset_a, asset_b) } else { (asset_b, asset_a) };
		ensure!(
			T::Assets::asset_exists(a.clone()) && T::Assets::asset_exists(b.clone()),
			Error::<T>::AssetNotFound
		);
		ensure!(!PairPools::<T>::contains_key((a.clone(), b.clone(), fee)), Error::<T>::PoolExists);
		let deposit = T::PoolCreationDeposit::get();
		if !deposit.is_zero() {
			T::Currency::hold(&HoldReason::PoolCreation.into(), creator, deposit)?;
		}
		let pool_id =
			Self::register_pool(PoolKind::ConstantProduct, vec![a.clone(), b.clone()], fee)?;
		PairPools::<T>::insert((a.clone(), b.clone(), fee), pool_id);
		Self::deposit_event(Event::PoolCreated {
			pool_id,
			creator: Some(creator.clone()),
			deposit,
			assets: vec![a, b],
			fee,
			stable: false,
			amplification: 0,
		});
		Ok(pool_id)
	}

	/// Creates a stable pool; see [`Pallet::create_stable_pool`].
	pub fn do_create_stable_pool(
		assets: Vec<T::AssetKind>,
		decimals: Vec<u8>,
		amplification: u128,
		fee: Permill,
	) -> Result<PoolId, DispatchError> {
		ensure!(
			(math::MIN_ASSETS..=math::MAX_ASSETS).contains(&assets.len()),
			Error::<T>::InvalidAssetCount
		);
		ensure!(decimals.len() == assets.len(), Error::<T>::WrongAmountsLength);
		ensure!(fee <= T::MaxFee::get(), Error::<T>::InvalidFee);
		ensure!(
			amplification >= 1 && amplification <= T::MaxAmplification::get(),
			Error::<T>::InvalidAmplification
		);
		// Sort assets (with their decimals) so a pool's asset order is canonical.
		let mut pairs: Vec<(T::AssetKind, u8)> = assets.into_iter().zip(decimals).collect();
		pairs.sort_by(|x, y| x.0.cmp(&y.0));
		for k in 1..pairs.len() {
			ensure!(pairs[k - 1].0 != pairs[k].0, Error::<T>::IdenticalAssets);
		}
		let mut multipliers = Vec::with_capacity(pairs.len());
		for (asset, dec) in &pairs {
			ensure!(T::Assets::asset_exists(asset.clone()), Error::<T>::AssetNotFound);
			ensure!(*dec <= STABLE_PRECISION_DECIMALS, Error::<T>::InvalidDecimals);
			multipliers.push(10u128.pow((STABLE_PRECISION_DECIMALS - dec) as u32));
		}
		let assets: Vec<T::AssetKind> = pairs.into_iter().map(|(a, _)| a).collect();
		let now = frame_system::Pallet::<T>::block_number();
		let kind = PoolKind::Stable {
			amplification: AmplificationRamp {
				initial: amplification,
				target: amplification,
				start_block: now,
				end_block: now,
			},
			precision_multipliers: multipliers
				.try_into()
				.map_err(|_| Error::<T>::InvalidAssetCount)?,
		};
		let pool_id = Self::register_pool(kind, assets.clone(), fee)?;
		Self::deposit_event(Event::PoolCreated {
			pool_id,
			creator: None,
			deposit: 0,
			assets,
			fee,
			stable: true,
			amplification,
		});
		Ok(pool_id)
	}

	/// Amplification of a ramp at block `now`.
	pub fn amplification_now(
		ramp: &AmplificationRamp<BlockNumberFor<T>>,
		now: BlockNumberFor<T>,
	) -> u128 {
		math::amplification_at(
			ramp.initial,
			ramp.target,
			ramp.start_block.saturated_into::<u64>(),
			ramp.end_block.saturated_into::<u64>(),
			now.saturated_into::<u64>(),
		)
	}

	/// Reserves scaled to the stable precision.
	pub(crate) fn normalized(
		reserves: &[Balance],
		multipliers: &[u128],
	) -> Result<Vec<u128>, Error<T>> {
		reserves
			.iter()
			.zip(multipliers)
			.map(|(r, m)| u128::checked_mul(*r, *m).ok_or(Error::<T>::Overflow))
			.collect()
	}

	/// Spot price of `assets[0]` in `assets[1]`, in base units; `None` for an empty pool and
	/// for a price outside `FixedU128`'s range or rounding to zero (never 0).
	pub fn spot_price(pool: &PoolInfoOf<T>, now: BlockNumberFor<T>) -> Option<FixedU128> {
		Self::spot_from_values(pool, &Self::marginal_values(pool, now)?)
	}

	/// The spot price of `assets[0]` in `assets[1]` from the pool's marginal values, so a caller
	/// that has them (the oracle refresh) solves the stableswap invariant once, not twice.
	pub(crate) fn spot_from_values(pool: &PoolInfoOf<T>, values: &[u128]) -> Option<FixedU128> {
		let inner = math::convert_at_values(
			FixedU128::DIV,
			(*values.first()?, Self::multiplier(pool, 0)?),
			(*values.get(1)?, Self::multiplier(pool, 1)?),
			false,
		)
		.ok()?;
		(inner > 0).then(|| FixedU128::from_inner(inner))
	}

	/// The factor that scaled asset `k`'s reserve to the pool's marginal values: 1 for constant
	/// product, the precision multiplier for a stable pool.
	pub(crate) fn multiplier(pool: &PoolInfoOf<T>, k: usize) -> Option<u128> {
		match &pool.kind {
			PoolKind::ConstantProduct => Some(1),
			PoolKind::Stable { precision_multipliers, .. } => precision_multipliers.get(k).copied(),
		}
	}

	pub(crate) fn math_error(e: math::MathError) -> DispatchError {
		use math::MathError as M;
		match e {
			M::Overflow => Error::<T>::Overflow,
			M::ZeroReserve | M::InsufficientLiquidity => Error::<T>::InsufficientLiquidity,
			M::ZeroAmount => Error::<T>::ZeroAmount,
			M::InvalidInput => Error::<T>::InvalidInput,
			M::NotConverged => Error::<T>::InvariantNotConverged,
			M::ZeroOutput => Error::<T>::ZeroOutput,
		}
		.into()
	}
}
