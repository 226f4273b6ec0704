//! Farmers: deposits, withdrawals, share changes and claims.

use super::*;
use frame_support::traits::{
	fungibles::{Mutate, MutateHold},
	tokens::{Precision, Preservation},
};
use sp_runtime::{traits::Zero, DispatchError};

impl<T: Config> Pallet<T> {
	/// Changes `who`'s shares in an (accrued) farm to `new(shares after settling)`, settling
	/// first; stores the farmer (the caller stores the farm). Returns the new shares.
	pub(crate) fn update_shares(
		id: FarmId,
		farm: &mut FarmOf<T>,
		who: &T::AccountId,
		new: impl FnOnce(Balance) -> Result<Balance, DispatchError>,
	) -> Result<Balance, DispatchError> {
		let mut farmer = Farmers::<T>::get(id, who).unwrap_or_default();
		Self::settle(id, farm, &mut farmer);
		let shares = new(farmer.shares)?;
		farm.total_shares = farm
			.total_shares
			.saturating_sub(farmer.shares)
			.checked_add(shares)
			.ok_or(Error::<T>::Overflow)?;
		farmer.shares = shares;
		Self::store_farmer(id, who, farmer);
		Ok(shares)
	}

	pub(crate) fn store_farmer(id: FarmId, who: &T::AccountId, farmer: Farmer<T::MaxRewards>) {
		if farmer.is_empty() {
			Farmers::<T>::remove(id, who);
		} else {
			Farmers::<T>::insert(id, who, farmer);
		}
	}

	/// The deposit token of a deposit farm.
	fn deposit_asset(farm: &FarmOf<T>) -> Result<T::DepositAsset, DispatchError> {
		match &farm.program {
			FarmProgram::Deposit(asset) => Ok(asset.clone()),
			_ => Err(Error::<T>::NotDepositFarm.into()),
		}
	}

	pub(crate) fn do_deposit(who: &T::AccountId, id: FarmId, amount: Balance) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut farm = Self::accrued(id)?;
		let asset = Self::deposit_asset(&farm)?;
		ensure!(Self::now() < farm.end, Error::<T>::FarmEnded);
		T::DepositHolds::hold(asset, &HoldReason::Farming.into(), who, amount)?;
		Self::update_shares(id, &mut farm, who, |shares| {
			shares.checked_add(amount).ok_or(Error::<T>::Overflow.into())
		})?;
		Farms::<T>::insert(id, farm);
		Self::deposit_event(Event::Deposited { who: who.clone(), farm: id, amount });
		Ok(())
	}

	pub(crate) fn do_withdraw(who: &T::AccountId, id: FarmId, amount: Balance) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut farm = Self::accrued(id)?;
		let asset = Self::deposit_asset(&farm)?;
		Self::update_shares(id, &mut farm, who, |shares| {
			shares.checked_sub(amount).ok_or(Error::<T>::InsufficientShares.into())
		})?;
		T::DepositHolds::release(
			asset,
			&HoldReason::Farming.into(),
			who,
			amount,
			Precision::Exact,
		)?;
		Farms::<T>::insert(id, farm);
		Self::deposit_event(Event::Withdrawn { who: who.clone(), farm: id, amount });
		Ok(())
	}

	/// Pays `who`'s settled rewards, each stream at most its claimable amount. Returns what
	/// was paid per stream (nothing stored or paid on an error).
	fn pay_rewards(
		who: &T::AccountId,
		id: FarmId,
	) -> Result<alloc::vec::Vec<(T::AssetKind, Balance)>, DispatchError> {
		let mut farm = Self::accrued(id)?;
		let mut farmer = Farmers::<T>::get(id, who).unwrap_or_default();
		Self::settle(id, &farm, &mut farmer);
		let mut paid = alloc::vec::Vec::new();
		for (stream, reward) in farm.streams.iter_mut().zip(farmer.rewards.iter_mut()) {
			let amount = reward.unclaimed.min(stream.claimable);
			if amount.is_zero() {
				continue;
			}
			T::Assets::transfer(
				stream.asset.clone(),
				&Self::account(),
				who,
				amount,
				Preservation::Expendable,
			)?;
			reward.unclaimed -= amount;
			stream.claimable -= amount;
			stream.paid = stream.paid.saturating_add(amount);
			paid.push((stream.asset.clone(), amount));
		}
		Farms::<T>::insert(id, farm);
		Self::store_farmer(id, who, farmer);
		Ok(paid)
	}

	pub(crate) fn do_claim(who: &T::AccountId, id: FarmId) -> DispatchResult {
		let paid = frame_support::storage::with_storage_layer(|| {
			let paid = Self::pay_rewards(who, id)?;
			ensure!(!paid.is_empty(), Error::<T>::NothingToClaim);
			Ok::<_, DispatchError>(paid)
		})?;
		Self::deposit_event(Event::Claimed { who: who.clone(), farm: id, rewards: paid });
		Ok(())
	}

	/// Claims in every farm `who` has an entry in; returns how many farms were looked at.
	pub(crate) fn do_claim_all(who: &T::AccountId) -> Result<u32, DispatchError> {
		let count = FarmCount::<T>::get();
		let mut any = false;
		for id in 0..count {
			if !Farmers::<T>::contains_key(id, who) {
				continue;
			}
			let paid = Self::pay_rewards(who, id)?;
			if !paid.is_empty() {
				any = true;
				Self::deposit_event(Event::Claimed { who: who.clone(), farm: id, rewards: paid });
			}
		}
		ensure!(any, Error::<T>::NothingToClaim);
		Ok(count)
	}
}
