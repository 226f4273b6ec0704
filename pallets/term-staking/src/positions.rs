//! Positions: staking with the reward reserved at once, redemption at maturity, early exit.

use super::*;
use defi_math::rewards;
use frame_support::traits::{
	fungibles::{Mutate, MutateHold},
	tokens::{Fortitude, Precision, Preservation, Restriction},
};
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// The reward a stake of `amount` reserves, or why the stake would be rejected (before
	/// anything about the staker is checked).
	pub(crate) fn reward_for(
		product: &Product<T::AssetKind>,
		amount: Balance,
	) -> Result<Balance, DispatchError> {
		let terms = &product.terms;
		ensure!(terms.open, Error::<T>::ProductClosed);
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		ensure!(amount >= terms.min_stake, Error::<T>::BelowMinimumStake);
		ensure!(amount <= terms.max_stake, Error::<T>::AboveMaximumStake);
		let staked = product.staked.checked_add(amount).ok_or(Error::<T>::Overflow)?;
		ensure!(staked <= terms.capacity, Error::<T>::CapacityExceeded);
		let reward = rewards::term_reward(
			amount,
			terms.apr,
			terms.term.into(),
			T::BlocksPerYear::get().into(),
		)
		.map_err(|_| Error::<T>::Overflow)?;
		ensure!(!reward.is_zero(), Error::<T>::ZeroReward);
		ensure!(reward <= product.available, Error::<T>::PotInsufficient);
		Ok(reward)
	}

	pub(crate) fn do_stake(
		who: &T::AccountId,
		id: ProductId,
		amount: Balance,
	) -> Result<PositionId, DispatchError> {
		let mut product = Products::<T>::get(id).ok_or(Error::<T>::ProductNotFound)?;
		let reward = Self::reward_for(&product, amount)?;
		let position_id = NextPositionId::<T>::get();
		AccountPositions::<T>::try_mutate(who, |ids| ids.try_push(position_id))
			.map_err(|_| Error::<T>::TooManyPositions)?;
		T::Holds::hold(product.staked_asset.clone(), &HoldReason::Staked.into(), who, amount)?;
		product.staked += amount;
		product.available -= reward;
		product.reserved = product.reserved.checked_add(reward).ok_or(Error::<T>::Overflow)?;
		let now = frame_system::Pallet::<T>::block_number();
		let matures_at = now.saturating_add(product.terms.term.into());
		let product_terms = product.terms;
		Products::<T>::insert(id, product);
		Positions::<T>::insert(
			position_id,
			Position {
				owner: who.clone(),
				product: id,
				principal: amount,
				reward,
				staked_at: now,
				matures_at,
				early_exit_penalty: product_terms.early_exit_penalty,
			},
		);
		NextPositionId::<T>::put(position_id.saturating_add(1));
		let total = Stakes::<T>::mutate(id, who, |total| {
			*total = total.saturating_add(amount);
			*total
		});
		T::OnStakeChanged::on_shares_changed(&id, who, total);
		Self::deposit_event(Event::Staked {
			who: who.clone(),
			product: id,
			position: position_id,
			principal: amount,
			reward,
			matures_at,
		});
		Ok(position_id)
	}

	/// `who`'s position `id` with its product; rejects another account's.
	fn owned(
		who: &T::AccountId,
		id: PositionId,
	) -> Result<(Position<T::AccountId, BlockNumberFor<T>>, Product<T::AssetKind>), DispatchError>
	{
		let position = Positions::<T>::get(id).ok_or(Error::<T>::PositionNotFound)?;
		ensure!(&position.owner == who, Error::<T>::NotOwner);
		let product = Products::<T>::get(position.product).ok_or(Error::<T>::ProductNotFound)?;
		Ok((position, product))
	}

	/// Removes a closed position from storage and reports the owner's new stake.
	fn close(
		who: &T::AccountId,
		id: PositionId,
		position: &Position<T::AccountId, BlockNumberFor<T>>,
	) {
		Positions::<T>::remove(id);
		AccountPositions::<T>::mutate(who, |ids| ids.retain(|p| *p != id));
		let total = Stakes::<T>::mutate_exists(position.product, who, |total| {
			let left = total.unwrap_or_default().saturating_sub(position.principal);
			*total = (!left.is_zero()).then_some(left);
			left
		});
		T::OnStakeChanged::on_shares_changed(&position.product, who, total);
	}

	pub(crate) fn do_redeem(who: &T::AccountId, id: PositionId) -> DispatchResult {
		let (position, mut product) = Self::owned(who, id)?;
		ensure!(
			frame_system::Pallet::<T>::block_number() >= position.matures_at,
			Error::<T>::NotMatured
		);
		T::Holds::release(
			product.staked_asset.clone(),
			&HoldReason::Staked.into(),
			who,
			position.principal,
			Precision::Exact,
		)?;
		T::Assets::transfer(
			product.reward_asset.clone(),
			&Self::account(),
			who,
			position.reward,
			Preservation::Expendable,
		)?;
		product.staked = product.staked.saturating_sub(position.principal);
		product.reserved = product.reserved.saturating_sub(position.reward);
		Products::<T>::insert(position.product, product);
		Self::close(who, id, &position);
		Self::deposit_event(Event::Redeemed {
			who: who.clone(),
			product: position.product,
			position: id,
			principal: position.principal,
			reward: position.reward,
		});
		Ok(())
	}

	/// The penalty an early exit of `position` pays now (at the penalty of its stake), or why
	/// it cannot exit.
	pub(crate) fn exit_penalty_of(
		position: &Position<T::AccountId, BlockNumberFor<T>>,
	) -> Result<Balance, DispatchError> {
		ensure!(
			frame_system::Pallet::<T>::block_number() < position.matures_at,
			Error::<T>::AlreadyMatured
		);
		let penalty = position.early_exit_penalty.ok_or(Error::<T>::EarlyExitDisabled)?;
		Ok(rewards::exit_penalty(position.principal, penalty)
			.map_err(|_| Error::<T>::Overflow)?
			.min(position.principal))
	}

	pub(crate) fn do_exit_early(who: &T::AccountId, id: PositionId) -> DispatchResult {
		let (position, mut product) = Self::owned(who, id)?;
		let penalty = Self::exit_penalty_of(&position)?;
		let reason = HoldReason::Staked.into();
		if !penalty.is_zero() {
			T::Holds::transfer_on_hold(
				product.staked_asset.clone(),
				&reason,
				who,
				&Self::account(),
				penalty,
				Precision::Exact,
				Restriction::Free,
				Fortitude::Force,
			)?;
		}
		let returned = position.principal - penalty;
		T::Holds::release(product.staked_asset.clone(), &reason, who, returned, Precision::Exact)?;
		product.staked = product.staked.saturating_sub(position.principal);
		product.reserved = product.reserved.saturating_sub(position.reward);
		// The staked asset is the reward asset (checked with the terms): both go to the pot.
		product.available = product
			.available
			.saturating_add(position.reward)
			.checked_add(penalty)
			.ok_or(Error::<T>::Overflow)?;
		Products::<T>::insert(position.product, product);
		Self::close(who, id, &position);
		Self::deposit_event(Event::ExitedEarly {
			who: who.clone(),
			product: position.product,
			position: id,
			returned,
			penalty,
		});
		Ok(())
	}
}
