//! What the runtime API shows: products with what they accept now, positions with their
//! countdown, and quotes.

use super::*;
use alloc::vec::Vec;
use defi_primitives::{StakingPositionView, StakingProductView};
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// The largest stake `product` accepts now (0 when closed or the pot is empty).
	fn max_stake_now(product: &Product<T::AssetKind>) -> Balance {
		let terms = &product.terms;
		if !terms.open {
			return 0;
		}
		let by_capacity = terms.capacity.saturating_sub(product.staked).min(terms.max_stake);
		// The largest principal whose reward fits the pot: reward is monotone in principal.
		let fits = |amount: Balance| {
			defi_math::rewards::term_reward(
				amount,
				terms.apr,
				terms.term.into(),
				T::BlocksPerYear::get().into(),
			)
			.is_ok_and(|reward| reward <= product.available)
		};
		if fits(by_capacity) {
			return if by_capacity >= terms.min_stake { by_capacity } else { 0 };
		}
		let (mut low, mut high) = (0, by_capacity);
		while low < high {
			let mid = low + (high - low).div_ceil(2);
			if fits(mid) {
				low = mid;
			} else {
				high = mid - 1;
			}
		}
		if low >= terms.min_stake {
			low
		} else {
			0
		}
	}

	/// Every product, in id order.
	pub fn product_views() -> Vec<StakingProductView<T::AssetKind, BlockNumberFor<T>>> {
		(0..ProductCount::<T>::get())
			.filter_map(|id| Products::<T>::get(id).map(|product| (id, product)))
			.map(|(id, product)| StakingProductView {
				id,
				staked_asset: product.staked_asset.clone(),
				reward_asset: product.reward_asset.clone(),
				term: product.terms.term.into(),
				apr: product.terms.apr,
				min_stake: product.terms.min_stake,
				max_stake: product.terms.max_stake,
				capacity: product.terms.capacity,
				staked: product.staked,
				open: product.terms.open,
				early_exit_penalty: product.terms.early_exit_penalty,
				pot_available: product.available,
				pot_reserved: product.reserved,
				max_stake_now: Self::max_stake_now(&product),
				reward_of_min_stake: defi_math::rewards::term_reward(
					product.terms.min_stake,
					product.terms.apr,
					product.terms.term.into(),
					T::BlocksPerYear::get().into(),
				)
				.unwrap_or_default(),
			})
			.collect()
	}

	pub fn position_views(
		owner: &T::AccountId,
	) -> Vec<StakingPositionView<T::AccountId, T::AssetKind, BlockNumberFor<T>>> {
		let now = frame_system::Pallet::<T>::block_number();
		AccountPositions::<T>::get(owner)
			.into_iter()
			.filter_map(|id| {
				let position = Positions::<T>::get(id)?;
				let product = Products::<T>::get(position.product)?;
				let blocks_left = position.matures_at.saturating_sub(now);
				let early_exit_returns = Self::exit_penalty_of(&position)
					.ok()
					.map(|penalty| position.principal.saturating_sub(penalty));
				Some(StakingPositionView {
					id,
					owner: position.owner,
					product: position.product,
					staked_asset: product.staked_asset,
					reward_asset: product.reward_asset,
					principal: position.principal,
					reward: position.reward,
					staked_at: position.staked_at,
					matures_at: position.matures_at,
					blocks_left,
					matured: blocks_left.is_zero(),
					early_exit_returns,
				})
			})
			.collect()
	}

	/// The reward a stake of `amount` would reserve now; `None` if it would be rejected for
	/// the product's reasons.
	pub fn quote(product: ProductId, amount: Balance) -> Option<Balance> {
		Self::reward_for(&Products::<T>::get(product)?, amount).ok()
	}
}
