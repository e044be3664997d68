import Lang
import MixFlowOps

/// `xs = append(xs, v)` grows the list in place. Lists are values, so the general path copies
/// the list into the call and builds a new one: n appends cost O(n^2) (10^5 took 50 s). When
/// the statement assigns the result back to the list it appends to, the old list is dead after
/// the call, so the item is appended to the variable's own storage instead: amortised O(1),
/// with the same result and errors as the builtin.
extension Evaluator {
    /// Runs `name = value` when it is that pattern on a list bound in this scope; false otherwise
    /// (nothing evaluated, the caller takes the general path).
    func assignAppendingInPlace(_ name: String, _ value: Expr, _ frame: Frame) throws(RuntimeError) -> Bool {
        guard case let .call(callee, arguments) = value.kind, case .identifier("append") = callee.kind,
              arguments.count == 2, arguments.allSatisfy({ $0.label == nil }),
              case .identifier(name) = arguments[0].value.kind,
              frame.environment.lookup("append") == nil, registry["append"] != nil,
              let count = frame.environment.ownListCount(name) else { return false }
        try checkInterrupt(value.span, frame)
        let item = try evaluate(arguments[1].value, frame)
        guard !item.nestsDeeper(than: Value.maxNestingDepth - 1) else {
            throw fail("lists and records cannot be nested more than \(Value.maxNestingDepth) levels deep",
                          arguments[1].span, frame)
        }
        if let excess = MemoryBudget.excess("append to a list of \(count) items", counts: [count + 1],
                                            bytesPerItem: MemoryLayout<Value>.stride) {
            throw fail(excess.description, value.span, frame)
        }
        frame.environment.appendToOwnList(name, item)
        return true
    }
}
