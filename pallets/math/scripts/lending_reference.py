#!/usr/bin/env python3
"""Known answers for defi-math's lending module, computed independently with Python's decimal
module at 80 significant digits (the mathematical values, no fixed-point rounding), plus the
jump-rate figures by hand. `src/lending/tests.rs` checks the Rust results against these within
the stated tolerances.

Run: python3 pallets/math/scripts/lending_reference.py
"""
from decimal import Decimal, getcontext

getcontext().prec = 80
YEAR = 31_536_000


def compound(rate: str, seconds: int) -> Decimal:
    """(1 + r / YEAR) ** seconds: per-second compounding of an APR `rate`."""
    return (1 + Decimal(rate) / YEAR) ** seconds


def jump_rate(u: str, base="0.02", slope_low="0.10", kink="0.80", slope_high="3.00") -> Decimal:
    u, base, slope_low, kink, slope_high = map(Decimal, (u, base, slope_low, kink, slope_high))
    u = min(u, Decimal(1))
    return base + slope_low * min(u, kink) + slope_high * max(u - kink, Decimal(0))


if __name__ == "__main__":
    for rate, seconds in [("0.05", YEAR), ("2.5", YEAR), ("0.05", 86_400), ("10", YEAR)]:
        print(f"compound({rate}, {seconds}) = {compound(rate, seconds)}")
    for u in ["0", "0.4", "0.8", "0.9", "1", "1.5"]:
        print(f"jump_rate({u}) = {jump_rate(u)}")
