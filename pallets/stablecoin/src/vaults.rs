//! Vaults: fee accrual and booking, deposit, withdraw, mint, repay, close; prices and ratios.

use super::*;
use defi_math::{prices, vaults as math};
use defi_primitives::PriceQuote;
use frame_support::traits::{
	fungibles::{Mutate, MutateHold},
	tokens::{Fortitude, Precision, Preservation},
};
use sp_runtime::traits::Zero;

/// A vault loaded for an operation: its type and itself with fees booked to now.
pub(crate) struct Loaded {
	pub ct: CollateralType,
	pub vault: Vault,
	/// The vault existed before.
	pub existed: bool,
	/// The vault owed something before.
	pub was_indebted: bool,
}

impl<T: Config> Pallet<T> {
	/// Unix time (ms) fees accrue to: now, or the shutdown's time after one; 0 at genesis,
	/// where no block has set the time yet.
	pub(crate) fn fee_clock() -> u64 {
		if frame_system::Pallet::<T>::block_number().is_zero() {
			return 0;
		}
		let now = T::UnixTime::now().as_millis().min(u64::MAX as u128) as u64;
		match Shutdown::<T>::get() {
			Some(state) => now.min(state.at),
			None => now,
		}
	}

	/// Advances `ct`'s rate to `now` in whole seconds (the remainder waits for the next
	/// accrual, so no time is lost).
	/// A type created while the clock read 0 (at genesis, before the first block's timestamp)
	/// starts accruing at the first reading after it: not from 1970.
	pub(crate) fn accrue(ct: &mut CollateralType, now: u64) -> Result<(), Error<T>> {
		if ct.accrued_to == 0 {
			ct.accrued_to = now;
			return Ok(());
		}
		let seconds = now.saturating_sub(ct.accrued_to) / 1_000;
		if seconds == 0 {
			return Ok(());
		}
		ct.rate = math::accrue_rate(ct.rate, ct.params.stability_fee, seconds)
			.map_err(|_| Error::<T>::Overflow)?;
		ct.accrued_to = ct.accrued_to.saturating_add(seconds * 1_000);
		Ok(())
	}

	/// Loads `owner`'s vault of `asset` (an empty one if none) and books its fees to now:
	/// the fees are minted to the surplus here, with the debt that backs them. Every load is
	/// followed by [`Self::store`] or by an error (which reverts the mint with the call).
	pub(crate) fn load(
		owner: &T::AccountId,
		asset: &T::AssetKind,
	) -> Result<Loaded, DispatchError> {
		let mut ct = CollateralTypes::<T>::get(asset).ok_or(Error::<T>::UnknownCollateral)?;
		Self::accrue(&mut ct, Self::fee_clock())?;
		let stored = Vaults::<T>::get(asset, owner);
		let existed = stored.is_some();
		let mut vault = stored.unwrap_or_default();
		let owed = math::debt_of(vault.normalized, ct.rate).map_err(|_| Error::<T>::Overflow)?;
		// The rate never falls, so neither does a vault's debt.
		let fees = owed.saturating_sub(vault.debt);
		if !fees.is_zero() {
			Self::book_debt(&mut ct, &mut vault, owed)?;
			Self::mint_to_surplus(fees)?;
			Self::deposit_event(Event::FeesBooked {
				owner: owner.clone(),
				asset: asset.clone(),
				fees,
			});
		}
		let was_indebted = !vault.normalized.is_zero();
		Ok(Loaded { ct, vault, existed, was_indebted })
	}

	/// Writes a loaded vault back: removes it when empty, counts it when new.
	pub(crate) fn store(owner: &T::AccountId, asset: &T::AssetKind, mut loaded: Loaded) {
		let empty = loaded.vault == Vault::default();
		match (loaded.was_indebted, !loaded.vault.normalized.is_zero()) {
			(false, true) => loaded.ct.indebted = loaded.ct.indebted.saturating_add(1),
			(true, false) => loaded.ct.indebted = loaded.ct.indebted.saturating_sub(1),
			_ => {},
		}
		match (loaded.existed, empty) {
			(true, true) => {
				loaded.ct.vaults = loaded.ct.vaults.saturating_sub(1);
				Vaults::<T>::remove(asset, owner);
				DeferredLiquidations::<T>::remove(asset, owner);
			},
			(false, false) => {
				loaded.ct.vaults = loaded.ct.vaults.saturating_add(1);
				Vaults::<T>::insert(asset, owner, loaded.vault);
			},
			(true, false) => Vaults::<T>::insert(asset, owner, loaded.vault),
			(false, true) => {},
		}
		CollateralTypes::<T>::insert(asset, loaded.ct);
	}

