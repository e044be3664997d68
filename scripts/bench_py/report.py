"""Pairs the Swift and Python result lines of scripts/bench and prints one table.

Input: lines "swift<TAB>{json}" or "python<TAB>{json}" (several rounds). For each
(suite, case, metric) the best value of each side is kept (max when higher is better, else
min). ratio = swift / python when higher is better, python / swift otherwise, so a ratio above
1 always means mfsh is faster. A Swift line may carry "target": the ratio it must reach.
"""
import json
import sys


def load(path):
    best = {}
    order = []
    for line in open(path):
        side, _, payload = line.rstrip("\n").partition("\t")
        if not payload.strip():
            continue
        record = json.loads(payload)
        key = (record["suite"], record["case"], record["metric"])
        if key not in order:
            order.append(key)
        slot = best.setdefault(key, {"higher": record.get("higher_is_better", True), "unit": record.get("unit", "")})
        if "target" in record:
            slot["target"] = record["target"]
        value = float(record["value"])
        previous = slot.get(side)
        better = max if slot["higher"] else min
        slot[side] = value if previous is None else better(previous, value)
    return order, best


def fmt(value):
    if value is None:
        return "-"
    if abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) >= 1:
        return f"{value:.2f}"
    return f"{value:.3g}"


def main():
    order, best = load(sys.argv[1])
    strict = any(arg == "--strict=1" for arg in sys.argv[2:])
    header = ["suite", "case", "metric", "unit", "swift", "python", "ratio", "target", "pass?"]
    rows, met, total = [], 0, 0
    for key in order:
        slot = best[key]
        swift, python = slot.get("swift"), slot.get("python")
        ratio = None
        if swift and python:
            ratio = swift / python if slot["higher"] else python / swift
        target = slot.get("target")
        verdict = "-"
        if target is not None:
            total += 1
            ok = ratio is not None and ratio >= target
            met += ok
            verdict = "yes" if ok else "NO"
        rows.append([*key, slot["unit"], fmt(swift), fmt(python),
                     "-" if ratio is None else f"{ratio:.2f}x", "-" if target is None else f">={target}x", verdict])
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    line = lambda r: "  ".join(str(c).ljust(w) for c, w in zip(r, widths))
    print(line(header))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print(line(r))
    print(f"\n{met} of {total} targets met")
    if strict and met < total:
        sys.exit(1)


if __name__ == "__main__":
    main()
