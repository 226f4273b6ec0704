//! The pallet's invariants, checked by `try_state` and by the tests.

use super::*;

impl<T: Config> Pallet<T> {
	/// Checks the pallet's invariants: the parameters are valid; tracked assets are distinct
	/// and each has a price entry; no price or pin belongs to an untracked asset; a price with
	/// a usable status has a non-zero price and an unavailable one has none; a pinned price
	/// matches its pin.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		ensure!(Params::<T>::get().is_valid(), "invalid price parameters");
		let tracked = Tracked::<T>::get();
		for (k, asset) in tracked.iter().enumerate() {
			ensure!(!tracked[k + 1..].contains(asset), "asset tracked twice");
			ensure!(Current::<T>::contains_key(asset), "tracked asset without a price entry");
		}
		for (asset, state) in Current::<T>::iter() {
			ensure!(tracked.contains(&asset), "price entry of an untracked asset");
			ensure!(
				state.decimals <= defi_math::prices::MAX_DECIMALS,
				"price entry with too many decimals"
			);
			match state.status {
				PriceStatus::Unavailable => {
					ensure!(state.price.is_none(), "unavailable price with a value");
				},
				PriceStatus::Live | PriceStatus::Disputed | PriceStatus::Pinned => {
					ensure!(
						state.price.is_some_and(|p| !p.is_zero()),
						"usable status without a non-zero price"
					);
				},
			}
			if state.status == PriceStatus::Pinned {
				let pin = Pins::<T>::get(&asset).ok_or("pinned price without a pin")?;
				ensure!(
					state.price == Some(pin.price) && state.valid_until == pin.until,
					"pinned price disagrees with its pin"
				);
			}
			if state.status == PriceStatus::Disputed {
				ensure!(state.twap.is_some(), "disputed price without a TWAP");
			}
		}
		for (asset, pin) in Pins::<T>::iter() {
			ensure!(tracked.contains(&asset), "pin of an untracked asset");
			ensure!(!pin.price.is_zero(), "zero pin");
		}
		Ok(())
	}
}
