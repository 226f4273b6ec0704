//! Farm management: creation, funding, rates, end, stop and resume; frame-support's
//! `RewardsPool` over deposit farms.

use super::*;
use frame_support::traits::{
	fungibles::Mutate, schedule::DispatchTime, tokens::Preservation, RewardsPool,
};
use sp_runtime::{traits::Zero, DispatchError};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_create_farm(
		program: ProgramOf<T>,
		start: BlockNumberFor<T>,
		end: BlockNumberFor<T>,
		epoch_length: BlockNumberFor<T>,
		rewards: RewardConfigsOf<T>,
		admin: Option<T::AccountId>,
	) -> Result<FarmId, DispatchError> {
		let now = Self::now();
		let trading = matches!(program, FarmProgram::Trading { .. });
		ensure!(!rewards.is_empty(), Error::<T>::InvalidFarm);
		ensure!(end > start && end > now, Error::<T>::InvalidFarm);
		ensure!(
			rewards.iter().all(|r| r.cap_per_volume.is_none() || trading),
			Error::<T>::InvalidFarm
		);
		if trading {
			Self::ensure_epochs(start, end, epoch_length)?;
		} else {
			ensure!(epoch_length.is_zero(), Error::<T>::InvalidFarm);
		}
		let id = FarmCount::<T>::get();
		ensure!(id < T::MaxFarms::get(), Error::<T>::TooManyFarms);
		ProgramFarms::<T>::try_mutate(&program, |farms| farms.try_push(id))
			.map_err(|_| Error::<T>::TooManyProgramFarms)?;
		let streams = rewards.into_iter().map(RewardStream::new).collect::<alloc::vec::Vec<_>>();
		let farm = Farm {
			program: program.clone(),
			admin: admin.clone(),
			start,
			end,
			stopped: false,
			total_shares: 0,
			updated_at: now,
			epoch_length,
			epoch: 0,
			streams: BoundedVec::truncate_from(streams),
		};
		Farms::<T>::insert(id, farm);
		FarmCount::<T>::put(id + 1);
		Self::deposit_event(Event::FarmCreated { farm: id, program, start, end, admin });
		Ok(id)
	}

	/// A trading farm's `[start, end)` (end after start) is a whole number of epochs, at most
	/// [`Config::MaxEpochs`] (which bounds its per-epoch records).
	fn ensure_epochs(
		start: BlockNumberFor<T>,
		end: BlockNumberFor<T>,
		epoch_length: BlockNumberFor<T>,
	) -> DispatchResult {
		let length = accrual::block::<T>(end).saturating_sub(accrual::block::<T>(start));
		let epoch = accrual::block::<T>(epoch_length);
		ensure!(epoch > 0 && length % epoch == 0, Error::<T>::InvalidFarm);
		ensure!(length / epoch <= u64::from(T::MaxEpochs::get()), Error::<T>::InvalidFarm);
		Ok(())
	}

	/// Checks `origin` may manage `farm`: `true` for the admin origin, `false` for the farm's
	/// admin account.
	pub(crate) fn ensure_farm_admin(
		origin: OriginFor<T>,
		farm: FarmId,
	) -> Result<bool, DispatchError> {
		match T::AdminOrigin::try_origin(origin) {
			Ok(_) => {
				ensure!(Farms::<T>::contains_key(farm), Error::<T>::FarmNotFound);
				Ok(true)
			},
			Err(origin) => {
				let who = ensure_signed(origin)?;
				Self::ensure_account_admin(&who, farm)?;
				Ok(false)
			},
		}
	}

	fn ensure_account_admin(who: &T::AccountId, farm: FarmId) -> DispatchResult {
		let farm = Farms::<T>::get(farm).ok_or(Error::<T>::FarmNotFound)?;
		ensure!(farm.admin.as_ref() == Some(who), Error::<T>::NotFarmAdmin);
		Ok(())
	}

	/// Loads a farm, accrued to now, for a change the caller stores.
	pub(crate) fn accrued(id: FarmId) -> Result<FarmOf<T>, DispatchError> {
		let mut farm = Farms::<T>::get(id).ok_or(Error::<T>::FarmNotFound)?;
		Self::accrue(id, &mut farm);
		Ok(farm)
	}

	pub(crate) fn do_fund(
		funder: &T::AccountId,
		id: FarmId,
		stream: u32,
		amount: Balance,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut farm = Self::accrued(id)?;
		let s = farm.streams.get_mut(stream as usize).ok_or(Error::<T>::StreamNotFound)?;
		T::Assets::transfer(
			s.asset.clone(),
			funder,
			&Self::account(),
			amount,
			Preservation::Preserve,
		)?;
		s.funded = s.funded.checked_add(amount).ok_or(Error::<T>::Overflow)?;
		let to_owed = amount.min(s.owed);
		s.owed -= to_owed;
		s.claimable = s.claimable.saturating_add(to_owed);
		s.pot = s.pot.saturating_add(amount - to_owed);
		let refunded = !to_owed.is_zero() && s.owed.is_zero();
		Farms::<T>::insert(id, farm);
		Self::deposit_event(Event::Funded {
			farm: id,
			stream,
			funder: funder.clone(),
			amount,
			to_owed,
		});
		if refunded {
			Self::deposit_event(Event::Refunded { farm: id, stream });
		}
		Ok(())
	}

	pub(crate) fn do_withdraw_pot(
		id: FarmId,
		stream: u32,
		amount: Balance,
		to: &T::AccountId,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut farm = Self::accrued(id)?;
		let s = farm.streams.get_mut(stream as usize).ok_or(Error::<T>::StreamNotFound)?;
		// The current trading epoch's emission is promised to its traders.
		let free = s.pot.saturating_sub(s.epoch_emission);
		ensure!(amount <= free, Error::<T>::PotInsufficient);
		T::Assets::transfer(
			s.asset.clone(),
			&Self::account(),
			to,
			amount,
			Preservation::Expendable,
		)?;
		s.pot -= amount;
		s.withdrawn = s.withdrawn.saturating_add(amount);
		Farms::<T>::insert(id, farm);
		Self::deposit_event(Event::PotWithdrawn { farm: id, stream, to: to.clone(), amount });
		Ok(())
	}

	pub(crate) fn do_set_rate(
		id: FarmId,
		stream: u32,
		rate: Balance,
		full_admin: bool,
	) -> DispatchResult {
		let mut farm = Self::accrued(id)?;
		let s = farm.streams.get_mut(stream as usize).ok_or(Error::<T>::StreamNotFound)?;
		ensure!(full_admin || rate >= s.rate, Error::<T>::RateDecrease);
		s.rate = rate;
		Farms::<T>::insert(id, farm);
		Self::deposit_event(Event::RateChanged { farm: id, stream, rate });
		Ok(())
	}

	pub(crate) fn do_set_end(id: FarmId, end: BlockNumberFor<T>) -> DispatchResult {
		let mut farm = Self::accrued(id)?;
		ensure!(end > farm.end, Error::<T>::EndNotExtended);
		if !farm.epoch_length.is_zero() {
			Self::ensure_epochs(farm.start, end, farm.epoch_length)?;
		}
		farm.end = end;
		Farms::<T>::insert(id, farm);
		Self::deposit_event(Event::EndChanged { farm: id, end });
		Ok(())
	}

	pub(crate) fn do_set_stopped(id: FarmId, stop: bool) -> DispatchResult {
		let mut farm = Self::accrued(id)?;
		ensure!(
			farm.stopped != stop,
			if stop { Error::<T>::AlreadyStopped } else { Error::<T>::NotStopped }
		);
		farm.stopped = stop;
		Farms::<T>::insert(id, farm);
		Self::deposit_event(if stop {
			Event::Stopped { farm: id }
		} else {
			Event::Resumed { farm: id }
		});
		Ok(())
	}
}

