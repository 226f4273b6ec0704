//! Products and their pots: creation, changes of terms, funding and taking back what is not
//! promised.

use super::*;
use frame_support::traits::{fungibles::Mutate, tokens::Preservation};
use sp_runtime::traits::Zero;

impl<T: Config> Pallet<T> {
	fn check_terms(
		staked_asset: &T::AssetKind,
		reward_asset: &T::AssetKind,
		terms: &ProductTerms,
	) -> DispatchResult {
		ensure!(
			terms.term > 0
				&& terms.min_stake > 0
				&& terms.min_stake <= terms.max_stake
				&& terms.max_stake <= terms.capacity
				&& terms.apr <= T::MaxApr::get()
				&& terms.early_exit_penalty.is_none_or(|p| p < sp_arithmetic::Permill::one()),
			Error::<T>::InvalidTerms
		);
		ensure!(
			terms.early_exit_penalty.is_none() || staked_asset == reward_asset,
			Error::<T>::EarlyExitNeedsSameAsset
		);
		Ok(())
	}

	pub(crate) fn do_create_product(
		staked_asset: T::AssetKind,
		reward_asset: T::AssetKind,
		terms: ProductTerms,
	) -> Result<ProductId, DispatchError> {
		Self::check_terms(&staked_asset, &reward_asset, &terms)?;
		let id = ProductCount::<T>::get();
		ensure!(id < T::MaxProducts::get(), Error::<T>::TooManyProducts);
		Products::<T>::insert(
			id,
			Product {
				staked_asset: staked_asset.clone(),
				reward_asset: reward_asset.clone(),
				terms,
				staked: 0,
				available: 0,
				reserved: 0,
			},
		);
		ProductCount::<T>::put(id + 1);
		Self::deposit_event(Event::ProductCreated {
			product: id,
			staked_asset,
			reward_asset,
			terms,
		});
		Ok(id)
	}

	pub(crate) fn do_update_product(id: ProductId, terms: ProductTerms) -> DispatchResult {
		Products::<T>::try_mutate(id, |product| -> DispatchResult {
			let product = product.as_mut().ok_or(Error::<T>::ProductNotFound)?;
			Self::check_terms(&product.staked_asset, &product.reward_asset, &terms)?;
			product.terms = terms;
			Ok(())
		})?;
		Self::deposit_event(Event::ProductUpdated { product: id, terms });
		Ok(())
	}

	pub(crate) fn do_fund(who: &T::AccountId, id: ProductId, amount: Balance) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut product = Products::<T>::get(id).ok_or(Error::<T>::ProductNotFound)?;
		product.available = product.available.checked_add(amount).ok_or(Error::<T>::Overflow)?;
		T::Assets::transfer(
			product.reward_asset.clone(),
			who,
			&Self::account(),
			amount,
			Preservation::Preserve,
		)?;
		Products::<T>::insert(id, product);
		Self::deposit_event(Event::PotFunded { product: id, funder: who.clone(), amount });
		Ok(())
	}

	pub(crate) fn do_withdraw_pot(
		id: ProductId,
		amount: Balance,
		to: &T::AccountId,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut product = Products::<T>::get(id).ok_or(Error::<T>::ProductNotFound)?;
		product.available =
			product.available.checked_sub(amount).ok_or(Error::<T>::PotInsufficient)?;
		T::Assets::transfer(
			product.reward_asset.clone(),
			&Self::account(),
			to,
			amount,
			Preservation::Expendable,
		)?;
		Products::<T>::insert(id, product);
		Self::deposit_event(Event::PotWithdrawn { product: id, to: to.clone(), amount });
		Ok(())
	}
}
