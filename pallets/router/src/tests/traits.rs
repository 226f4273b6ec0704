//! polkadot-sdk's `Swap`, `SwapCredit` and `QuotePrice` over the router.

use super::*;
use frame_support::traits::fungibles::Balanced;
use frame_support::traits::tokens::{Fortitude, Precision, Preservation};
use pallet_asset_conversion::{QuotePrice, Swap, SwapCredit};

const M: Balance = 1_000_000_000;

fn credit(asset: Asset, amount: Balance) -> Credit {
	<Assets as Balanced<AccountId>>::withdraw(
		asset,
		&ALICE,
		amount,
		Precision::Exact,
		Preservation::Preserve,
		Fortitude::Polite,
	)
	.expect("Alice holds it")
}

fn issuance(asset: Asset) -> Balance {
	<Assets as Inspect<AccountId>>::total_issuance(asset)
}

#[test]
fn a_credit_swap_for_an_exact_output_consumes_exactly_the_quoted_input() {
	new_test_ext().execute_with(|| {
		cp(0, 1, 2, 100 * M, 100 * M);
		cp(1, 1, 2, 50 * M, 50 * M);
		// What fee payment does: quote, withdraw that much, swap for the exact output.
		let needed =
			<Router as QuotePrice>::quote_price_tokens_for_exact_tokens(1, 2, 10 * M, true).unwrap();
		let (out, change) = <Router as SwapCredit<AccountId>>::swap_tokens_for_exact_tokens(
			vec![1, 2],
			credit(1, needed),
			10 * M,
		)
		.map_err(|(_, e)| e)
		.unwrap();
		assert_eq!((out.peek(), change.peek()), (10 * M, 0));
		assert!(matches!(last_router_event(), Some(Event::CreditSwapped { amount_in, .. }) if amount_in == needed));
		// Exact-in credit swaps pay the quote.
		let quoted =
			<Router as QuotePrice>::quote_price_exact_tokens_for_tokens(1, 2, M, true).unwrap();
		let got = <Router as SwapCredit<AccountId>>::swap_exact_tokens_for_tokens(
			vec![1, 2],
			credit(1, M),
			Some(quoted),
		)
		.map_err(|(_, e)| e)
		.unwrap();
		assert_eq!(got.peek(), quoted);
		drop((out, change, got));
	});
}

#[test]
fn a_failed_credit_swap_hands_back_the_credit_and_changes_nothing() {
	new_test_ext().execute_with(|| {
		cp(0, 1, 2, 100 * M, 100 * M);
		let before = (issuance(1), issuance(2), reserve(0, 1, 1), reserve(0, 1, 2));
		let given = credit(1, M);
		let quoted =
			<Router as QuotePrice>::quote_price_exact_tokens_for_tokens(1, 2, M, true).unwrap();
		let (mut back, e) = <Router as SwapCredit<AccountId>>::swap_exact_tokens_for_tokens(
			vec![1, 2],
			given,
			Some(quoted + 1),
		)
		.map(|_| ())
		.unwrap_err();
		assert_eq!(e, Error::<Test>::InsufficientOutput.into());
		assert_eq!((back.asset(), back.peek()), (1, M));
		// A credit of the wrong asset, a path of three assets, no route.
		for (path, error) in [
			(vec![2, 1], Error::<Test>::InvalidPath),
			(vec![1, 3, 2], Error::<Test>::InvalidPath),
			(vec![1, 4], Error::<Test>::NoRoute),
		] {
			let (b, e) =
				<Router as SwapCredit<AccountId>>::swap_tokens_for_exact_tokens(path, back, M / 2)
					.map(|_| ())
					.unwrap_err();
			assert_eq!(e, error.into());
			back = b;
		}
		assert_eq!(back.peek(), M);
		<Assets as Balanced<AccountId>>::resolve(&ALICE, back).map_err(|_| ()).unwrap();
		assert_eq!(before, (issuance(1), issuance(2), reserve(0, 1, 1), reserve(0, 1, 2)));
	});
}

