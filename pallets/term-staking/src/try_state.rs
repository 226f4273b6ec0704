//! The pallet's invariants, checked by `try_state` and by the tests after every step.

use super::*;
use alloc::collections::btree_map::BTreeMap;
use frame_support::traits::fungibles::Inspect;

impl<T: Config> Pallet<T> {
	/// * each product's `staked` and `reserved` are the sums over its positions, and
	///   `Stakes` is the per-account sum;
	/// * every position is listed once, under its owner, and only open positions are listed;
	/// * the pallet account holds at least every pot (available + reserved) of each reward
	///   asset;
	/// * no position id is at or above [`NextPositionId`].
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let mut staked: BTreeMap<ProductId, (Balance, Balance)> = BTreeMap::new();
		let mut stakes: BTreeMap<(ProductId, T::AccountId), Balance> = BTreeMap::new();
		let next = NextPositionId::<T>::get();
		for (id, position) in Positions::<T>::iter() {
			ensure!(id < next, "a position id at or above the next id");
			ensure!(
				AccountPositions::<T>::get(&position.owner).iter().filter(|p| **p == id).count()
					== 1,
				"a position not listed once under its owner"
			);
			let entry = staked.entry(position.product).or_default();
			entry.0 = entry.0.saturating_add(position.principal);
			entry.1 = entry.1.saturating_add(position.reward);
			let stake = stakes.entry((position.product, position.owner)).or_default();
			*stake = stake.saturating_add(position.principal);
		}
		for (owner, ids) in AccountPositions::<T>::iter() {
			for id in ids {
				let position = Positions::<T>::get(id).ok_or("a listed position does not exist")?;
				ensure!(position.owner == owner, "a position listed under another account");
			}
		}
		for (product, owner, stake) in Stakes::<T>::iter() {
			ensure!(
				stakes.get(&(product, owner)) == Some(&stake),
				"an account's stake is not the sum of its positions"
			);
		}
		ensure!(Stakes::<T>::iter().count() == stakes.len(), "a stake without its record");
		let mut pots: BTreeMap<T::AssetKind, Balance> = BTreeMap::new();
		for (id, product) in Products::<T>::iter() {
			let (principal, reward) = staked.get(&id).copied().unwrap_or_default();
			ensure!(product.staked == principal, "product principal is not the sum of positions");
			ensure!(product.reserved == reward, "product reserve is not the sum of rewards");
			let pot = pots.entry(product.reward_asset).or_default();
			*pot = pot.saturating_add(product.available).saturating_add(product.reserved);
		}
		for (asset, pot) in pots {
			ensure!(
				T::Assets::balance(asset, &Self::account()) >= pot,
				"the pallet account holds less than its pots"
			);
		}
		Ok(())
	}
}
