//! # defi-psm-adapter
//!
//! polkadot-sdk's `pallet-psm` as the stablecoin pallet's [`PegStabilityModule`]: the vault
//! pallet never depends on `pallet-psm`; the runtime (and the vault pallet's tests) plug this
//! adapter in.
//!
//! * **Debt**: the sum of `pallet-psm`'s per-external `PsmDebt` of the stablecoin's instance.
//! * **Reserves**: each listed external's balance in the instance's reserve account.
//! * **Ceiling**: `set_max_debt`, dispatched as the instance's stored `full_admin`, and only
//!   when the ceiling changes (without an instance there is nothing to cap). The vault pallet keeps it at the system ceiling minus the vault
//!   debt, so one ceiling covers both minters.
//! * **Shutdown**: `set_asset_status(MintingDisabled)` for every listed external, dispatched as
//!   the instance's `emergency_admin`. An external already at `AllDisabled` is left alone (that
//!   would re-open its redemptions). `pallet-psm` 0.6 keeps the status in a crate-private map,
//!   read here by its storage key; the stablecoin pallet's tests run against the real pallet.
//!
//! [`genesis`] is a call-less pallet whose genesis seeds `pallet-psm` (which has no genesis
//! config of its own) through its calls.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod genesis;

use alloc::vec::Vec;
use core::marker::PhantomData;
use defi_primitives::{Balance, PegStabilityModule};
use frame_support::{
	pallet_prelude::*,
	storage::{storage_prefix, unhashed},
	traits::{fungibles::Inspect, PalletInfoAccess},
	Blake2_128Concat, StorageHasher,
};
use pallet_psm::{CircuitBreakerLevel, ExternalAssetInfo, PsmAdmin, PsmDebt, WeightInfo};
use sp_runtime::DispatchResult;

/// `pallet-psm`'s instance for the stablecoin `Internal`, accepting the `Externals`; asset ids
/// convert into the vault pallet's `AssetKind` with `From`.
pub struct PsmPeg<T, Internal, Externals>(PhantomData<(T, Internal, Externals)>);

impl<T, Internal, Externals> PsmPeg<T, Internal, Externals>
where
	T: pallet_psm::Config,
	Internal: Get<T::AssetId>,
{
	/// The circuit-breaker status of `external`, read from `pallet-psm`'s `ExternalAssets`.
	pub fn status(external: &T::AssetId) -> Option<CircuitBreakerLevel> {
		let mut key = storage_prefix(
			<pallet_psm::Pallet<T> as PalletInfoAccess>::name().as_bytes(),
			b"ExternalAssets",
		)
		.to_vec();
		key.extend(Internal::get().using_encoded(Blake2_128Concat::hash));
		key.extend(external.using_encoded(Blake2_128Concat::hash));
		unhashed::get::<ExternalAssetInfo>(&key).map(|info| info.status)
	}

	fn origin(caller: T::PalletsOrigin) -> <T as frame_system::Config>::RuntimeOrigin {
		<T as pallet_psm::Config>::RuntimeOrigin::from(caller).into()
	}
}

impl<T, Internal, Externals, AssetKind> PegStabilityModule<AssetKind>
	for PsmPeg<T, Internal, Externals>
where
	T: pallet_psm::Config,
	T::Fungibles: Inspect<T::AccountId, Balance = Balance>,
	Internal: Get<T::AssetId>,
	Externals: Get<Vec<T::AssetId>>,
	AssetKind: From<T::AssetId>,
{
	fn debt() -> Balance {
		PsmDebt::<T>::iter_prefix_values(Internal::get())
			.fold(0, |total: Balance, debt| total.saturating_add(debt))
	}

	fn reserves() -> Vec<(AssetKind, Balance)> {
		let account = pallet_psm::Pallet::<T>::psm_account(&Internal::get());
		Externals::get()
			.into_iter()
			.map(|external| {
				let reserve = T::Fungibles::balance(external.clone(), &account);
				(external.into(), reserve)
			})
			.collect()
	}

	fn set_debt_ceiling(ceiling: Balance) -> DispatchResult {
		let internal = Internal::get();
		// No instance mints nothing: there is nothing to cap.
		let Some(info) = pallet_psm::Psm::<T>::get(&internal) else { return Ok(()) };
		if info.max_debt == ceiling {
			return Ok(());
		}
		let admin = PsmAdmin::<T>::get(&internal).ok_or(pallet_psm::Error::<T>::PsmNotFound)?;
		pallet_psm::Pallet::<T>::set_max_debt(Self::origin(admin.full_admin), internal, ceiling)
	}

	fn stop_minting() -> DispatchResult {
		let internal = Internal::get();
		let Some(admin) = PsmAdmin::<T>::get(&internal) else { return Ok(()) };
		for external in Externals::get() {
			if Self::status(&external) == Some(CircuitBreakerLevel::AllEnabled) {
				pallet_psm::Pallet::<T>::set_asset_status(
					Self::origin(admin.emergency_admin.clone()),
					internal.clone(),
					external,
					CircuitBreakerLevel::MintingDisabled,
				)?;
			}
		}
		Ok(())
	}

	fn set_debt_ceiling_weight() -> Weight {
		<T as pallet_psm::Config>::WeightInfo::set_max_debt()
			.saturating_add(T::DbWeight::get().reads(2))
	}

	fn stop_minting_weight() -> Weight {
		let externals = Externals::get().len() as u64;
		<T as pallet_psm::Config>::WeightInfo::set_asset_status()
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_mul(externals)
			.saturating_add(T::DbWeight::get().reads(1))
	}
}
