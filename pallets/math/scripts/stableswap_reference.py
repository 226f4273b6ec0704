#!/usr/bin/env python3
"""Exact-integer reference for pallets/math (crate defi-math) (constant product + StableSwap).

Run:  python3 pallets/math/scripts/stableswap_reference.py

Everything here uses Python's arbitrary-precision integers; there is no floating point.
The StableSwap invariant is solved by plain *bisection* on the sign of

    h(D) = (Ann*S - (Ann-1)*D) * n^n * prod(x) - D^(n+1),    Ann = A * n^n,

which is strictly decreasing in D >= 0, so

    D_floor(x)    = largest integer D with h(D) >= 0          (= floor of the real root)
    D_ceil(x)     = D_floor, or D_floor + 1 if h(D_floor) != 0
    y(x, j, D)    = smallest integer y with h_{x with x_j = y}(D) >= 0

This is independent of the Newton iteration used on-chain (which only produces a starting
guess there) and so checks it. A classic Curve-style Newton with floor division is included
(`curve_newton_d`) only to show how far the usual integer iteration is from the exact values.

The swap / liquidity functions mirror the rounding rules documented in the Rust module.
The printed values are the expected values used by the Rust unit tests.
"""

PPM = 10**6
U128_MAX = 2**128 - 1


# ----------------------------------------------------------------------- constant product
def cp_amount_out(amount_in, r_in, r_out, fee_ppm):
    g = PPM - fee_ppm
    return (amount_in * g * r_out) // (r_in * PPM + amount_in * g)


