#!/usr/bin/env python3
"""Compares our one-hop swap with asset-conversion's 2-asset swap from `benchmark pallet` output.

Reads the "Min Squares Analysis" model of each benchmark (the model `weights.rs` is generated
from: time in µs, reads, writes) and the measured mean time at that point, evaluates them at a
2-asset path (our `swap_exact_in` at n = 1 hop, asset-conversion's
`swap_exact_tokens_for_tokens` at n = 2 assets) and prints a Markdown table.
Usage: compare_swap_weights.py <pallet_dex output> <pallet_asset_conversion output>
"""
import re
import sys


def models(text):
    """Yields (extrinsic, (base, slopes, mean per component value), reads_model, writes_model)."""
    blocks = re.split(r'Pallet: "', text)[1:]
    for block in blocks:
        name = re.search(r'Extrinsic: "([^"]+)"', block).group(1)
        analysis = block.split("Min Squares Analysis", 1)[1] if "Min Squares Analysis" in block else block
        median = analysis
        means = {int(m.group(1)): float(m.group(2)) for m in re.finditer(r"^\s+(\d+)\s+([\d.]+)\s+[\d.]+\s+[\d.]+%", median, re.M)}
        time_part = re.search(r"Time ~=\s*([\d.]+)((?:\s*\+\s*\w+\s+[\d.]+)*)", median)
        base = float(time_part.group(1))
        slopes = {m.group(1): float(m.group(2)) for m in re.finditer(r"\+\s*(\w+)\s+([\d.]+)", time_part.group(2))}
        reads = parse_linear(re.search(r"Reads = ([^\n]+)", median).group(1))
        writes = parse_linear(re.search(r"Writes = ([^\n]+)", median).group(1))
        yield name, (base, slopes, means), reads, writes


def parse_linear(expr):
    """'5 + (3 * n)' -> (5, {'n': 3})."""
    base = int(re.match(r"\s*(\d+)", expr).group(1))
    slopes = {m.group(2): int(m.group(1)) for m in re.finditer(r"\((\d+) \* (\w+)\)", expr)}
    return base, slopes


def evaluate(model, components):
    base, slopes = model
    return base + sum(slope * components.get(name, 0) for name, slope in slopes.items())


def find(path, extrinsic):
    with open(path, encoding="utf-8") as f:
        for name, time, reads, writes in models(f.read()):
            if name == extrinsic:
                return time, reads, writes
    sys.exit(f"{extrinsic} not found in {path}")


def main():
    ours = find(sys.argv[1], "swap_exact_in")
    reference = find(sys.argv[2], "swap_exact_tokens_for_tokens")
    rows = [
        ("pallet_dex::swap_exact_in (1 hop)", ours, {"n": 1}),
        ("pallet_asset_conversion::swap_exact_tokens_for_tokens (2 assets)", reference, {"n": 2}),
    ]
    print("| extrinsic | ref_time, model (µs) | measured mean (µs) | reads | writes |")
    print("|---|---:|---:|---:|---:|")
    values, measured = [], []
    for label, ((base, slopes, means), reads, writes), comps in rows:
        t = evaluate((base, slopes), comps)
        r, w = evaluate(reads, comps), evaluate(writes, comps)
        mean = means.get(comps["n"], float("nan"))
        values.append(t)
        measured.append(mean)
        print(f"| {label} | {t:.2f} | {mean:.2f} | {r} | {w} |")
    print(f"\nref_time ratio dex / asset-conversion: model {values[0] / values[1]:.3f}, "
          f"measured mean {measured[0] / measured[1]:.3f}")


if __name__ == "__main__":
    main()
