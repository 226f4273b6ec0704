#!/usr/bin/env python3
"""Known answers for defi-math's vaults module, computed independently with Python's decimal
module at 80 significant digits (the mathematical values, no fixed-point rounding).
`src/vaults/tests.rs` checks the Rust results against these.

The per-second fees are MakerDAO's `duty` values (27-decimal rays in its rate table, e.g.
5 % a year = 1.000000001547125957863212448...) cut to 18 decimals.

Run: python3 pallets/math/scripts/vaults_reference.py
"""
from decimal import Decimal, getcontext, ROUND_FLOOR

getcontext().prec = 80
YEAR = 31_536_000


def per_second(yearly: str) -> Decimal:
    """The per-second fee f with (1 + f) ** YEAR = 1 + yearly."""
    return (1 + Decimal(yearly)) ** (Decimal(1) / YEAR) - 1


def cut18(x: Decimal) -> Decimal:
    return x.quantize(Decimal("1e-18"), rounding=ROUND_FLOOR)


if __name__ == "__main__":
    for yearly in ["0.005", "0.01", "0.02", "0.05", "0.10", "2.5"]:
        f = per_second(yearly)
        f18 = cut18(f)
        print(f"per_second({yearly}) = {f}  cut to 18 decimals: {f18}")
        print(f"  (1 + cut)^YEAR = {(1 + f18) ** YEAR}")
    # A vault: 10 DFI at $15 against 100 dUSD with a liquidation ratio of 150 %.
    print("liquidation price of 10 tokens, $100 debt, 150 %:", Decimal("1.5") * 100 / 10)
