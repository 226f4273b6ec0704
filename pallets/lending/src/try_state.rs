//! Invariants of the pallet's storage, checked by `try_state` and by the tests after every
//! step.

use super::*;
use frame_support::traits::fungibles::Inspect;

impl<T: Config> Pallet<T> {
	/// * every market's share asset maps back to it, and its parameters are valid;
	/// * the pallet account holds at least the cash of every market of an asset;
	/// * reserves never exceed `cash + borrows`, and total borrows never exceed the sum of the
	///   debts (which round up, the total down);
	/// * every debt is at an index no newer than its market's, and its account lists the market;
	/// * every listed market exists, appears once, and a market listed without collateral is
	///   owed to;
	/// * the locked minimum shares exist in every market that has shares.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let pallet = Self::account_id();
		let mut cash_by_asset: Vec<(T::AssetKind, Balance)> = Vec::new();
		for (asset, market) in Markets::<T>::iter() {
			ensure!(
				ShareMarkets::<T>::get(market.share_asset).as_ref() == Some(&asset),
				"share asset does not map back to its market"
			);
			Self::ensure_valid_params(&market.params).map_err(|_| "invalid market parameters")?;
			ensure!(
				market.reserves <= market.cash.saturating_add(market.borrows),
				"reserves exceed cash plus borrows"
			);
			ensure!(market.borrow_index >= FixedU128::one(), "borrow index below 1");
			let mut debts: Balance = 0;
			for (who, snapshot) in Borrows::<T>::iter_prefix(&asset) {
				ensure!(
					snapshot.index <= market.borrow_index,
					"debt index newer than its market's"
				);
				ensure!(!snapshot.principal.is_zero(), "a zero debt is stored");
				ensure!(
					AccountMarkets::<T>::get(&who).iter().any(|(a, _)| a == &asset),
					"a debt's market is not listed for its account"
				);
				debts = debts.saturating_add(Self::debt_of(&snapshot, &market));
			}
			ensure!(market.borrows <= debts, "total borrows exceed the sum of debts");
			let shares = T::Shares::total_issuance(market.share_asset);
			if !shares.is_zero() {
				ensure!(
					T::Shares::balance(market.share_asset, &pallet) >= T::MinimumShares::get(),
					"the locked minimum shares are missing"
				);
			}
			match cash_by_asset.iter_mut().find(|(a, _)| a == &asset) {
				Some((_, c)) => *c = c.saturating_add(market.cash),
				None => cash_by_asset.push((asset.clone(), market.cash)),
			}
		}
		for (asset, cash) in cash_by_asset {
			ensure!(
				T::Assets::balance(asset, &pallet) >= cash,
				"the pallet holds less than the cash"
			);
		}
		for (share, asset) in ShareMarkets::<T>::iter() {
			ensure!(
				Markets::<T>::get(&asset).is_some_and(|m| m.share_asset == share),
				"a share asset maps to a missing market"
			);
		}
		for (who, entries) in AccountMarkets::<T>::iter() {
			ensure!(!entries.is_empty(), "an empty market list is stored");
			for (k, (asset, collateral)) in entries.iter().enumerate() {
				ensure!(Markets::<T>::contains_key(asset), "a listed market does not exist");
				ensure!(
					!entries.iter().skip(k + 1).any(|(a, _)| a == asset),
					"a market is listed twice"
				);
				ensure!(
					*collateral || Borrows::<T>::contains_key(asset, &who),
					"a market is listed with neither collateral nor debt"
				);
			}
		}
		Ok(())
	}
}
