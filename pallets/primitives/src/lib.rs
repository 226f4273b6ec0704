//! # defi-primitives
//!
//! What the chain's pallets share without depending on each other: the common types (balances,
//! pool ids, swap hops, the views runtime APIs return) and the traits through which one pallet
//! uses another. A pallet depends on this crate and on traits, never on another pallet's crate;
//! the runtime wires the implementations together.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod farming;
pub mod lending;
pub mod prices;
pub mod routing;
pub mod stablecoin;
pub mod staking;
pub mod traits;
pub mod types;

pub use farming::*;
pub use lending::*;
pub use prices::*;
pub use routing::*;
pub use stablecoin::*;
pub use staking::*;
pub use traits::*;
pub use types::*;