	/// Sets the vault's debt to at least `target` at the current rate: normalized rounded up,
	/// so the booked debt may exceed `target` by a unit or two (returned; the caller mints it
	/// to the surplus). Updates the type's and the books' totals.
	pub(crate) fn rebook(
		ct: &mut CollateralType,
		vault: &mut Vault,
		target: Balance,
	) -> Result<Balance, DispatchError> {
		let normalized = math::normalized_for(target, ct.rate).map_err(|_| Error::<T>::Overflow)?;
		ct.normalized = ct
			.normalized
			.checked_sub(vault.normalized)
			.and_then(|n| n.checked_add(normalized))
			.ok_or(Error::<T>::Overflow)?;
		vault.normalized = normalized;
		let booked = math::debt_of(normalized, ct.rate).map_err(|_| Error::<T>::Overflow)?;
		Self::book_debt(ct, vault, booked)?;
		Ok(booked.saturating_sub(target))
	}

	/// Sets the vault's booked debt to `debt` (its normalized debt unchanged) and moves the
	/// type's and the books' totals with it.
	pub(crate) fn book_debt(
		ct: &mut CollateralType,
		vault: &mut Vault,
		debt: Balance,
	) -> Result<(), DispatchError> {
		let old = vault.debt;
		let move_total = |total: Balance| {
			total
				.checked_sub(old)
				.and_then(|t| t.checked_add(debt))
				.ok_or(Error::<T>::Overflow)
		};
		ct.debt = move_total(ct.debt)?;
		Books::<T>::try_mutate(|books| -> Result<(), Error<T>> {
			books.vault_debt = move_total(books.vault_debt)?;
			Ok(())
		})?;
		vault.debt = debt;
		Ok(())
	}

	/// Removes a vault's debt from the totals entirely (liquidation, settlement).
	pub(crate) fn clear_debt(
		ct: &mut CollateralType,
		vault: &mut Vault,
	) -> Result<(), DispatchError> {
		Self::book_debt(ct, vault, 0)?;
		ct.normalized = ct.normalized.saturating_sub(vault.normalized);
		vault.normalized = 0;
		Ok(())
	}

	pub(crate) fn mint_to_surplus(amount: Balance) -> DispatchResult {
		if amount.is_zero() {
			return Ok(());
		}
		T::Assets::mint_into(T::Stablecoin::get(), &Self::surplus_account(), amount)?;
		Books::<T>::try_mutate(|books| -> DispatchResult {
			books.minted = books.minted.checked_add(amount).ok_or(Error::<T>::Overflow)?;
			Ok(())
		})
	}

	/// Counts `amount` of stablecoin burned (by a dropped credit or `burn_from`).
	pub(crate) fn count_burned(amount: Balance) -> DispatchResult {
		Books::<T>::try_mutate(|books| -> DispatchResult {
			books.burned = books.burned.checked_add(amount).ok_or(Error::<T>::Overflow)?;
			Ok(())
		})
	}

	/// A price of `asset` usable to add or liquidate risk: fresh and undisputed.
	pub(crate) fn risk_price(asset: &T::AssetKind) -> Result<PriceQuote, Error<T>> {
		let quote = T::Prices::price(asset).ok_or(Error::<T>::PriceUnavailable)?;
		ensure!(!quote.usd_per_token.is_zero(), Error::<T>::PriceUnavailable);
		ensure!(!quote.disputed, Error::<T>::PriceDisputed);
		Ok(quote)
	}

	/// USD value (18 decimals) of `amount` of collateral, rounded down.
	pub(crate) fn collateral_value(
		amount: Balance,
		quote: &PriceQuote,
	) -> Result<Balance, Error<T>> {
		prices::usd_value(amount, quote.usd_per_token, quote.decimals, false)
			.map_err(|_| Error::<T>::Overflow)
	}

	/// USD value (18 decimals) of `amount` of stablecoin at par, rounded up.
	pub(crate) fn stablecoin_value(amount: Balance) -> Result<Balance, Error<T>> {
		prices::usd_value(amount, FixedU128::from_u32(1), T::StablecoinDecimals::get(), true)
			.map_err(|_| Error::<T>::Overflow)
	}

	/// Stablecoin worth `value` USD (18 decimals) at par, rounded down or up.
	pub(crate) fn stablecoin_for_value(
		value: Balance,
		round_up: bool,
	) -> Result<Balance, Error<T>> {
		prices::amount_for_value(
			value,
			FixedU128::from_u32(1),
			T::StablecoinDecimals::get(),
			round_up,
		)
		.map_err(|_| Error::<T>::Overflow)
	}

