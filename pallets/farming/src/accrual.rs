//! Accrual: moving a farm's books to the current block. Reward accrues per block over the
//! farm's `[start, end)` while it is not stopped; deposit and activity farms add it to the
//! reward-per-share accumulator of each stream at once, trading farms collect it per epoch and
//! split it over the epoch's volume when the epoch closes.

use super::*;
use defi_math::rewards;
use sp_arithmetic::FixedPointNumber;
use sp_runtime::{traits::Zero, SaturatedConversion};

/// A block number as a `u64`.
pub(crate) fn block<T: Config>(n: BlockNumberFor<T>) -> u64 {
	n.saturated_into::<u64>()
}

impl<T: Config> Pallet<T> {
	pub(crate) fn now() -> BlockNumberFor<T> {
		frame_system::Pallet::<T>::block_number()
	}

	/// Blocks of `[from, to)` inside the farm's `[start, end)` (0 while stopped).
	pub(crate) fn active_blocks(farm: &FarmOf<T>, from: u64, to: u64) -> u64 {
		if farm.stopped {
			return 0;
		}
		let from = from.max(block::<T>(farm.start));
		let to = to.min(block::<T>(farm.end));
		to.saturating_sub(from)
	}

	/// The first block of trading epoch `epoch`.
	pub(crate) fn epoch_start(farm: &FarmOf<T>, epoch: u32) -> u64 {
		block::<T>(farm.start)
			.saturating_add(u64::from(epoch).saturating_mul(block::<T>(farm.epoch_length)))
	}

	/// The trading epoch block `at` falls in (0 before the start).
	pub(crate) fn epoch_at(farm: &FarmOf<T>, at: u64) -> u32 {
		let length = block::<T>(farm.epoch_length).max(1);
		(at.saturating_sub(block::<T>(farm.start)) / length).saturated_into()
	}

	/// Books `amount` of accrued reward: from the pot to claimable, the part the pot cannot
	/// cover to owed. Returns whether the stream has just become underfunded.
	pub(crate) fn book(stream: &mut RewardStream<T::AssetKind>, amount: Balance) -> bool {
		let backed = amount.min(stream.pot);
		stream.pot -= backed;
		stream.claimable = stream.claimable.saturating_add(backed);
		let short = amount - backed;
		let was_backed = stream.owed.is_zero();
		stream.owed = stream.owed.saturating_add(short);
		was_backed && !short.is_zero()
	}

	/// Brings a farm's accrual up to `now`, emitting [`Event::Underfunded`] and
	/// [`Event::EpochClosed`] as they happen. The caller stores the farm.
	pub(crate) fn accrue(id: FarmId, farm: &mut FarmOf<T>) {
		let now = block::<T>(Self::now());
		let mut underfunded = alloc::vec::Vec::new();
		if farm.epoch_length.is_zero() {
			let blocks = Self::active_blocks(farm, block::<T>(farm.updated_at), now);
			if blocks > 0 && !farm.total_shares.is_zero() {
				for (i, stream) in farm.streams.iter_mut().enumerate() {
					let emitted = rewards::emission(stream.rate, blocks).unwrap_or(Balance::MAX);
					// An overflowing accumulator (impossible within 2^256) would stop growing,
					// which only ever pays less.
					if let Ok(acc) =
						rewards::accumulate(stream.acc, stream.rate, blocks, farm.total_shares)
					{
						stream.acc = acc;
						if Self::book(stream, emitted) {
							underfunded.push((i as u32, stream.owed));
						}
					}
				}
			}
		} else {
			// At most two steps: the epoch last touched up to its end, then (after any epochs
			// nobody traded in, which emit nothing) the current epoch from its start.
			while farm.epoch < Self::epoch_at(farm, now) {
				let boundary = Self::epoch_start(farm, farm.epoch.saturating_add(1));
				Self::collect_epoch(farm, boundary);
				Self::close_epoch(id, farm, &mut underfunded);
				farm.epoch = Self::epoch_at(farm, now);
				farm.updated_at = Self::epoch_start(farm, farm.epoch).saturated_into();
			}
			Self::collect_epoch(farm, now);
		}
		farm.updated_at = now.saturated_into();
		for (stream, owed) in underfunded {
			Self::deposit_event(Event::Underfunded { farm: id, stream, owed });
		}
	}

