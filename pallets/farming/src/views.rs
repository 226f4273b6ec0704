//! What the runtime API shows: farms with their streams and APRs, and each account's pending
//! rewards as of the current block (accrual simulated and rolled back).

use super::*;
use alloc::vec::Vec;
use defi_primitives::{FarmView, FarmerView, RewardStreamView};
use frame_support::storage::{with_transaction, TransactionOutcome};
use sp_arithmetic::FixedU128;

impl<T: Config> Pallet<T> {
	/// A farm as it would be after accruing now (nothing is stored).
	fn accrued_view(id: FarmId) -> Option<FarmOf<T>> {
		with_transaction(|| {
			let farm = Self::accrued(id).ok();
			TransactionOutcome::Rollback(Ok::<_, DispatchError>(farm))
		})
		.ok()
		.flatten()
	}

	/// USD value of `rate` units of `asset` per block, a year's worth over `total_value`.
	fn apr(
		asset: &T::AssetKind,
		rate: Balance,
		total_value: Option<FixedU128>,
	) -> Option<FixedU128> {
		let quote = T::Prices::price(asset)?;
		let per_block = FixedU128::from_inner(
			defi_math::prices::usd_value(rate, quote.usd_per_token, quote.decimals, false).ok()?,
		);
		defi_math::rewards::yearly_return(per_block, T::BlocksPerYear::get().into(), total_value?)
	}

	/// One farm as a UI lists it.
	pub fn farm_view(
		id: FarmId,
	) -> Option<FarmView<T::AssetKind, T::DepositAsset, BlockNumberFor<T>>> {
		let farm = Self::accrued_view(id)?;
		let trading = !farm.epoch_length.is_zero();
		let total_value =
			if trading { None } else { T::ShareValue::value_of(&farm.program, farm.total_shares) };
		let status = Self::status_of(&farm);
		let running = matches!(status, FarmStatus::Active | FarmStatus::Underfunded);
		let streams = farm
			.streams
			.iter()
			.map(|s| RewardStreamView {
				asset: s.asset.clone(),
				rate: s.rate,
				pot: s.pot,
				claimable: s.claimable,
				owed: s.owed,
				apr: if running { Self::apr(&s.asset, s.rate, total_value) } else { None },
			})
			.collect();
		Some(FarmView {
			id,
			program: farm.program.clone(),
			status,
			start: farm.start,
			end: farm.end,
			total_shares: if trading { 0 } else { farm.total_shares },
			total_value,
			epoch_length: farm.epoch_length,
			epoch_volume: if trading { farm.total_shares } else { 0 },
			streams,
		})
	}

	/// Every farm, in id order.
	pub fn farm_views() -> Vec<FarmView<T::AssetKind, T::DepositAsset, BlockNumberFor<T>>> {
		(0..FarmCount::<T>::get()).filter_map(Self::farm_view).collect()
	}

	/// `who`'s standing in farm `id` as of now; `None` if it has no entry. Trading farms: a
	/// closed epoch's volume shows as reward, the current epoch's as shares.
	pub fn farmer_view(id: FarmId, who: &T::AccountId) -> Option<FarmerView<T::AssetKind>> {
		// Accrual may close an epoch, which stores its rates: all of it is rolled back.
		with_transaction(|| {
			let view = Self::accrued(id).ok().and_then(|farm| {
				let mut farmer = Farmers::<T>::get(id, who)?;
				Self::settle(id, &farm, &mut farmer);
				let pending = farm
					.streams
					.iter()
					.zip(farmer.rewards.iter())
					.map(|(s, r)| (s.asset.clone(), r.unclaimed, r.unclaimed.min(s.claimable)))
					.collect();
				Some(FarmerView { farm: id, shares: farmer.shares, pending })
			});
			TransactionOutcome::Rollback(Ok::<_, DispatchError>(view))
		})
		.ok()
		.flatten()
	}

	/// `who`'s standing in every farm it has an entry in.
	pub fn farmer_views(who: &T::AccountId) -> Vec<FarmerView<T::AssetKind>> {
		(0..FarmCount::<T>::get()).filter_map(|id| Self::farmer_view(id, who)).collect()
	}
}