	/// Collateral worth `amount` of stablecoin at `price` (USD per whole token).
	pub(crate) fn collateral_for_stablecoin(
		amount: Balance,
		price: FixedU128,
		decimals: u8,
		round_up: bool,
	) -> Result<Balance, Error<T>> {
		prices::amount_for_value(Self::stablecoin_value(amount)?, price, decimals, round_up)
			.map_err(|_| Error::<T>::Overflow)
	}

	/// Collateral over debt at `quote`; `None` without debt.
	pub(crate) fn ratio(vault: &Vault, quote: &PriceQuote) -> Result<Option<FixedU128>, Error<T>> {
		if vault.debt.is_zero() {
			return Ok(None);
		}
		let value = Self::collateral_value(vault.collateral, quote)?;
		Ok(math::collateral_ratio(value, Self::stablecoin_value(vault.debt)?))
	}

	/// Fails unless a vault with debt is at or above the minimum ratio at a fresh, undisputed
	/// price (a vault without debt needs no price).
	pub(crate) fn ensure_minimum_ratio(
		asset: &T::AssetKind,
		ct: &CollateralType,
		vault: &Vault,
	) -> DispatchResult {
		if vault.debt.is_zero() {
			return Ok(());
		}
		let quote = Self::risk_price(asset)?;
		let ratio = Self::ratio(vault, &quote)?.unwrap_or_default();
		ensure!(ratio >= ct.params.minimum_ratio, Error::<T>::BelowMinimumRatio);
		Ok(())
	}

	pub(crate) fn ensure_running() -> DispatchResult {
		ensure!(Shutdown::<T>::get().is_none(), Error::<T>::IsShutdown);
		Ok(())
	}

	/// Lets the peg module mint up to the system ceiling less the vault debt. Returns that.
	pub(crate) fn sync_psm_ceiling() -> Result<Balance, DispatchError> {
		let books = Books::<T>::get();
		let room = DebtCeiling::<T>::get()
			.saturating_sub(books.vault_debt)
			.saturating_sub(books.bad_debt);
		T::Psm::set_debt_ceiling(room)?;
		Ok(room)
	}

	pub(crate) fn do_deposit(
		owner: &T::AccountId,
		asset: T::AssetKind,
		amount: Balance,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		Self::ensure_running()?;
		let mut loaded = Self::load(owner, &asset)?;
		T::Holds::hold(asset.clone(), &HoldReason::VaultCollateral.into(), owner, amount)?;
		loaded.vault.collateral =
			loaded.vault.collateral.checked_add(amount).ok_or(Error::<T>::Overflow)?;
		loaded.ct.collateral =
			loaded.ct.collateral.checked_add(amount).ok_or(Error::<T>::Overflow)?;
		Self::store(owner, &asset, loaded);
		Self::deposit_event(Event::CollateralDeposited { owner: owner.clone(), asset, amount });
		Ok(())
	}

	pub(crate) fn do_withdraw(
		owner: &T::AccountId,
		asset: T::AssetKind,
		amount: Balance,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		if Shutdown::<T>::get().is_some() {
			Self::settle_if_owing(owner, &asset)?;
		}
		ensure!(Vaults::<T>::contains_key(&asset, owner), Error::<T>::NoVault);
		let mut loaded = Self::load(owner, &asset)?;
		ensure!(amount <= loaded.vault.collateral, Error::<T>::InsufficientCollateral);
		loaded.vault.collateral -= amount;
		loaded.ct.collateral = loaded.ct.collateral.saturating_sub(amount);
		Self::ensure_minimum_ratio(&asset, &loaded.ct, &loaded.vault)?;
		Self::release(owner, &asset, amount)?;
		Self::store(owner, &asset, loaded);
		Self::deposit_event(Event::CollateralWithdrawn { owner: owner.clone(), asset, amount });
		Ok(())
	}

	pub(crate) fn release(
		owner: &T::AccountId,
		asset: &T::AssetKind,
		amount: Balance,
	) -> DispatchResult {
		if amount.is_zero() {
			return Ok(());
		}
		T::Holds::release(
			asset.clone(),
			&HoldReason::VaultCollateral.into(),
			owner,
			amount,
			Precision::Exact,
		)?;
		Ok(())
	}

	pub(crate) fn do_mint(
		owner: &T::AccountId,
		asset: T::AssetKind,
		amount: Balance,
	) -> DispatchResult {
		ensure!(Vaults::<T>::contains_key(&asset, owner), Error::<T>::NoVault);
		let debt = Self::draw(owner, &asset, amount, true)?;
		Self::sync_psm_ceiling()?;
		Self::deposit_event(Event::Minted { owner: owner.clone(), asset, amount, debt });
		Ok(())
	}

