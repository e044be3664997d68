/// The inner loop of an auction bid: over one row of costs, the column minimising
/// `row[j] + price[j]`, that minimum and the second smallest value (n >= 2).
///
/// Eight independent branch-free lanes keep their best two values and where the best was
/// seen (no mispredicted branches, no serial dependency; the compiler packs the lanes into
/// SIMD registers), then the lanes are merged.
@inline(__always)
func twoSmallest(row: UnsafePointer<Float>, price: UnsafePointer<Float>, n: Int) -> (Int, Float, Float) {
    var best = SIMD8<Float>(repeating: .infinity), second = best
    var start = SIMD8<Int32>(repeating: 0)      // lane k's best is at column start[k] + k
    var j = 0
    while j + 8 <= n {
        var v = SIMD8<Float>()
        for lane in 0..<8 { v[lane] = row[j + lane] + price[j + lane] }
        let block = Int32(j)
        for lane in 0..<8 {
            start[lane] = v[lane] < best[lane] ? block : start[lane]
            second[lane] = min(second[lane], max(best[lane], v[lane]))
            best[lane] = min(best[lane], v[lane])
        }
        j += 8
    }
    while j < n {
        let v = row[j] + price[j]
        if v < best[0] { start[0] = Int32(j) }
        second[0] = min(second[0], max(best[0], v))
        best[0] = min(best[0], v)
        j += 1
    }
    // The overall second is the smallest of the lane seconds and of the losing lane bests
    // (or the best itself when two lanes share it).
    var overall = best[0]
    for lane in 1..<8 { overall = min(overall, best[lane]) }
    var runnerUp = Float.infinity, winners = 0, column = n
    for lane in 0..<8 {
        runnerUp = min(runnerUp, second[lane])
        if best[lane] == overall {
            winners += 1
            // Tail columns live in lane 0, which stores their own index.
            column = min(column, Int(start[lane]) + lane)
        } else {
            runnerUp = min(runnerUp, best[lane])
        }
    }
    if winners > 1 { runnerUp = overall }
    return (column, overall, runnerUp)
}
