//! Read-only views for the runtime API.

use super::*;

impl<T: Config> Pallet<T> {
	/// Every tracked asset's price as a UI shows it, in the order the assets were tracked.
	pub fn price_views() -> Vec<PriceView<T::AssetKind>> {
		let now = Self::now_ms();
		Tracked::<T>::get()
			.into_iter()
			.filter_map(|asset| {
				let state = Current::<T>::get(&asset)?;
				Some(Self::view_of(asset, state, now))
			})
			.collect()
	}

	/// The view of one tracked asset's price.
	pub fn price_view(asset: T::AssetKind) -> Option<PriceView<T::AssetKind>> {
		let state = Current::<T>::get(&asset)?;
		Some(Self::view_of(asset, state, Self::now_ms()))
	}

	/// A stored price as of `now`: one that expired since its evaluation shows as unavailable,
	/// as consumers see it.
	fn view_of(asset: T::AssetKind, state: PriceState, now: u64) -> PriceView<T::AssetKind> {
		let usable = state.is_usable(now);
		PriceView {
			asset,
			status: if usable { state.status } else { PriceStatus::Unavailable },
			price: if usable { state.price } else { None },
			decimals: state.decimals,
			updated: state.updated,
			age: if state.updated == 0 { 0 } else { now.saturating_sub(state.updated) },
			feeders: state.feeders,
			twap: state.twap,
			valid_until: state.valid_until,
		}
	}
}