/// Deposit farms of one reward stream, made and managed by other pallets; the `admin` account
/// may raise the rate, extend the expiry, stop and resume and take back the unaccrued pot.
/// Creation is bounded by [`Config::MaxFarms`] rather than a storage deposit, so only trusted
/// pallets should be given this.
impl<T: Config> RewardsPool<T::AccountId> for Pallet<T> {
	type AssetId = T::AssetKind;
	type BlockNumber = BlockNumberFor<T>;
	type PoolId = FarmId;
	type Balance = Balance;

	fn create_pool(
		_creator: &T::AccountId,
		staked_asset_id: T::AssetKind,
		reward_asset_id: T::AssetKind,
		reward_rate_per_block: Balance,
		expiry: DispatchTime<BlockNumberFor<T>>,
		admin: &T::AccountId,
	) -> Result<FarmId, DispatchError> {
		let deposit = T::DepositAsset::from(staked_asset_id);
		let now = Self::now();
		let end = expiry.evaluate(now);
		let rewards = BoundedVec::try_from(alloc::vec![RewardConfig {
			asset: reward_asset_id,
			rate: reward_rate_per_block,
			cap_per_volume: None,
		}])
		.map_err(|_| Error::<T>::InvalidFarm)?;
		Self::do_create_farm(
			FarmProgram::Deposit(deposit),
			now,
			end,
			Zero::zero(),
			rewards,
			Some(admin.clone()),
		)
	}

	fn set_pool_reward_rate_per_block(
		admin: &T::AccountId,
		pool_id: FarmId,
		new_reward_rate_per_block: Balance,
	) -> DispatchResult {
		Self::ensure_account_admin(admin, pool_id)?;
		Self::do_set_rate(pool_id, 0, new_reward_rate_per_block, false)
	}

	fn set_pool_admin(
		admin: &T::AccountId,
		pool_id: FarmId,
		new_admin: T::AccountId,
	) -> DispatchResult {
		Self::ensure_account_admin(admin, pool_id)?;
		Farms::<T>::mutate(pool_id, |farm| {
			if let Some(farm) = farm {
				farm.admin = Some(new_admin.clone());
			}
		});
		Self::deposit_event(Event::AdminChanged { farm: pool_id, admin: Some(new_admin) });
		Ok(())
	}

	fn set_pool_expiry_block(
		admin: &T::AccountId,
		pool_id: FarmId,
		new_expiry: DispatchTime<BlockNumberFor<T>>,
	) -> DispatchResult {
		Self::ensure_account_admin(admin, pool_id)?;
		Self::do_set_end(pool_id, new_expiry.evaluate(Self::now()))
	}
}
