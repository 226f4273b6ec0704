//! Tests of [`super`].

use super::*;
use proptest::prelude::*;

fn pm(ppm: u32) -> Permill {
	Permill::from_parts(ppm)
}

// ---------------------------------------------------------------- known answers
// Expected values computed with Python's exact integers by
// `pallets/math/scripts/stableswap_reference.py` (section "constant product"), i.e.
// `(i*(10**6-f)*ro) // (ri*10**6 + i*(10**6-f))` and
// `-(-(ri*o*10**6) // ((ro-o)*(10**6-f)))`.
#[test]
fn amount_out_known_answers() {
	// 0.3% fee, 1000 in against 1e6/1e6: 1000*997000*1e6 // (1e12 + 997000*1000) = 996
	assert_eq!(get_amount_out(1_000, 1_000_000, 1_000_000, pm(3_000)), Ok(996));
	// no fee: 1e18 in against (1e21, 2e21): floor(1e18*2e21/(1e21+1e18)) = 1998001998001998001
	assert_eq!(
		get_amount_out(10u128.pow(18), 10u128.pow(21), 2 * 10u128.pow(21), pm(0)),
		Ok(1_998_001_998_001_998_001)
	);
	// 1% fee, huge reserves close to u128::MAX
	assert_eq!(
		get_amount_out(u128::MAX / 2, u128::MAX, u128::MAX, pm(10_000)),
		Ok(112_668_743_562_451_196_932_689_251_290_117_233_892)
	);
	// 0.3% fee, amount_in = u128::MAX against tiny reserves: out = R_out - 1
	assert_eq!(get_amount_out(u128::MAX, 1, 1_000, pm(3_000)), Ok(999));
}

#[test]
fn amount_in_known_answers() {
	// ceil(1e6*996*1e6 / ((1e6-996)*997000)) = 1000
	assert_eq!(get_amount_in(996, 1_000_000, 1_000_000, pm(3_000)), Ok(1_000));
	// ceil(1e6*997*1e6 / (999003*997000)) = ceil(1000.99...) = 1001
	assert_eq!(get_amount_in(997, 1_000_000, 1_000_000, pm(3_000)), Ok(1_001));
	// exact division, no fee: 100 * 50 / (200 - 50) = 33.33 -> 34
	assert_eq!(get_amount_in(50, 100, 200, pm(0)), Ok(34));
	// 1% fee near u128::MAX: from the reference script
	assert_eq!(
		get_amount_in(u128::MAX / 4, u128::MAX / 2, u128::MAX, pm(10_000)),
		Ok(57_286_593_757_733_748_057_807_172_968_311_146_709)
	);
}

#[test]
fn liquidity_known_answers() {
	// floor(sqrt(2 * 8)) = 4; floor(sqrt(10 * 20)) = 14 (14^2 = 196 <= 200 < 225)
	assert_eq!(initial_lp_shares(2, 8), Ok(4));
	assert_eq!(initial_lp_shares(10, 20), Ok(14));
	// sqrt(u128::MAX^2) = u128::MAX exactly
	assert_eq!(initial_lp_shares(u128::MAX, u128::MAX), Ok(u128::MAX));
	// floor(sqrt(u128::MAX * 3)) from the reference script (math.isqrt)
	assert_eq!(initial_lp_shares(u128::MAX, 3), Ok(31_950_697_969_885_030_203));
	// min(10*100/50, 30*100/200) = min(20, 15) = 15
	assert_eq!(lp_shares_for_deposit(10, 30, 50, 200, 100), Ok(15));
	// burn: floor(15*60/115) = 7, floor(15*230/115) = 30
	assert_eq!(amounts_for_lp_burn(15, 60, 230, 115), Ok((7, 30)));
	assert_eq!(quote(10, 3, 7), Ok(23)); // floor(70/3)
	assert_eq!(quote(u128::MAX, u128::MAX, u128::MAX), Ok(u128::MAX));
	assert_eq!(quote(u128::MAX, 1, 2), Err(MathError::Overflow));
}

