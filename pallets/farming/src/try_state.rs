//! The pallet's invariants, checked by `try_state` and by the tests after every step.

use super::*;
use alloc::collections::btree_map::BTreeMap;
use defi_math::rewards;
use frame_support::traits::fungibles::{Inspect, InspectHold};

impl<T: Config> Pallet<T> {
	/// * each stream's books are exact: `funded = pot + claimable + paid + withdrawn`;
	/// * what all farmers have earned but not claimed is at most what accrued and was not
	///   paid (`claimable + owed`), so with nothing owed `Σ paid + Σ pending ≤ Σ funded`;
	/// * a farm's total shares are the sum of its farmers' (trading: of the current epoch);
	/// * deposits are held exactly: each account's hold is the sum of its deposit shares;
	/// * the pallet account holds at least every stream's pot and claimable amount;
	/// * every farm is listed once under its program, and no farm id is at or above the count.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let count = FarmCount::<T>::get();
		let mut funds: BTreeMap<T::AssetKind, Balance> = BTreeMap::new();
		let mut held: BTreeMap<(T::DepositAsset, T::AccountId), Balance> = BTreeMap::new();
		for (id, farm) in Farms::<T>::iter() {
			ensure!(id < count, "a farm id at or above the count");
			ensure!(
				ProgramFarms::<T>::get(&farm.program).iter().filter(|f| **f == id).count() == 1,
				"a farm not listed once under its program"
			);
			let trading = !farm.epoch_length.is_zero();
			let mut shares: Balance = 0;
			let mut pending = alloc::vec![0u128; farm.streams.len()];
			for (who, farmer) in Farmers::<T>::iter_prefix(id) {
				ensure!(!farmer.is_empty(), "an empty farmer entry is stored");
				let current = !trading || farmer.epoch == farm.epoch;
				if current {
					shares = shares.saturating_add(farmer.shares);
				}
				let closed_rates = if trading && !current {
					EpochRewards::<T>::get(id, farmer.epoch)
				} else {
					None
				};
				for (i, stream) in farm.streams.iter().enumerate() {
					let reward = farmer.rewards.get(i).cloned().unwrap_or_default();
					let earned = if !trading {
						rewards::earned(farmer.shares, stream.acc, reward.paid_at)
							.map_err(|_| "a farmer's accumulator is ahead of its stream")?
					} else {
						closed_rates
							.as_ref()
							.and_then(|r| r.get(i))
							.map(|r| rewards::earned(farmer.shares, *r, Default::default()))
							.transpose()
							.map_err(|_| "an epoch reward does not fit")?
							.unwrap_or_default()
					};
					pending[i] = pending[i].saturating_add(reward.unclaimed).saturating_add(earned);
				}
				if let FarmProgram::Deposit(asset) = &farm.program {
					let h = held.entry((asset.clone(), who)).or_default();
					*h = h.saturating_add(farmer.shares);
				}
			}
			ensure!(shares == farm.total_shares, "a farm's total is not the sum of its shares");
			for (stream, pending) in farm.streams.iter().zip(pending) {
				ensure!(
					stream.funded
						== stream
							.pot
							.saturating_add(stream.claimable)
							.saturating_add(stream.paid)
							.saturating_add(stream.withdrawn),
					"a stream's books do not balance"
				);
				ensure!(
					pending <= stream.claimable.saturating_add(stream.owed),
					"farmers are owed more than accrued"
				);
				let f = funds.entry(stream.asset.clone()).or_default();
				*f = f.saturating_add(stream.pot).saturating_add(stream.claimable);
			}
		}
		ensure!(
			ProgramFarms::<T>::iter_values().map(|f| f.len()).sum::<usize>()
				== Farms::<T>::iter().count(),
			"a program lists a farm that does not exist"
		);
		for ((asset, who), amount) in held {
			ensure!(
				T::DepositHolds::balance_on_hold(asset, &HoldReason::Farming.into(), &who)
					== amount,
				"an account's farming hold is not its deposits"
			);
		}
		for (asset, amount) in funds {
			ensure!(
				T::Assets::balance(asset, &Self::account()) >= amount,
				"the pallet account holds less than its streams"
			);
		}
		Ok(())
	}
}
