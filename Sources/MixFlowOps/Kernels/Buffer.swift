/// A growable raw buffer for scratch space and parameters: kernels get a plain pointer (no
/// copy-on-write checks, no exclusivity bookkeeping). `reserve` only allocates when the needed
/// count exceeds the capacity, so buffers sized for the largest batch are reused across steps.
///
/// Not thread-safe; an owner (a layer, a workspace) hands out disjoint ranges to its threads.
public final class Buffer<Element: KernelScalar>: @unchecked Sendable {
    public private(set) var pointer: UnsafeMutablePointer<Element>
    public private(set) var capacity: Int

    public init(capacity: Int = 0) {
        self.capacity = max(capacity, 1)
        pointer = .allocate(capacity: self.capacity)
        pointer.initialize(repeating: 0, count: self.capacity)
    }

    public convenience init(_ values: [Element]) {
        self.init(capacity: values.count)
        values.withUnsafeBufferPointer { pointer.update(from: $0.baseAddress!, count: values.count) }
    }

    deinit { pointer.deallocate() }

    /// Makes room for `count` elements. Contents are kept up to the old capacity; new space is 0.
    public func reserve(_ count: Int) {
        guard count > capacity else { return }
        let grown = UnsafeMutablePointer<Element>.allocate(capacity: count)
        grown.update(from: pointer, count: capacity)
        (grown + capacity).initialize(repeating: 0, count: count - capacity)
        pointer.deallocate()
        pointer = grown
        capacity = count
    }

    /// The first `count` elements as an array.
    public func array(count: Int) -> [Element] {
        precondition(count <= capacity, "buffer holds \(capacity) elements, asked for \(count)")
        return Array(UnsafeBufferPointer(start: pointer, count: count))
    }
}