	/// Genesis: a draw without the price check.
	pub(crate) fn do_mint_unchecked(
		owner: &T::AccountId,
		asset: T::AssetKind,
		amount: Balance,
	) -> DispatchResult {
		Self::draw(owner, &asset, amount, false).map(|_| ())
	}

	/// Books `amount` more debt on the vault within the minimum debt and both ceilings, and
	/// mints it to the owner; with `check_ratio`, at or above the minimum ratio. Returns the
	/// vault's debt.
	fn draw(
		owner: &T::AccountId,
		asset: &T::AssetKind,
		amount: Balance,
		check_ratio: bool,
	) -> Result<Balance, DispatchError> {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		Self::ensure_running()?;
		let mut loaded = Self::load(owner, asset)?;
		let target = loaded.vault.debt.checked_add(amount).ok_or(Error::<T>::Overflow)?;
		let dust = Self::rebook(&mut loaded.ct, &mut loaded.vault, target)?;
		let params = loaded.ct.params;
		ensure!(loaded.vault.debt >= params.minimum_debt, Error::<T>::BelowMinimumDebt);
		ensure!(loaded.ct.debt <= params.debt_ceiling, Error::<T>::CollateralCeilingExceeded);
		let books = Books::<T>::get();
		let system_debt =
			books.vault_debt.saturating_add(books.bad_debt).saturating_add(T::Psm::debt());
		ensure!(system_debt <= DebtCeiling::<T>::get(), Error::<T>::DebtCeilingExceeded);
		if check_ratio {
			Self::ensure_minimum_ratio(asset, &loaded.ct, &loaded.vault)?;
		}
		T::Assets::mint_into(T::Stablecoin::get(), owner, amount)?;
		Books::<T>::try_mutate(|books| -> DispatchResult {
			books.minted = books.minted.checked_add(amount).ok_or(Error::<T>::Overflow)?;
			Ok(())
		})?;
		Self::mint_to_surplus(dust)?;
		let debt = loaded.vault.debt;
		Self::store(owner, asset, loaded);
		Ok(debt)
	}

	pub(crate) fn do_repay(
		owner: &T::AccountId,
		asset: T::AssetKind,
		amount: AmountOrAll,
	) -> DispatchResult {
		Self::ensure_running()?;
		ensure!(Vaults::<T>::contains_key(&asset, owner), Error::<T>::NoVault);
		let mut loaded = Self::load(owner, &asset)?;
		let owed = loaded.vault.debt;
		let pay = match amount {
			AmountOrAll::All => owed,
			AmountOrAll::Exact(a) => {
				ensure!(a <= owed, Error::<T>::RepayExceedsDebt);
				a
			},
		};
		ensure!(!pay.is_zero(), Error::<T>::ZeroAmount);
		let remaining = owed - pay;
		ensure!(
			remaining.is_zero() || remaining >= loaded.ct.params.minimum_debt,
			Error::<T>::BelowMinimumDebt
		);
		T::Assets::burn_from(
			T::Stablecoin::get(),
			owner,
			pay,
			Preservation::Expendable,
			Precision::Exact,
			Fortitude::Polite,
		)?;
		Self::count_burned(pay)?;
		let dust = Self::rebook(&mut loaded.ct, &mut loaded.vault, remaining)?;
		Self::mint_to_surplus(dust)?;
		let debt = loaded.vault.debt;
		Self::store(owner, &asset, loaded);
		Self::sync_psm_ceiling()?;
		Self::deposit_event(Event::Repaid { owner: owner.clone(), asset, amount: pay, debt });
		Ok(())
	}

	pub(crate) fn do_close(owner: &T::AccountId, asset: T::AssetKind) -> DispatchResult {
		ensure!(Vaults::<T>::contains_key(&asset, owner), Error::<T>::NoVault);
		if Shutdown::<T>::get().is_some() {
			Self::settle_if_owing(owner, &asset)?;
		} else if Vaults::<T>::get(&asset, owner).is_some_and(|v| !v.normalized.is_zero()) {
			Self::do_repay(owner, asset.clone(), AmountOrAll::All)?;
		}
		let collateral = Vaults::<T>::get(&asset, owner).map(|v| v.collateral).unwrap_or_default();
		if !collateral.is_zero() {
			Self::do_withdraw(owner, asset.clone(), collateral)?;
		}
		Self::deposit_event(Event::VaultClosed { owner: owner.clone(), asset });
		Ok(())
	}
}