#[test]
fn protocol_fee_known_answers() {
	// 1_000_000 * 0.3% = 3000, 1/6 of it = 500
	assert_eq!(protocol_fee_part(1_000_000, pm(3_000), pm(166_667)), 500);
	// floor(999 * 3000 * 500000 / 1e12) = floor(1.4985) = 1
	assert_eq!(protocol_fee_part(999, pm(3_000), pm(500_000)), 1);
	assert_eq!(protocol_fee_part(u128::MAX, pm(1_000_000), pm(1_000_000)), u128::MAX);
	assert_eq!(protocol_fee_part(u128::MAX, pm(0), pm(1_000_000)), 0);
}

// ---------------------------------------------------------------- errors / edges
#[test]
fn error_cases() {
	let f = pm(3_000);
	assert_eq!(get_amount_out(1, 0, 1, f), Err(MathError::ZeroReserve));
	assert_eq!(get_amount_out(1, 1, 0, f), Err(MathError::ZeroReserve));
	assert_eq!(get_amount_out(0, 1, 1, f), Err(MathError::ZeroAmount));
	assert_eq!(get_amount_out(1, 1_000, 1_000, f), Err(MathError::ZeroOutput));
	assert_eq!(get_amount_out(1_000, 10, 10, pm(1_000_000)), Err(MathError::ZeroOutput));
	assert_eq!(get_amount_in(10, 10, 10, f), Err(MathError::InsufficientLiquidity));
	assert_eq!(get_amount_in(11, 10, 10, f), Err(MathError::InsufficientLiquidity));
	assert_eq!(get_amount_in(0, 10, 10, f), Err(MathError::ZeroAmount));
	assert_eq!(get_amount_in(1, 0, 10, f), Err(MathError::ZeroReserve));
	assert_eq!(get_amount_in(1, 10, 10, pm(1_000_000)), Err(MathError::InvalidInput));
	// needs more than u128::MAX input
	assert_eq!(get_amount_in(u128::MAX - 1, u128::MAX, u128::MAX, f), Err(MathError::Overflow));
	assert_eq!(quote(0, 1, 1), Err(MathError::ZeroAmount));
	assert_eq!(quote(1, 0, 1), Err(MathError::ZeroReserve));
	assert_eq!(initial_lp_shares(0, 1), Err(MathError::ZeroAmount));
	assert_eq!(lp_shares_for_deposit(1, 1, 1, 1, 0), Err(MathError::InvalidInput));
	assert_eq!(lp_shares_for_deposit(1, 1, 0, 1, 1), Err(MathError::ZeroReserve));
	assert_eq!(lp_shares_for_deposit(0, 1, 1, 1, 1), Err(MathError::ZeroAmount));
	assert_eq!(lp_shares_for_deposit(1, 1, 1_000, 1_000, 10), Err(MathError::ZeroOutput));
	assert_eq!(amounts_for_lp_burn(11, 1, 1, 10), Err(MathError::InsufficientLiquidity));
	assert_eq!(amounts_for_lp_burn(1, 1, 1, 0), Err(MathError::InsufficientLiquidity));
	assert_eq!(amounts_for_lp_burn(0, 1, 1, 10), Err(MathError::ZeroAmount));
	assert_eq!(amounts_for_lp_burn(1, 5, 5, 10), Err(MathError::ZeroOutput));
	// whole supply returns the whole reserves
	assert_eq!(amounts_for_lp_burn(u128::MAX, u128::MAX, 7, u128::MAX), Ok((u128::MAX, 7)));
}

// ---------------------------------------------------------------- properties
fn k(a: u128, b: u128) -> U256 {
	U256::from(a) * U256::from(b)
}

fn cfg() -> ProptestConfig {
	crate::testing::proptest_config()
}

