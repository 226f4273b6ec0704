//! # PSM genesis
//!
//! `pallet-psm` 0.6 has no genesis config. This pallet's genesis seeds it through its own
//! calls, in order: `create_psm` (as root), then per external `add_external_asset`,
//! `set_asset_ceiling_weight`, `set_minting_fee` and `set_redemption_fee` (as the instance's
//! full admin), then the listed `mint`s (as the minting account, paying the external like any
//! user). Going through the calls keeps every invariant `pallet-psm` checks (decimals, debt
//! ceilings, provider references on the reserve and fee accounts) exactly as at run time.
//!
//! It must come after `pallet-assets` (the stablecoin and the externals must exist, the minting
//! accounts hold the externals) and before whatever reads the peg module at genesis (the
//! stablecoin pallet sets the peg module's ceiling; a DEX pool of the stablecoin needs the
//! minted supply). It has no calls and no storage.

pub use pallet::*;

#[frame_support::pallet]
pub mod pallet {
	use alloc::vec::Vec;
	use frame_support::pallet_prelude::*;
	use frame_support::traits::fungibles::Inspect;
	use frame_system::RawOrigin;
	use sp_runtime::Permill;

	type BalanceOf<T> = <<T as pallet_psm::Config>::Fungibles as Inspect<
		<T as frame_system::Config>::AccountId,
	>>::Balance;
	type OriginOf<T> = <T as frame_system::Config>::RuntimeOrigin;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config + pallet_psm::Config {
		/// The origin set as each seeded instance's full and emergency admin.
		type Admin: Get<<Self as pallet_psm::Config>::PalletsOrigin>;
	}

	/// An external asset of a seeded instance.
	#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
	pub struct GenesisExternal<AssetId> {
		pub asset: AssetId,
		/// Its share of the instance's debt ceiling.
		pub ceiling_weight: Permill,
		pub minting_fee: Permill,
		pub redemption_fee: Permill,
	}

	/// A peg-module instance for one internal stablecoin.
	#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
	pub struct GenesisPsm<AccountId, AssetId, Balance> {
		pub internal: AssetId,
		/// Receives the fees; not an account whose stablecoin balance other books count.
		pub fee_destination: AccountId,
		/// The instance's own ceiling until a debt-ceiling owner (the stablecoin pallet)
		/// resets it.
		pub max_debt: Balance,
		pub min_swap_amount: Balance,
		pub externals: Vec<GenesisExternal<AssetId>>,
	}

	/// A genesis mint: `who` deposits `external_amount` of `external` for `internal`.
	#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
	pub struct GenesisMint<AccountId, AssetId, Balance> {
		pub who: AccountId,
		pub internal: AssetId,
		pub external: AssetId,
		pub external_amount: Balance,
	}

	type GenesisPsmOf<T> = GenesisPsm<
		<T as frame_system::Config>::AccountId,
		<T as pallet_psm::Config>::AssetId,
		BalanceOf<T>,
	>;
	type GenesisMintOf<T> = GenesisMint<
		<T as frame_system::Config>::AccountId,
		<T as pallet_psm::Config>::AssetId,
		BalanceOf<T>,
	>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		pub instances: Vec<GenesisPsmOf<T>>,
		pub mints: Vec<GenesisMintOf<T>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for psm in &self.instances {
				Pallet::<T>::seed(psm).expect("genesis: peg-module instance");
			}
			for m in &self.mints {
				pallet_psm::Pallet::<T>::mint(
					RawOrigin::Signed(m.who.clone()).into(),
					m.internal.clone(),
					m.external.clone(),
					m.external_amount,
					Permill::one(),
				)
				.expect("genesis: peg-module mint");
			}
		}
	}

	impl<T: Config> Pallet<T> {
		fn admin() -> OriginOf<T> {
			<T as pallet_psm::Config>::RuntimeOrigin::from(T::Admin::get()).into()
		}

		/// Creates and configures one instance (also what benchmarks use on a bare chain).
		pub fn seed(psm: &GenesisPsmOf<T>) -> DispatchResult {
			let admin = alloc::boxed::Box::new(T::Admin::get());
			pallet_psm::Pallet::<T>::create_psm(
				RawOrigin::Root.into(),
				psm.internal.clone(),
				admin.clone(),
				admin,
				psm.fee_destination.clone(),
				psm.max_debt,
				psm.min_swap_amount,
			)?;
			let internal = || psm.internal.clone();
			for e in &psm.externals {
				pallet_psm::Pallet::<T>::add_external_asset(
					Self::admin(),
					internal(),
					e.asset.clone(),
				)?;
				pallet_psm::Pallet::<T>::set_asset_ceiling_weight(
					Self::admin(),
					internal(),
					e.asset.clone(),
					e.ceiling_weight,
				)?;
				pallet_psm::Pallet::<T>::set_minting_fee(
					Self::admin(),
					internal(),
					e.asset.clone(),
					e.minting_fee,
				)?;
				pallet_psm::Pallet::<T>::set_redemption_fee(
					Self::admin(),
					internal(),
					e.asset.clone(),
					e.redemption_fee,
				)?;
			}
			Ok(())
		}
	}
}
