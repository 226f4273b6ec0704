//! Emergency shutdown: frozen prices, settling each vault's debt against its collateral, and
//! pro-rata redemption of the stablecoin for the settled collateral.

use super::*;
use defi_math::vaults as math;
use frame_support::traits::{
	fungibles::{Mutate, MutateHold},
	tokens::{Fortitude, Precision, Preservation, Restriction},
};
use sp_runtime::traits::Zero;

impl<T: Config> Pallet<T> {
	pub(crate) fn do_shutdown() -> DispatchResult {
		Self::ensure_running()?;
		let at = Self::fee_clock();
		let mut unsettled = 0u32;
		for asset in CollateralAssets::<T>::get() {
			let Some(mut ct) = CollateralTypes::<T>::get(&asset) else { continue };
			Self::accrue(&mut ct, at)?;
			unsettled = unsettled.saturating_add(ct.indebted);
			// Debt settles at this price; a type without debt needs none. A disputed price
			// still counts: the emergency origin may pin one in the prices pallet first.
			let (price, decimals) = match T::Prices::price(&asset) {
				Some(quote) if !quote.usd_per_token.is_zero() => {
					(quote.usd_per_token, quote.decimals)
				},
				_ if ct.indebted == 0 => (FixedU128::zero(), 0),
				_ => return Err(Error::<T>::PriceUnavailable.into()),
			};
			ShutdownCollaterals::<T>::insert(
				&asset,
				ShutdownCollateral { price, decimals, pool: 0, paid: 0 },
			);
			CollateralTypes::<T>::insert(&asset, ct);
		}
		Shutdown::<T>::put(ShutdownState { at, unsettled, claims_at_fix: None });
		T::Psm::stop_minting()?;
		Self::deposit_event(Event::ShutDown { at, unsettled_vaults: unsettled });
		if unsettled == 0 {
			Self::fix_redemption()?;
		}
		Ok(())
	}

	/// Settles the vault if it still owes something.
	pub(crate) fn settle_if_owing(owner: &T::AccountId, asset: &T::AssetKind) -> DispatchResult {
		if Vaults::<T>::get(asset, owner).is_some_and(|v| !v.normalized.is_zero()) {
			Self::do_settle(owner, asset.clone())?;
		}
		Ok(())
	}

	/// Takes the collateral worth the vault's debt at the frozen price (all of it if it is
	/// worth less) into the pallet account, and turns the debt into redemption claims.
	/// Returns the collateral taken.
	pub(crate) fn do_settle(
		owner: &T::AccountId,
		asset: T::AssetKind,
	) -> Result<Balance, DispatchError> {
		let mut state = Shutdown::<T>::get().ok_or(Error::<T>::NotShutdown)?;
		ensure!(Vaults::<T>::contains_key(&asset, owner), Error::<T>::NoVault);
		let mut loaded = Self::load(owner, &asset)?;
		let debt = loaded.vault.debt;
		ensure!(!debt.is_zero(), Error::<T>::NothingToSettle);
		let mut frozen =
			ShutdownCollaterals::<T>::get(&asset).ok_or(Error::<T>::UnknownCollateral)?;
		let owed = Self::collateral_for_stablecoin(debt, frozen.price, frozen.decimals, true)?;
		let taken = owed.min(loaded.vault.collateral);
		if !taken.is_zero() {
			T::Holds::transfer_on_hold(
				asset.clone(),
				&HoldReason::VaultCollateral.into(),
				owner,
				&Self::account(),
				taken,
				Precision::Exact,
				Restriction::Free,
				Fortitude::Force,
			)?;
		}
		frozen.pool = frozen.pool.checked_add(taken).ok_or(Error::<T>::Overflow)?;
		ShutdownCollaterals::<T>::insert(&asset, frozen);
		loaded.vault.collateral -= taken;
		loaded.ct.collateral = loaded.ct.collateral.saturating_sub(taken);
		Self::clear_debt(&mut loaded.ct, &mut loaded.vault)?;
		Books::<T>::try_mutate(|books| -> Result<(), Error<T>> {
			books.shutdown_claims =
				books.shutdown_claims.checked_add(debt).ok_or(Error::<T>::Overflow)?;
			Ok(())
		})?;
		Self::store(owner, &asset, loaded);
		state.unsettled = state.unsettled.saturating_sub(1);
		Shutdown::<T>::put(state);
		Self::deposit_event(Event::VaultSettled {
			owner: owner.clone(),
			asset,
			debt,
			collateral: taken,
		});
		if state.unsettled == 0 {
			Self::fix_redemption()?;
		}
		Ok(taken)
	}

	/// Once every vault has settled: burns the surplus against the claims (bad debt first)
	/// and fixes the stablecoin that redeems for the settled collateral.
	fn fix_redemption() -> DispatchResult {
		let books = Books::<T>::get();
		let burned_surplus =
			Self::burn_surplus(books.bad_debt.saturating_add(books.shutdown_claims))?;
		let claims = Books::<T>::mutate(|books| {
			let from_bad_debt = burned_surplus.min(books.bad_debt);
			books.bad_debt -= from_bad_debt;
			books.shutdown_claims =
				books.shutdown_claims.saturating_sub(burned_surplus - from_bad_debt);
			// Bad debt now shares the settled collateral with every other claim.
			books.shutdown_claims = books.shutdown_claims.saturating_add(books.bad_debt);
			books.bad_debt = 0;
			books.shutdown_claims
		});
		Shutdown::<T>::mutate(|state| {
			if let Some(state) = state {
				state.claims_at_fix = Some(claims);
			}
		});
		Self::deposit_event(Event::RedemptionFixed { claims, burned_surplus });
		Ok(())
	}

	/// What redeeming `amount` pays of each type's settled collateral, once the rate is fixed.
	pub(crate) fn redemption_payout(
		amount: Balance,
	) -> Result<Vec<(T::AssetKind, Balance)>, DispatchError> {
		let state = Shutdown::<T>::get().ok_or(Error::<T>::NotShutdown)?;
		let claims_at_fix = state.claims_at_fix.ok_or(Error::<T>::RedemptionNotReady)?;
		let mut paid = Vec::new();
		for asset in CollateralAssets::<T>::get() {
			let Some(frozen) = ShutdownCollaterals::<T>::get(&asset) else { continue };
			let pay = math::pro_rata(amount, frozen.pool, claims_at_fix)
				.map_err(|_| Error::<T>::ExceedsClaims)?;
			paid.push((asset, pay));
		}
		Ok(paid)
	}

	pub(crate) fn do_redeem(who: &T::AccountId, amount: Balance) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let paid = Self::redemption_payout(amount)?;
		ensure!(amount <= Books::<T>::get().shutdown_claims, Error::<T>::ExceedsClaims);
		T::Assets::burn_from(
			T::Stablecoin::get(),
			who,
			amount,
			Preservation::Expendable,
			Precision::Exact,
			Fortitude::Polite,
		)?;
		Self::count_burned(amount)?;
		Books::<T>::mutate(|books| books.shutdown_claims -= amount);
		for (asset, pay) in &paid {
			if pay.is_zero() {
				continue;
			}
			T::Assets::transfer(
				asset.clone(),
				&Self::account(),
				who,
				*pay,
				Preservation::Expendable,
			)?;
			ShutdownCollaterals::<T>::mutate(asset, |frozen| {
				if let Some(frozen) = frozen {
					frozen.paid = frozen.paid.saturating_add(*pay);
				}
			});
		}
		Self::deposit_event(Event::Redeemed { who: who.clone(), amount, paid });
		Ok(())
	}
}