proptest! {
	#![proptest_config(cfg())]

	/// k never decreases across an exact-in swap, even when the protocol part of the fee
	/// is taken out of the input.
	#[test]
	fn k_non_decreasing_amount_out(
		ri in 1u128..=u128::MAX / 2,
		ro in 1u128..=u128::MAX,
		ai in 1u128..=u128::MAX / 2,
		fee in 0u32..=100_000,
		share in 0u32..=1_000_000,
	) {
		if let Ok(out) = get_amount_out(ai, ri, ro, pm(fee)) {
			prop_assert!(out < ro);
			let protocol = protocol_fee_part(ai, pm(fee), pm(share));
			let new_in = ri + ai - protocol;
			prop_assert!(k(new_in, ro - out) >= k(ri, ro));
		}
	}

	/// k never decreases across an exact-out swap, and the computed input is minimal.
	#[test]
	fn k_non_decreasing_amount_in(
		ri in 1u128..=u128::MAX / 2,
		ro in 2u128..=u128::MAX,
		out_frac in 1u64..=u64::MAX,
		fee in 0u32..=100_000,
		share in 0u32..=1_000_000,
	) {
		// out in [1, ro - 1]
		let out = 1 + mul_div_floor(ro - 2, out_frac as u128, u64::MAX as u128).unwrap();
		if let Ok(ai) = get_amount_in(out, ri, ro, pm(fee)) {
			if ai <= u128::MAX / 2 {
				let protocol = protocol_fee_part(ai, pm(fee), pm(share));
				prop_assert!(k(ri + ai - protocol, ro - out) >= k(ri, ro));
				// paying `ai` yields at least `out`; paying one less yields less.
				prop_assert!(get_amount_out(ai, ri, ro, pm(fee)).unwrap() >= out);
				if ai > 1 {
					match get_amount_out(ai - 1, ri, ro, pm(fee)) {
						Ok(o) => prop_assert!(o < out),
						Err(e) => prop_assert_eq!(e, MathError::ZeroOutput),
					}
				}
			}
		}
	}

	/// Round trip: the input needed for `get_amount_out(x)` is never more than `x`
	/// and the pool never pays more for that input (no free money for the caller).
	#[test]
	fn round_trip_never_favours_caller(
		ri in 1u128..=u128::MAX / 4,
		ro in 1u128..=u128::MAX / 4,
		x in 1u128..=u128::MAX / 4,
		fee in 0u32..=100_000,
	) {
		if let Ok(out) = get_amount_out(x, ri, ro, pm(fee)) {
			let back = get_amount_in(out, ri, ro, pm(fee)).unwrap();
			prop_assert!(back <= x);
			prop_assert!(get_amount_out(back, ri, ro, pm(fee)).unwrap() >= out);
			// swapping the output straight back never returns more than `x`
			if let Ok(x2) = get_amount_out(out, ro - out, ri + x, pm(fee)) {
				prop_assert!(x2 <= x);
			}
		}
	}

	/// Minting then burning LP shares never returns more than was deposited.
	#[test]
	fn lp_round_trip(
		ra in 1u128..=1u128 << 100,
		rb in 1u128..=1u128 << 100,
		s in 1u128..=1u128 << 100,
		a in 1u128..=1u128 << 100,
		b in 1u128..=1u128 << 100,
	) {
		if let Ok(shares) = lp_shares_for_deposit(a, b, ra, rb, s) {
			match amounts_for_lp_burn(shares, ra + a, rb + b, s + shares) {
				Ok((oa, ob)) => {
					prop_assert!(oa <= a);
					prop_assert!(ob <= b);
				}
				Err(e) => prop_assert_eq!(e, MathError::ZeroOutput),
			}
		}
	}

	/// First deposit: sqrt is the floor square root.
	#[test]
	fn initial_shares_is_floor_sqrt(a in 1u128..=u128::MAX, b in 1u128..=u128::MAX) {
		let r = primitive_types::U512::from(initial_lp_shares(a, b).unwrap());
		let prod = primitive_types::U512::from(k(a, b));
		prop_assert!(r * r <= prod);
		prop_assert!((r + 1) * (r + 1) > prod);
	}

	/// Protocol part never exceeds the fee itself.
	#[test]
	fn protocol_part_bounded(a in 0u128..=u128::MAX, fee in 0u32..=1_000_000, share in 0u32..=1_000_000) {
		let p = protocol_fee_part(a, pm(fee), pm(share));
		prop_assert!(U256::from(p) * U256::from(PPM) <= U256::from(a) * U256::from(fee));
	}
}
