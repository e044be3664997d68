#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns runaway recursion into an error instead of a crash: the evaluator asks `hasRoom()`
/// before each nested evaluation, which compares the current stack position with the lowest
/// usable address of the running thread's stack. The parser caps syntactic nesting and the
/// evaluator caps user-call depth; this guard covers whatever combination of the two still
/// gets too deep on a small thread stack.
struct StackGuard {
    /// Stack kept free for the error path, builtins and C libraries below the evaluator.
    static let reserve = 256 * 1024

    /// Lowest stack address the evaluator may reach; 0 when the bounds are unknown.
    private let limit: UInt

    init() {
        if let (low, _) = StackGuard.currentThreadStack() {
            limit = low + UInt(StackGuard.reserve)
        } else {
            limit = 0
        }
    }

    @inline(never)
    func hasRoom() -> Bool {
        var marker: UInt8 = 0
        let position = withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
        return position > limit
    }

    /// (lowest address, size) of the calling thread's stack.
    private static func currentThreadStack() -> (UInt, Int)? {
        #if canImport(Glibc)
        var attributes = pthread_attr_t()
        guard getThreadAttributes(pthread_self(), &attributes) == 0 else { return nil }
        defer { pthread_attr_destroy(&attributes) }
        var address: UnsafeMutableRawPointer?
        var size = 0
        guard pthread_attr_getstack(&attributes, &address, &size) == 0, let address else { return nil }
        return (UInt(bitPattern: address), size)
        #elseif canImport(Darwin)
        let top = UInt(bitPattern: pthread_get_stackaddr_np(pthread_self()))
        let size = pthread_get_stacksize_np(pthread_self())
        return (top - UInt(size), size)
        #else
        return nil
        #endif
    }
}

#if canImport(Glibc)
// glibc declares this only under _GNU_SOURCE, which Swift's Glibc module does not define.
@_silgen_name("pthread_getattr_np")
private func getThreadAttributes(_ thread: pthread_t, _ attributes: UnsafeMutablePointer<pthread_attr_t>) -> Int32
#endif