def cp_amount_in(amount_out, r_in, r_out, fee_ppm):
    g = PPM - fee_ppm
    return -(-(r_in * amount_out * PPM) // ((r_out - amount_out) * g))


# ----------------------------------------------------------------------- stableswap core
def ann_of(n, amp):
    return amp * n**n


def h(xs, amp, d):
    n = len(xs)
    ann = ann_of(n, amp)
    prod = 1
    for x in xs:
        prod *= x
    return (ann * sum(xs) - (ann - 1) * d) * n**n * prod - d ** (n + 1)


def d_floor(xs, amp):
    if all(x == 0 for x in xs):
        return 0
    lo, hi = 0, sum(xs)  # h(0) > 0, h(S) <= 0
    if h(xs, amp, hi) >= 0:
        return hi
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if h(xs, amp, mid) >= 0:
            lo = mid
        else:
            hi = mid
    return lo


def d_ceil(xs, amp):
    d = d_floor(xs, amp)
    return d if d == 0 or h(xs, amp, d) == 0 else d + 1


def y_for(xs, amp, j, d):
    def ok(y):
        t = list(xs)
        t[j] = y
        return h(t, amp, d) >= 0

    lo, hi = 0, max(d, 1)  # ok(0) is False for d > 0
    while not ok(hi):
        lo, hi = hi, hi * 2
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if ok(mid):
            hi = mid
        else:
            lo = mid
    return hi


def curve_newton_d(xs, amp):
    """Classic integer Newton (floor divisions), for comparison only."""
    n = len(xs)
    ann = ann_of(n, amp)
    s = sum(xs)
    d = s
    for _ in range(255):
        d_p = d
        for x in xs:
            d_p = d_p * d // (x * n)
        prev = d
        d = (ann * s + d_p * n) * d // ((ann - 1) * d + (n + 1) * d_p)
        if abs(d - prev) <= 1:
            return d
    return None


# ----------------------------------------------------------------------- stableswap ops
def ceil_div(a, b):
    return -(-a // b)


def swap_out(xs, amp, i, j, dx, fee_ppm):
    d = d_ceil(xs, amp)
    t = list(xs)
    t[i] += dx
    y = y_for(t, amp, j, d)
    gross = xs[j] - y - 1
    fee = ceil_div(gross * fee_ppm, PPM)
    return gross - fee, fee


def swap_in(xs, amp, i, j, dy, fee_ppm):
    gross = ceil_div(dy * PPM, PPM - fee_ppm)
    fee = gross - dy
    t = list(xs)
    t[j] = xs[j] - gross - 1
    d = d_ceil(xs, amp)
    x_i = y_for(t, amp, i, d)
    return x_i - xs[i], fee


def imbalance_fee(actual, ideal_num, ideal_den, fee_ppm, n):
    lo = ideal_num // ideal_den
    hi = ceil_div(ideal_num, ideal_den)
    diff = actual - lo if actual >= hi else hi - actual
    return ceil_div(diff * fee_ppm * n, 4 * (n - 1) * PPM)


def shares_for_deposit(before, deposits, amp, total, fee_ppm):
    n = len(before)
    after = [b + d for b, d in zip(before, deposits)]
    if total == 0:
        return d_floor(after, amp)
    d0 = d_floor(before, amp)
    d0_up = d_ceil(before, amp)
    d1 = d_floor(after, amp)
    if fee_ppm:
        adj = [a - imbalance_fee(a, d1 * b, d0, fee_ppm, n) for a, b in zip(after, before)]
        d2 = d_floor(adj, amp)
    else:
        d2 = d1
    return total * (d2 - d0_up) // d0_up


def single_withdraw(xs, amp, index, shares, total, fee_ppm):
    n = len(xs)
    d0 = d_floor(xs, amp)
    d0_up = d_ceil(xs, amp)
    d1 = ceil_div(d0_up * (total - shares), total)
    new_y = y_for(xs, amp, index, d1)
    no_fee = xs[index] - new_y
    red = list(xs)
    if fee_ppm:
        for k in range(n):
            actual = new_y if k == index else xs[k]
            red[k] = xs[k] - imbalance_fee(actual, d1 * xs[k], d0, fee_ppm, n)
    y_red = y_for(red, amp, index, d1)
    amount = red[index] - y_red - 1
    return amount, no_fee - amount


def rs(v):
    """Rust integer literal with _ separators."""
    s = str(v)
    out = []
    while len(s) > 3:
        out.insert(0, s[-3:])
        s = s[:-3]
    out.insert(0, s)
    return "_".join(out)


E18 = 10**18
D_CASES = [
    ([E18, E18], 1), ([E18, E18], 10), ([E18, E18], 100), ([E18, E18], 1000), ([E18, E18], 10000),
    ([E18, 1000 * E18], 1), ([E18, 1000 * E18], 10), ([E18, 1000 * E18], 100),
    ([E18, 1000 * E18], 1000), ([E18, 1000 * E18], 10000),
    ([E18, 10**9 * E18], 1), ([E18, 10**9 * E18], 100), ([E18, 10**9 * E18], 10000),
    ([1, 1], 100), ([1, 2], 1), ([1, 1000], 10), ([3, 10**9], 1000), ([1, 10**18], 100),
    ([E18, E18, E18, E18], 100), ([E18, 2 * E18, 3 * E18, 4 * E18], 10),
    ([1, 2, 3, 4], 1), ([E18, E18, E18, 10**9 * E18], 1000), ([5, 7, 11, 10**12], 10000),
    ([10**6, 2 * 10**6, 3 * 10**6], 50), ([E18, 1000 * E18, 10**6 * E18], 2000),
    ([2**126, 2**126], 100), ([U128_MAX // 2, U128_MAX // 2], 1), ([2**125, 3, 2**125], 10),
]

Y_CASES = [
    # (balances, amp, i, new_in, j)
    ([E18, E18], 100, 0, E18 + 10**17, 1),
    ([E18, 1000 * E18], 10, 0, 2 * E18, 1),
    ([E18, 10**9 * E18], 1000, 1, 10**9 * E18 + 10**20, 0),
    ([1000, 1000], 1, 0, 2000, 1),
    ([E18, 2 * E18, 3 * E18, 4 * E18], 10, 3, 5 * E18, 0),
    ([10**6, 2 * 10**6, 3 * 10**6], 50, 2, 3 * 10**6 + 12345, 1),
]

SWAP_CASES = [
    # (balances, amp, i, j, amount, fee_ppm)
    ([E18, E18], 100, 0, 1, 10**16, 400),
    ([E18, E18], 1, 0, 1, 10**17, 0),
    ([E18, 1000 * E18], 10, 1, 0, 10**20, 3000),
    ([10**6, 10**6, 10**6, 10**6], 1000, 2, 3, 1000, 100),
    ([E18, 10**9 * E18], 10000, 0, 1, 10**15, 500),
]

DEPOSIT_CASES = [
    # (before, deposits, amp, total, fee_ppm)
    ([0, 0], [E18, E18], 100, 0, 400),
    ([E18, E18], [E18, E18], 100, 2 * E18, 400),
    ([E18, E18], [E18, 0], 100, 2 * E18, 400),
    ([E18, 2 * E18, 3 * E18], [0, 0, 10**17], 50, 6 * E18, 1000),
    ([10**6, 10**6, 10**6, 10**6], [10**6, 0, 0, 0], 10, 4 * 10**6, 0),
]

WITHDRAW_CASES = [
    # (balances, amp, index, shares, total, fee_ppm)
    ([E18, E18], 100, 0, 10**17, 2 * E18, 400),
    ([E18, E18], 100, 1, 10**17, 2 * E18, 0),
    ([E18, 1000 * E18], 10, 0, 10**18, 100 * E18, 3000),
    ([10**6, 2 * 10**6, 3 * 10**6, 4 * 10**6], 1000, 3, 10**5, 10**7, 100),
]


def main():
    print("# constant product")
    print("get_amount_out(1000, 1e6, 1e6, 0.3%) =", cp_amount_out(1000, 10**6, 10**6, 3000))
    print("get_amount_out(u128::MAX/2, u128::MAX, u128::MAX, 1%) =",
          rs(cp_amount_out(U128_MAX // 2, U128_MAX, U128_MAX, 10000)))
    print("get_amount_in(997, 1e6, 1e6, 0.3%) =", cp_amount_in(997, 10**6, 10**6, 3000))
    print("get_amount_in(u128::MAX/4, u128::MAX/2, u128::MAX, 1%) =",
          rs(cp_amount_in(U128_MAX // 4, U128_MAX // 2, U128_MAX, 10000)))

    print("\n# calculate_d: (balances, amp, floor D, ceil D)  [curve newton for comparison]")
    for xs, amp in D_CASES:
        df = d_floor(xs, amp)
        dc = d_ceil(xs, amp)
        nd = curve_newton_d(xs, amp)
        if nd is None:
            note = "  // classic curve newton (given order): no convergence in 255 iterations"
        elif nd != df:
            note = f"  // classic curve newton: {nd} ({nd - df:+d})"
        else:
            note = ""
        print(f"(&[{', '.join(rs(x) for x in xs)}], {amp}, {rs(df)}, {rs(dc)}),{note}")

    print("\n# calculate_y: (balances, amp, i, new_in, j, d = floor D(before), y)")
    for xs, amp, i, new_in, j in Y_CASES:
        d = d_floor(xs, amp)
        t = list(xs)
        t[i] = new_in
        y = y_for(t, amp, j, d)
        print(f"(&[{', '.join(rs(x) for x in xs)}], {amp}, {i}, {rs(new_in)}, {j}, {rs(d)}, {rs(y)}),")

    print("\n# calculate_y_given_d: (balances, amp, j, d = floor(D)*9/10, y)")
    for xs, amp, i, new_in, j in Y_CASES:
        d = d_floor(xs, amp) * 9 // 10
        y = y_for(xs, amp, j, d)
        print(f"(&[{', '.join(rs(x) for x in xs)}], {amp}, {j}, {rs(d)}, {rs(y)}),")

    print("\n# stable_swap_out / stable_swap_in: (balances, amp, i, j, amount, fee_ppm, out, fee, in_for_out, fee_in)")
    for xs, amp, i, j, amt, fee in SWAP_CASES:
        out, f = swap_out(xs, amp, i, j, amt, fee)
        ain, fin = swap_in(xs, amp, i, j, out, fee)
        print(f"(&[{', '.join(rs(x) for x in xs)}], {amp}, {i}, {j}, {rs(amt)}, {fee}, "
              f"{rs(out)}, {rs(f)}, {rs(ain)}, {rs(fin)}),")

    print("\n# stable_shares_for_deposit: (before, deposits, amp, total, fee_ppm, shares)")
    for before, dep, amp, total, fee in DEPOSIT_CASES:
        sh = shares_for_deposit(before, dep, amp, total, fee)
        print(f"(&[{', '.join(rs(x) for x in before)}], &[{', '.join(rs(x) for x in dep)}], "
              f"{amp}, {rs(total)}, {fee}, {rs(sh)}),")

    print("\n# stable_single_asset_withdraw: (balances, amp, index, shares, total, fee_ppm, amount, fee)")
    for xs, amp, idx, sh, total, fee in WITHDRAW_CASES:
        a, f = single_withdraw(xs, amp, idx, sh, total, fee)
        print(f"(&[{', '.join(rs(x) for x in xs)}], {amp}, {idx}, {rs(sh)}, {rs(total)}, {fee}, "
              f"{rs(a)}, {rs(f)}),")


if __name__ == "__main__":
    main()