	/// Adds the emission of `[updated_at, to)` to the current epoch's (unbooked) emission.
	fn collect_epoch(farm: &mut FarmOf<T>, to: u64) {
		let blocks = Self::active_blocks(farm, block::<T>(farm.updated_at), to);
		for stream in farm.streams.iter_mut() {
			let emitted = rewards::emission(stream.rate, blocks).unwrap_or(Balance::MAX);
			stream.epoch_emission = stream.epoch_emission.saturating_add(emitted);
		}
		farm.updated_at = to.saturated_into();
	}

	/// Closes the current trading epoch: each stream books its emission, capped at
	/// `cap_per_volume · volume`, and records the reward per unit of volume; an epoch without
	/// volume books nothing (its emission never left the pot).
	fn close_epoch(
		id: FarmId,
		farm: &mut FarmOf<T>,
		underfunded: &mut alloc::vec::Vec<(u32, Balance)>,
	) {
		let volume = farm.total_shares;
		let mut per_volume = BoundedVec::<primitive_types::U256, T::MaxRewards>::new();
		let mut rewarded = alloc::vec::Vec::new();
		for (i, stream) in farm.streams.iter_mut().enumerate() {
			let emission = core::mem::take(&mut stream.epoch_emission);
			let cap = stream.cap_per_volume.map_or(Balance::MAX, |c| c.saturating_mul_int(volume));
			let amount = if volume.is_zero() { 0 } else { emission.min(cap) };
			let rate =
				rewards::accumulate_amount(Default::default(), amount, volume).unwrap_or_default();
			if !amount.is_zero() && Self::book(stream, amount) {
				underfunded.push((i as u32, stream.owed));
			}
			// Bounded by the farm's stream count, which is bounded by the same limit.
			let _ = per_volume.try_push(rate);
			rewarded.push(amount);
		}
		if !volume.is_zero() {
			EpochRewards::<T>::insert(id, farm.epoch, per_volume);
			Self::deposit_event(Event::EpochClosed {
				farm: id,
				epoch: farm.epoch,
				volume,
				rewarded,
			});
		}
		farm.total_shares = 0;
	}

	/// Settles `farmer`'s rewards up to the farm's (accrued) state: adds what its shares
	/// earned since it last settled to `unclaimed`. Trading farms: pays a closed epoch's volume
	/// and clears it.
	pub(crate) fn settle(id: FarmId, farm: &FarmOf<T>, farmer: &mut Farmer<T::MaxRewards>) {
		while farmer.rewards.len() < farm.streams.len() {
			// Bounded by the stream count.
			let _ = farmer.rewards.try_push(FarmerReward::default());
		}
		if farm.epoch_length.is_zero() {
			for (stream, reward) in farm.streams.iter().zip(farmer.rewards.iter_mut()) {
				let earned =
					rewards::earned(farmer.shares, stream.acc, reward.paid_at).unwrap_or_default();
				reward.unclaimed = reward.unclaimed.saturating_add(earned);
				reward.paid_at = stream.acc;
			}
		} else if farmer.epoch < farm.epoch {
			if !farmer.shares.is_zero() {
				if let Some(rates) = EpochRewards::<T>::get(id, farmer.epoch) {
					for (rate, reward) in rates.iter().zip(farmer.rewards.iter_mut()) {
						let earned = rewards::earned(farmer.shares, *rate, Default::default())
							.unwrap_or_default();
						reward.unclaimed = reward.unclaimed.saturating_add(earned);
					}
				}
			}
			farmer.shares = 0;
			farmer.epoch = farm.epoch;
		}
	}

	/// The farm's status now (without accruing).
	pub(crate) fn status_of(farm: &FarmOf<T>) -> FarmStatus {
		let now = Self::now();
		if now >= farm.end {
			FarmStatus::Ended
		} else if farm.stopped {
			FarmStatus::Stopped
		} else if now < farm.start {
			FarmStatus::Scheduled
		} else if farm.streams.iter().any(|s| !s.owed.is_zero()) {
			FarmStatus::Underfunded
		} else {
			FarmStatus::Active
		}
	}
}
