/// A labelled tick mark on an axis: `value` in data units, `label` exactly as drawn.
public struct Tick: Equatable, Sendable {
    public var value: Double
    public var label: String
    public init(value: Double, label: String) {
        self.value = value
        self.label = label
    }
}

/// Tick values a reader can take in at a glance.
///
/// Linear axes step by 1, 2 or 5 times a power of ten; logarithmic axes put ticks on decades (or
/// every few decades), falling back to 1-2-5 within a decade when the range is short. Every tick is
/// held as an exact decimal `mantissa × 10^exponent` and its label is printed from those integers,
/// so binary rounding never shows (a tick at 0.3 is labelled "0.3", not "0.30000000000000004").
public enum Ticks {
    /// Linear ticks covering [lo, hi]: of the two 1-2-5 steps around `(hi - lo) / targetCount`,
    /// the one whose tick count is closest to `targetCount` (the larger step on a tie), never
    /// fewer than two ticks. Labels on one axis share the same number of decimals.
    public static func linear(from lo: Double, to hi: Double, targetCount: Int) -> [Tick] {
        guard lo.isFinite, hi.isFinite, hi > lo else {
            return lo.isFinite ? [Tick(value: lo, label: DecimalValue.shortest(lo))] : []
        }
        let target = max(targetCount, 1)
        var step = niceStep(span: hi - lo, count: target)
        var candidates: [[Tick]] = []
        // The step at or above the raw step and the one below it, then smaller ones until an
        // axis gets at least two ticks.
        for _ in 0..<6 {
            if let ticks = linearTicks(lo, hi, step: step) { candidates.append(ticks) }
            if candidates.count >= 2 && candidates.contains(where: { $0.count >= 2 }) { break }
            step = step.nextSmallerNiceStep
        }
        let usable = candidates.filter { $0.count >= 2 }
        guard var best = usable.first else {
            return candidates.first ?? [Tick(value: lo, label: DecimalValue.shortest(lo)),
                                        Tick(value: hi, label: DecimalValue.shortest(hi))]
        }
        for ticks in usable.dropFirst() where abs(ticks.count - target) < abs(best.count - target) {
            best = ticks
        }
        return best
    }

    /// The multiples of `step` inside [lo, hi], or nil when there would be absurdly many.
    private static func linearTicks(_ lo: Double, _ hi: Double, step: DecimalValue) -> [Tick]? {
        let stepValue = step.value
        let first = (lo / stepValue - 1e-9).rounded(.up)
        let last = (hi / stepValue + 1e-9).rounded(.down)
        guard abs(first) < 1e15, abs(last) < 1e15, last >= first, last - first < 1000 else { return nil }
        let plain = step.exponent >= -4 && max(abs(lo), abs(hi)) < 1e6
        return stride(from: Int64(first), through: Int64(last), by: 1).map {
            let tick = DecimalValue(mantissa: $0 * step.mantissa, exponent: step.exponent)
            return Tick(value: tick.value, label: plain ? tick.fixed(decimals: max(0, -step.exponent)) : tick.scientific)
        }
    }

    /// The smallest 1-2-5 step at least `span / count`, so there are at most `count + 1` ticks
    /// over `span`.
    static func niceStep(span: Double, count: Int) -> DecimalValue {
        let raw = span / Double(max(count, 1))
        var exponent = Int((raw.isFinite && raw > 0 ? Foundation_log10(raw) : 0).rounded(.down))
        let fraction = raw / DecimalValue(mantissa: 1, exponent: exponent).value
        let mantissa: Int64
        if fraction <= 1 + 1e-9 { mantissa = 1 }
        else if fraction <= 2 + 1e-9 { mantissa = 2 }
        else if fraction <= 5 + 1e-9 { mantissa = 5 }
        else { mantissa = 1; exponent += 1 }
        return DecimalValue(mantissa: mantissa, exponent: exponent)
    }

    /// Logarithmic ticks covering [lo, hi] (both > 0). Decades (every k-th when there are many)
    /// when at least three fall inside the range; otherwise 1, 2 and 5 times powers of ten when
    /// there are not too many of those; otherwise the decades; otherwise linear ticks.
    public static func logarithmic(from lo: Double, to hi: Double, targetCount: Int) -> [Tick] {
        guard lo > 0, hi > lo, lo.isFinite, hi.isFinite else { return linear(from: lo, to: hi, targetCount: targetCount) }
        let target = max(targetCount, 1)
        let firstDecade = Int((Foundation_log10(lo) - 1e-9).rounded(.up))
        let lastDecade = Int((Foundation_log10(hi) + 1e-9).rounded(.down))
        let decades = max(0, lastDecade - firstDecade + 1)
        let every = max(1, Int((Double(decades) / Double(target)).rounded(.up)))
        let start = Int((Double(firstDecade) / Double(every)).rounded(.up)) * every
        let decadeTicks = start <= lastDecade ? stride(from: start, through: lastDecade, by: every).map(decadeTick) : []
        if decadeTicks.count >= 3 { return decadeTicks }
        let oneTwoFive = oneTwoFiveTicks(lo, hi)
        if oneTwoFive.count >= 2 && oneTwoFive.count <= target + 1 { return oneTwoFive }
        return decadeTicks.count >= 2 ? decadeTicks : linear(from: lo, to: hi, targetCount: target)
    }

    /// 1, 2 and 5 times powers of ten inside [lo, hi].
    private static func oneTwoFiveTicks(_ lo: Double, _ hi: Double) -> [Tick] {
        let lowDecade = Int(Foundation_log10(lo).rounded(.down))
        let highDecade = Int(Foundation_log10(hi).rounded(.down))
        guard highDecade - lowDecade <= 30 else { return [] }
        var ticks: [Tick] = []
        for exponent in lowDecade...highDecade {
            for mantissa: Int64 in [1, 2, 5] {
                let tick = DecimalValue(mantissa: mantissa, exponent: exponent)
                if tick.value >= lo * (1 - 1e-9) && tick.value <= hi * (1 + 1e-9) {
                    ticks.append(Tick(value: tick.value, label: tick.readable))
                }
            }
        }
        return ticks
    }

    /// Unlabelled minor tick values 2…9 × 10^k inside [lo, hi], for a log axis whose major ticks
    /// are single decades.
    static func logMinor(from lo: Double, to hi: Double) -> [Double] {
        guard lo > 0, hi > lo else { return [] }
        let firstDecade = Int(Foundation_log10(lo).rounded(.down))
        let lastDecade = Int(Foundation_log10(hi).rounded(.up))
        guard lastDecade - firstDecade <= 12 else { return [] }
        var values: [Double] = []
        for exponent in firstDecade...lastDecade {
            for mantissa: Int64 in 2...9 {
                let value = DecimalValue(mantissa: mantissa, exponent: exponent).value
                if value > lo && value < hi { values.append(value) }
            }
        }
        return values
    }

    private static func decadeTick(_ exponent: Int) -> Tick {
        let tick = DecimalValue(mantissa: 1, exponent: exponent)
        return Tick(value: tick.value, label: tick.readable)
    }
}
