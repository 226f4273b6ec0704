//! What the runtime API returns. Nothing here writes: fees are accrued on copies.

use super::*;
use defi_math::{prices, vaults as math};
use defi_primitives::{CollateralTypeView, ShutdownView, StablecoinTotals, VaultView};
use frame_support::traits::fungibles::Inspect;
use sp_arithmetic::FixedPointNumber;
use sp_runtime::traits::Zero;

impl<T: Config> Pallet<T> {
	/// `asset`'s collateral type with its rate accrued to now (not stored).
	fn accrued_type(asset: &T::AssetKind) -> Option<CollateralType> {
		let mut ct = CollateralTypes::<T>::get(asset)?;
		Self::accrue(&mut ct, Self::fee_clock()).ok()?;
		Some(ct)
	}

	pub fn vault_view(
		owner: &T::AccountId,
		asset: &T::AssetKind,
	) -> Option<VaultView<T::AssetKind>> {
		let ct = Self::accrued_type(asset)?;
		let stored = Vaults::<T>::get(asset, owner)?;
		let debt = math::debt_of(stored.normalized, ct.rate).ok()?.max(stored.debt);
		let vault = Vault { debt, ..stored };
		let quote = T::Prices::price(asset).filter(|q| !q.usd_per_token.is_zero());
		let collateral_value =
			quote.and_then(|q| Self::collateral_value(vault.collateral, &q).ok());
		let ratio = quote.and_then(|q| Self::ratio(&vault, &q).ok().flatten());
		let usable = quote.filter(|q| !q.disputed);
		let debt_value = Self::stablecoin_value(debt).unwrap_or(Balance::MAX);
		let params = ct.params;
		let (max_mintable, max_withdrawable) = match (usable, collateral_value) {
			_ if Shutdown::<T>::get().is_some() => (0, 0),
			(Some(q), Some(value)) => {
				let supported = math::max_debt(value, params.minimum_ratio).unwrap_or_default();
				let by_ratio = Self::stablecoin_for_value(supported, false)
					.unwrap_or_default()
					.saturating_sub(debt);
				let books = Books::<T>::get();
				let system_room = DebtCeiling::<T>::get()
					.saturating_sub(books.vault_debt)
					.saturating_sub(books.bad_debt)
					.saturating_sub(T::Psm::debt());
				let type_room = params.debt_ceiling.saturating_sub(ct.debt);
				let needed = params.minimum_ratio.saturating_mul_int(debt_value).saturating_add(1);
				let locked = if debt.is_zero() {
					0
				} else {
					prices::amount_for_value(needed, q.usd_per_token, q.decimals, true)
						.unwrap_or(Balance::MAX)
				};
				(by_ratio.min(system_room).min(type_room), vault.collateral.saturating_sub(locked))
			},
			_ if debt.is_zero() => (0, vault.collateral),
			_ => (0, 0),
		};
		let liquidation_price = quote.and_then(|q| {
			math::liquidation_price(
				vault.collateral,
				q.decimals,
				debt_value,
				params.liquidation_ratio,
			)
		});
		Some(VaultView {
			asset: asset.clone(),
			collateral: vault.collateral,
			debt,
			collateral_value,
			ratio,
			max_mintable,
			max_withdrawable,
			liquidation_price,
			liquidatable: usable.is_some()
				&& ratio.is_some_and(|r| r < params.liquidation_ratio)
				&& Shutdown::<T>::get().is_none(),
		})
	}

	pub fn vault_views(owner: &T::AccountId) -> Vec<VaultView<T::AssetKind>> {
		CollateralAssets::<T>::get()
			.iter()
			.filter_map(|asset| Self::vault_view(owner, asset))
			.collect()
	}

	pub fn collateral_type_views() -> Vec<CollateralTypeView<T::AssetKind>> {
		CollateralAssets::<T>::get()
			.into_iter()
			.filter_map(|asset| {
				let ct = Self::accrued_type(&asset)?;
				let p = ct.params;
				Some(CollateralTypeView {
					debt: math::debt_of(ct.normalized, ct.rate).unwrap_or(ct.debt).max(ct.debt),
					price: T::Prices::price(&asset).map(|q| q.usd_per_token),
					asset,
					liquidation_ratio: p.liquidation_ratio,
					minimum_ratio: p.minimum_ratio,
					stability_fee_per_second: p.stability_fee,
					stability_fee_yearly: math::yearly_fee(p.stability_fee).unwrap_or_default(),
					liquidation_penalty: p.liquidation_penalty,
					debt_ceiling: p.debt_ceiling,
					minimum_debt: p.minimum_debt,
					max_slippage: p.max_slippage,
					purchase_discount: p.purchase_discount,
					collateral: ct.collateral,
					vaults: ct.vaults,
					rate: ct.rate,
				})
			})
			.collect()
	}

	pub fn totals() -> StablecoinTotals<T::AssetKind> {
		let stable = T::Stablecoin::get();
		let books = Books::<T>::get();
		let types = Self::collateral_type_views();
		let collateral_value = types
			.iter()
			.filter_map(|t| {
				let quote = T::Prices::price(&t.asset)?;
				Self::collateral_value(t.collateral, &quote).ok()
			})
			.fold(0, Balance::saturating_add);
		let shutdown = Shutdown::<T>::get().map(|state| ShutdownView {
			at: state.at,
			unsettled_vaults: state.unsettled,
			redeemable: if state.claims_at_fix.is_some() { books.shutdown_claims } else { 0 },
			per_stablecoin: state
				.claims_at_fix
				.and_then(|_| {
					let one = 10u128.saturating_pow(T::StablecoinDecimals::get().into());
					Self::redemption_payout(one.min(books.shutdown_claims.max(1))).ok()
				})
				.unwrap_or_default(),
			prices: CollateralAssets::<T>::get()
				.into_iter()
				.filter_map(|a| ShutdownCollaterals::<T>::get(&a).map(|f| (a, f.price)))
				.collect(),
		});
		StablecoinTotals {
			issuance: T::Assets::total_issuance(stable.clone()),
			vault_debt: types.iter().map(|t| t.debt).fold(0, Balance::saturating_add),
			psm_debt: T::Psm::debt(),
			psm_reserves: T::Psm::reserves(),
			collateral_value,
			surplus: T::Assets::balance(stable.clone(), &Self::surplus_account()),
			bad_debt: books.bad_debt,
			debt_ceiling: DebtCeiling::<T>::get(),
			shutdown,
			stablecoin: stable,
		}
	}

	/// What redeeming `amount` pays now; empty before the redemption rate is fixed or above
	/// the claims left.
	pub fn redemption_quote(amount: Balance) -> Vec<(T::AssetKind, Balance)> {
		if amount > Books::<T>::get().shutdown_claims {
			return Vec::new();
		}
		Self::redemption_payout(amount).unwrap_or_default()
	}
}
