//! The pallet's invariants, checked by `try_state` and after every test.

use super::*;
use defi_math::vaults as math;
use frame_support::traits::fungibles::{Inspect, InspectHold};
use sp_runtime::traits::Zero;

impl<T: Config> Pallet<T> {
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let books = Books::<T>::get();
		let mut vault_debt: Balance = 0;
		let mut unsettled = 0u32;
		let reason = HoldReason::VaultCollateral.into();
		for asset in CollateralAssets::<T>::get() {
			let ct = CollateralTypes::<T>::get(&asset).ok_or("listed type without an entry")?;
			let (mut normalized, mut debt, mut collateral, mut count, mut indebted) =
				(0u128, 0u128, 0u128, 0u32, 0u32);
			for (owner, vault) in Vaults::<T>::iter_prefix(&asset) {
				ensure!(vault != Vault::default(), "an empty vault is stored");
				ensure!(
					vault.normalized.is_zero() == vault.debt.is_zero(),
					"debt without normalized debt or the reverse"
				);
				let owed = math::debt_of(vault.normalized, ct.rate).map_err(|_| "overflow")?;
				ensure!(vault.debt <= owed, "a vault's booked debt exceeds what it owes");
				ensure!(
					T::Holds::balance_on_hold(asset.clone(), &reason, &owner) == vault.collateral,
					"a vault's collateral is not what its owner has on hold"
				);
				normalized += vault.normalized;
				debt += vault.debt;
				collateral += vault.collateral;
				count += 1;
				indebted += u32::from(!vault.normalized.is_zero());
			}
			ensure!(normalized == ct.normalized, "type normalized debt is not the vaults' sum");
			ensure!(debt == ct.debt, "type debt is not the vaults' sum");
			ensure!(collateral == ct.collateral, "type collateral is not the vaults' sum");
			ensure!(count == ct.vaults && indebted == ct.indebted, "vault counts are off");
			ensure!(ct.params.minimum_ratio > ct.params.liquidation_ratio, "ratios out of order");
			vault_debt += debt;
			unsettled += indebted;
			if let Some(frozen) = ShutdownCollaterals::<T>::get(&asset) {
				ensure!(
					T::Assets::balance(asset.clone(), &Self::account())
						>= frozen.pool.saturating_sub(frozen.paid),
					"settled collateral is missing from the pallet account"
				);
			}
		}
		ensure!(vault_debt == books.vault_debt, "books' vault debt is not the types' sum");
		let issuance = T::Assets::total_issuance(T::Stablecoin::get());
		let psm = T::Psm::debt();
		ensure!(
			issuance == vault_debt + psm + books.bad_debt + books.shutdown_claims,
			"issuance is not vault debt + peg-module debt + bad debt + shutdown claims"
		);
		ensure!(
			issuance + books.burned == books.minted + psm,
			"issuance is not minted + peg-module debt − burned"
		);
		match Shutdown::<T>::get() {
			None => {
				ensure!(books.shutdown_claims.is_zero(), "claims before a shutdown");
				ensure!(
					ShutdownCollaterals::<T>::iter_keys().next().is_none(),
					"frozen prices before a shutdown"
				);
			},
			Some(state) => {
				ensure!(state.unsettled == unsettled, "unsettled count is off");
				ensure!(
					state.claims_at_fix.is_some() == (unsettled == 0),
					"the redemption rate is fixed exactly when every vault has settled"
				);
			},
		}
		Ok(())
	}
}
