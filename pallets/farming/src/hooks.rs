//! Activity programs: shares reported by other pallets. A hook cannot fail its caller, so a
//! farm that cannot take a report (an overflowing total) is skipped and logged.

use super::*;
use defi_primitives::{LendingActivity, OnSharesChanged, OnTrade, PoolId, ProductId};
use sp_runtime::traits::Zero;

const LOG_TARGET: &str = "runtime::farming";

impl<T: Config> Pallet<T> {
	/// Sets `who`'s shares in every farm of `program`.
	pub(crate) fn report_shares(program: &ProgramOf<T>, who: &T::AccountId, shares: Balance) {
		for id in ProgramFarms::<T>::get(program) {
			let Some(mut farm) = Farms::<T>::get(id) else { continue };
			Self::accrue(id, &mut farm);
			// On an error `farm` keeps its accrual and nothing else changed.
			let updated = Self::update_shares(id, &mut farm, who, |_| Ok(shares));
			Farms::<T>::insert(id, farm);
			match updated {
				Ok(_) => {
					Self::deposit_event(Event::SharesUpdated { who: who.clone(), farm: id, shares })
				},
				Err(_) => {
					log::warn!(target: LOG_TARGET, "farm {id}: shares of an account not recorded")
				},
			}
		}
	}

	/// Adds `volume` to `who`'s shares of the current epoch in every farm of `program` that
	/// is running now. Returns the weight used (by the farms the program has).
	pub(crate) fn report_volume(
		program: &ProgramOf<T>,
		who: &T::AccountId,
		volume: Balance,
	) -> Weight {
		let farms = ProgramFarms::<T>::get(program);
		let used = T::WeightInfo::report_volume(farms.len() as u32);
		if volume.is_zero() {
			return used;
		}
		let now = Self::now();
		for id in farms {
			let Some(mut farm) = Farms::<T>::get(id) else { continue };
			if farm.stopped || now < farm.start || now >= farm.end {
				continue;
			}
			Self::accrue(id, &mut farm);
			// Settling moves the farmer to the current epoch (paying a closed one's volume).
			let added = Self::update_shares(id, &mut farm, who, |shares| {
				shares.checked_add(volume).ok_or(Error::<T>::Overflow.into())
			});
			// Stored either way: accrual may have closed an epoch and stored its rates.
			Farms::<T>::insert(id, farm);
			if added.is_err() {
				log::warn!(target: LOG_TARGET, "farm {id}: volume of a trade not recorded");
			}
		}
		used
	}
}

impl<T: Config> OnSharesChanged<T::AccountId, LendingActivity<T::AssetKind>> for Pallet<T> {
	fn on_shares_changed(
		activity: &LendingActivity<T::AssetKind>,
		who: &T::AccountId,
		shares: Balance,
	) {
		Self::report_shares(&FarmProgram::Lending(activity.clone()), who, shares);
	}

	fn on_shares_changed_weight() -> Weight {
		T::WeightInfo::report_shares(T::MaxFarmsPerProgram::get())
	}
}

impl<T: Config> OnSharesChanged<T::AccountId, ProductId> for Pallet<T> {
	fn on_shares_changed(product: &ProductId, who: &T::AccountId, shares: Balance) {
		Self::report_shares(&FarmProgram::Staking(*product), who, shares);
	}

	fn on_shares_changed_weight() -> Weight {
		T::WeightInfo::report_shares(T::MaxFarmsPerProgram::get())
	}
}

impl<T: Config> OnTrade<T::AccountId, T::AssetKind> for Pallet<T> {
	fn on_trade(
		who: Option<&T::AccountId>,
		pool: PoolId,
		asset_in: &T::AssetKind,
		amount_in: Balance,
		asset_out: &T::AssetKind,
		amount_out: Balance,
	) -> Weight {
		// A pallet's credit swap (a liquidation) is no one's trading.
		let Some(who) = who else { return Weight::zero() };
		let side_in = FarmProgram::Trading { pool, measured: asset_in.clone() };
		let side_out = FarmProgram::Trading { pool, measured: asset_out.clone() };
		Self::report_volume(&side_in, who, amount_in)
			.saturating_add(Self::report_volume(&side_out, who, amount_out))
	}

	fn on_trade_weight() -> Weight {
		// Both sides of the trade may be measured by farms.
		T::WeightInfo::report_volume(T::MaxFarmsPerProgram::get()).saturating_mul(2)
	}
}
