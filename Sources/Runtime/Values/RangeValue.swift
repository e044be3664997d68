/// `start:stop:step` with `stop` exclusive, iterated lazily: element `i` is `start + i * step`
/// (computed from the index, not by repeated addition, so `0:1:0.1` has exactly 10 elements and
/// no drift). `step` is never zero.
public struct RangeValue: RandomAccessCollection, Equatable {
    public let start: Double
    public let stop: Double
    public let step: Double
    /// Elements walked (at most 2^53, where Double indices stop being exact).
    public let count: Int
    /// The number of elements, also past 2^53 (`len(range(1e300))` is 1e300).
    public let length: Double
    /// Longest range that is turned into a list when a list is needed (10 million numbers,
    /// about 400 MB as values); `for` loops and reductions walk longer ranges lazily.
    public static let maxListLength = 10_000_000

    /// Fails (returns nil) when `step` is zero or any bound is not finite.
    public init?(start: Double, stop: Double, step: Double = 1) {
        guard step != 0, start.isFinite, stop.isFinite, step.isFinite else { return nil }
        self.start = start
        self.stop = stop
        self.step = step
        let steps = ((stop - start) / step).rounded(.up)
        var count = steps > 0 ? Int(Swift.min(steps, 0x1p53)) : 0
        // Rounding in the division can add an element equal to `stop` up to the last bit:
        // 0.9 / 0.3 is 3.0000000000000004, yet 0:0.9:0.3 has 3 elements.
        if count > 0, abs(start + Double(count - 1) * step - stop) <= 1e-9 * abs(step) { count -= 1 }
        self.count = count
        length = steps > 0x1p53 ? steps : Double(count)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }
    public subscript(position: Int) -> Double { start + Double(position) * step }

    /// `0:360:30` (the step is left out when it is 1).
    public var description: String {
        let head = formatNumber(start) + ":" + formatNumber(stop)
        return step == 1 ? head : head + ":" + formatNumber(step)
    }
}