#[test]
fn paused_entry_points_refuse_and_hand_back_the_credit() {
	new_test_ext().execute_with(|| {
		cp(0, 1, 2, 100 * M, 100 * M);
		RouterPaused::set(true);
		// A paused router quotes nothing, so fee payment refuses at validation.
		assert_eq!(
			<Router as QuotePrice>::quote_price_tokens_for_exact_tokens(1, 2, M, true),
			None
		);
		let (back, e) = <Router as SwapCredit<AccountId>>::swap_exact_tokens_for_tokens(
			vec![1, 2],
			credit(1, M),
			None,
		)
		.map(|_| ())
		.unwrap_err();
		assert_eq!((e, back.peek()), (Error::<Test>::Paused.into(), M));
		assert_noop!(
			<Router as Swap<AccountId>>::swap_exact_tokens_for_tokens(
				ALICE,
				vec![1, 2],
				M,
				None,
				BOB,
				true
			),
			Error::<Test>::Paused
		);
		RouterPaused::set(false);
		drop(back);
	});
}

#[test]
fn account_swaps_through_the_trait_route_freely() {
	new_test_ext().execute_with(|| {
		cp(0, 1, 3, 100 * M, 100 * M);
		cp(1, 3, 2, 100 * M, 100 * M);
		assert_eq!(<Router as Swap<AccountId>>::max_path_len(), 2);
		let quoted =
			<Router as QuotePrice>::quote_price_exact_tokens_for_tokens(1, 2, M, true).unwrap();
		let before = balance(2, BOB);
		let out = <Router as Swap<AccountId>>::swap_exact_tokens_for_tokens(
			ALICE,
			vec![1, 2],
			M,
			Some(quoted),
			BOB,
			true,
		)
		.unwrap();
		assert_eq!((out, balance(2, BOB) - before), (quoted, quoted));
		let paid = <Router as Swap<AccountId>>::swap_tokens_for_exact_tokens(
			ALICE,
			vec![1, 2],
			M / 2,
			None,
			BOB,
			true,
		)
		.unwrap();
		assert!(paid > M / 2);
		assert_noop!(
			<Router as Swap<AccountId>>::swap_exact_tokens_for_tokens(
				ALICE,
				vec![1],
				M,
				None,
				BOB,
				true
			),
			Error::<Test>::InvalidPath
		);
		// No executable trade exists without the fee.
		assert_eq!(
			<Router as QuotePrice>::quote_price_exact_tokens_for_tokens(1, 2, M, false),
			None
		);
	});
}

#[test]
fn a_venue_failing_mid_route_rolls_everything_back_and_hands_back_the_credit() {
	new_test_ext().execute_with(|| {
		// The only route: 1 → 3 on venue 0, then 3 → 2 on venue 1, which fails when it swaps.
		cp(0, 1, 3, 100 * M, 100 * M);
		cp(1, 3, 2, 100 * M, 100 * M);
		FailingVenue::set(Some(1));
		for exact_out in [false, true] {
			let given = credit(1, M);
			let root = sp_io::storage::root(sp_runtime::StateVersion::V1);
			let (back, e) = if exact_out {
				<Router as SwapCredit<AccountId>>::swap_tokens_for_exact_tokens(
					vec![1, 2],
					given,
					M / 2,
				)
				.map(|_| ())
				.unwrap_err()
			} else {
				<Router as SwapCredit<AccountId>>::swap_exact_tokens_for_tokens(
					vec![1, 2],
					given,
					None,
				)
				.map(|_| ())
				.unwrap_err()
			};
			assert_eq!(e, sp_runtime::DispatchError::Other("venue failure"));
			// Venue 0's swap ran and was rolled back; the credit comes back whole.
			assert_eq!((back.asset(), back.peek()), (1, M));
			assert_eq!(root, sp_io::storage::root(sp_runtime::StateVersion::V1), "nothing changed");
			<Assets as Balanced<AccountId>>::resolve(&ALICE, back).map_err(|_| ()).unwrap();
		}
		assert_eq!((reserve(0, 1, 1), reserve(0, 1, 3)), (100 * M, 100 * M));
	});
}
