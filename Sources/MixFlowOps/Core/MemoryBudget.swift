import Foundation
import Synchronization

/// The most memory one request may ask for. Everything whose size follows user input (generated
/// data, samples, network widths, batches, strings, lists, file reads) asks here before it
/// allocates, so a typo like `points=1000000000` is a clear error instead of an abort or a
/// machine swapping for minutes.
///
/// The budget is half the physical memory (or of the `ulimit -v` address space) unless `MFSH_MEMORY` says otherwise (`8G`, `512M`,
/// `64K` or plain bytes). Size products are computed with overflow checks: a product that does
/// not fit in an Int is over any budget.
public enum MemoryBudget {
    private static let limit = Atomic<Int>(initialLimit())

    /// The budget in bytes.
    public static var bytes: Int { limit.load(ordering: .relaxed) }

    /// Sets the budget (tests; a front end option). Values below 1 MB become 1 MB.
    public static func set(bytes: Int) {
        limit.store(max(bytes, 1 << 20), ordering: .relaxed)
    }

    /// The refusal for `request` when `counts` multiplied together, times `bytesPerItem`, is over
    /// the budget (or overflows); nil when it fits. `request` names what was asked, in the user's
    /// words: `load "letters" with points=1000000000`.
    public static func excess(_ request: @autoclosure () -> String, counts: [Int],
                              bytesPerItem: Int) -> MemoryBudgetExceeded? {
        guard let total = checkedProduct(counts + [bytesPerItem]) else {
            return MemoryBudgetExceeded(request: request(), bytes: nil, budget: bytes)
        }
        return total > bytes ? MemoryBudgetExceeded(request: request(), bytes: total, budget: bytes) : nil
    }

    /// The product of `factors`, or nil when one is negative or the product overflows.
    public static func checkedProduct(_ factors: [Int]) -> Int? {
        var product = 1
        for factor in factors {
            guard factor >= 0 else { return nil }
            let (result, overflow) = product.multipliedReportingOverflow(by: factor)
            if overflow { return nil }
            product = result
        }
        return product
    }

    /// Parses `8G`, `512M`, `64K`, `1.5G` or plain bytes; nil when unreadable.
    public static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).uppercased()
        let units: [Character: Double] = ["K": 0x1p10, "M": 0x1p20, "G": 0x1p30, "T": 0x1p40]
        var number = Substring(trimmed), scale = 1.0
        if let last = number.last, last == "B" { number = number.dropLast() }
        if let last = number.last, let unit = units[last] { scale = unit; number = number.dropLast() }
        guard let value = Double(number), value > 0, (value * scale).isFinite, value * scale < 9e18 else { return nil }
        return Int(value * scale)
    }

    private static func initialLimit() -> Int {
        if let text = ProcessInfo.processInfo.environment["MFSH_MEMORY"], let parsed = parse(text) {
            return max(parsed, 1 << 20)
        }
        var budget = Int(clamping: ProcessInfo.processInfo.physicalMemory / 2)
        // Under `ulimit -v` the address space is the tighter limit.
        var limit = rlimit()
        if getrlimit(resourceAddressSpace, &limit) == 0, limit.rlim_cur != rlim_t.max {
            budget = min(budget, Int(clamping: limit.rlim_cur / 2))
        }
        return max(budget, 1 << 20)
    }

    #if os(Linux)
    private static let resourceAddressSpace = __rlimit_resource_t(RLIMIT_AS.rawValue)
    #else
    private static let resourceAddressSpace = RLIMIT_AS
    #endif
}

/// A request refused by `MemoryBudget`: what was asked, how much it needs, and the fix.
public struct MemoryBudgetExceeded: Error, Equatable, Sendable, CustomStringConvertible {
    public var request: String
    /// Bytes needed; nil when the size overflows.
    public var bytes: Int?
    public var budget: Int

    public var description: String {
        let needs = bytes.map { "needs \(formatBytes($0))" } ?? "needs more memory than any machine has"
        return "\(request) \(needs), over the memory budget of \(formatBytes(budget));"
            + " ask for less, or set MFSH_MEMORY (e.g. MFSH_MEMORY=64G) if the machine has the memory"
    }
}
