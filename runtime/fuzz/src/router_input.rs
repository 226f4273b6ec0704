//! Calls of the router: swaps between any two of the genesis tokens, exact-in or exact-out,
//! mostly at the bound the router's own quote gives (so they can succeed), sometimes one unit
//! past it, with the quoted routes passed back as given or tampered with (a part moved by one
//! unit, a pool used twice), and now and then an expired deadline.

use arbitrary::{Result, Unstructured};
use defi_runtime::{configs::NativeAndAssets, AccountId, Router, Runtime, RuntimeCall, System};
use frame_support::{
	traits::{fungible::NativeOrWithId, fungibles::Inspect},
	BoundedVec,
};

type AssetKind = NativeOrWithId<u32>;

const TOKENS: [Option<u32>; 5] = [None, Some(1), Some(2), Some(3), Some(4)];

fn token(u: &mut Unstructured) -> Result<AssetKind> {
	Ok(match *u.choose(&TOKENS)? {
		None => NativeOrWithId::Native,
		Some(id) => NativeOrWithId::WithId(id),
	})
}

/// A router swap by `who`.
pub fn router_call(
	u: &mut Unstructured,
	who: &AccountId,
	recipient: &AccountId,
) -> Result<RuntimeCall> {
	use pallet_router::{Call, RoutePlan};
	let asset_in = token(u)?;
	let mut asset_out = token(u)?;
	if asset_out == asset_in && u.ratio(7, 8)? {
		asset_out = if asset_in == NativeOrWithId::Native {
			NativeOrWithId::WithId(1)
		} else {
			NativeOrWithId::Native
		};
	}
	let exact_out = u.ratio(1, 3)?;
	let held = <NativeAndAssets as Inspect<AccountId>>::balance(asset_in.clone(), who);
	// Exact-out amounts are in the output token: scale by what the quote of a tenth of the
	// balance would pay.
	let reference = held / 10;
	let base = if exact_out {
		Router::quote(asset_in.clone(), asset_out.clone(), reference.max(1), false)
			.map_or(reference, |q| q.amount_out)
	} else {
		reference
	};
	let amount = match u.int_in_range(0u8..=9)? {
		0 => 0,
		1 => 1,
		2 => u128::MAX,
		_ => base / 1_000 * u128::from(u.int_in_range(1u32..=1_500)?),
	};
	let quote = Router::quote(asset_in.clone(), asset_out.clone(), amount, exact_out);
	let (quoted_in, quoted_out) =
		quote.as_ref().map_or((u128::MAX, 0), |q| (q.amount_in, q.amount_out));
	let past_bound = u.ratio(1, 6)?;
	let now = System::block_number();
	let deadline = if u.ratio(1, 12)? { now.saturating_sub(1) } else { now + 10 };
	let route = match (u.int_in_range(0u8..=3)?, &quote) {
		(2 | 3, Some(q)) => {
			let mut plans: Vec<RoutePlan<Runtime>> = q
				.routes
				.iter()
				.map(|r| RoutePlan {
					hops: BoundedVec::truncate_from(r.hops.clone()),
					amount: if exact_out { r.amount_out } else { r.amount_in },
				})
				.collect();
			if u.ratio(1, 4)? {
				// Tampered: one part moved by a unit, or the first route given twice.
				match u.int_in_range(0u8..=1)? {
					0 => {
						if let Some(p) = plans.first_mut() {
							p.amount = p.amount.saturating_add(1);
						}
					},
					_ => {
						if let Some(p) = plans.first().cloned() {
							plans.push(p);
						}
					},
				}
			}
			Some(BoundedVec::truncate_from(plans))
		},
		_ => None,
	};
	Ok(RuntimeCall::Router(if exact_out {
		Call::swap_exact_out {
			asset_in,
			asset_out,
			amount_out: amount,
			max_in: if past_bound { quoted_in.saturating_sub(1) } else { quoted_in },
			recipient: recipient.clone(),
			deadline,
			route,
		}
	} else {
		Call::swap_exact_in {
			asset_in,
			asset_out,
			amount_in: amount,
			min_out: if past_bound { quoted_out.saturating_add(1) } else { quoted_out },
			recipient: recipient.clone(),
			deadline,
			route,
		}
	}))
}
