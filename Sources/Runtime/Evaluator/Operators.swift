import Foundation
import Lang
import MixFlowOps

/// A failed operator application, before it is located: which operand to blame and why.
struct OperatorError: Error {
    enum Blame { case whole, left, right }
    var message: String
    var blame: Blame = .whole
    var hint: String?
}

/// Arithmetic and comparison on values (`and`/`or` short-circuit in the evaluator instead).
///
/// `+` adds numbers and joins strings or lists; `- * / ^` take numbers; `%` is the floored
/// remainder (the result has the sign of the divisor, so `-1 % 3 == 2`); dividing by zero is an
/// error rather than `inf`. `==`/`!=` compare any two values; `< <= > >=` compare two numbers
/// or two strings.
enum Operators {
    static func binary(_ op: BinaryOperator, _ left: Value, _ right: Value) throws(OperatorError) -> Value {
        switch op {
        case .equal: return .bool(left == right)
        case .notEqual: return .bool(left != right)
        case .less, .lessEqual, .greater, .greaterEqual: return .bool(try compare(op, left, right))
        case .add: return try add(left, right)
        case .subtract, .multiply, .divide, .remainder, .power:
            guard case .number(let a) = left, case .number(let b) = right else {
                throw mismatch(op, left, right)
            }
            return .number(try arithmetic(op, a, b))
        case .and, .or:
            preconditionFailure("'and'/'or' short-circuit in the evaluator")
        }
    }

    static func unary(_ op: UnaryOperator, _ operand: Value) throws(OperatorError) -> Value {
        switch (op, operand) {
        case (.negate, .number(let number)): return .number(-number)
        case (.plus, .number(let number)): return .number(number)
        case (.not, .bool(let flag)): return .bool(!flag)
        case (.not, _):
            throw OperatorError(message: "'not' needs true or false, got \(operand.typeNameWithArticle)")
        default:
            throw OperatorError(message: "cannot apply '\(op.rawValue)' to \(operand.typeNameWithArticle)")
        }
    }

    private static func add(_ left: Value, _ right: Value) throws(OperatorError) -> Value {
        switch (left, right) {
        case let (.number(a), .number(b)): return .number(a + b)
        case let (.string(a), .string(b)):
            try checkJoinedSize(a.utf8.count, b.utf8.count, bytesPerItem: 1, what: "strings of", unit: "bytes")
            return .string(a + b)
        case let (.list(a), .list(b)):
            try checkJoinedSize(a.count, b.count, bytesPerItem: MemoryLayout<Value>.stride, what: "lists of", unit: "items")
            return .list(a + b)
        case (.string, .number), (.number, .string):
            throw OperatorError(message: "cannot add \(left.typeName) and \(right.typeName)",
                                hint: "turn the number into text first: str(x)")
        default:
            throw mismatch(.add, left, right)
        }
    }

    /// Refuses a join whose result would be over the memory budget (a string doubled 40 times).
    private static func checkJoinedSize(_ a: Int, _ b: Int, bytesPerItem: Int, what: String, unit: String) throws(OperatorError) {
        if let excess = MemoryBudget.excess("joining \(what) \(a) and \(b) \(unit)", counts: [a + b], bytesPerItem: bytesPerItem) {
            throw OperatorError(message: excess.description)
        }
    }

    private static func arithmetic(_ op: BinaryOperator, _ a: Double, _ b: Double) throws(OperatorError) -> Double {
        switch op {
        case .subtract: return a - b
        case .multiply: return a * b
        case .divide:
            guard b != 0 else { throw OperatorError(message: "division by zero", blame: .right) }
            return a / b
        case .remainder:
            guard b != 0 else { throw OperatorError(message: "remainder of division by zero", blame: .right) }
            return a - b * (a / b).rounded(.down)
        case .power: return pow(a, b)
        default: preconditionFailure("not arithmetic: \(op)")
        }
    }

    private static func compare(_ op: BinaryOperator, _ left: Value, _ right: Value) throws(OperatorError) -> Bool {
        switch (left, right) {
        case let (.number(a), .number(b)): return ordered(op, a, b)
        case let (.string(a), .string(b)): return ordered(op, a, b)
        default:
            throw OperatorError(message: "cannot compare \(left.typeName) and \(right.typeName) with '\(op.rawValue)'",
                                hint: "'<', '<=', '>' and '>=' compare two numbers or two strings")
        }
    }

    private static func ordered<T: Comparable>(_ op: BinaryOperator, _ a: T, _ b: T) -> Bool {
        switch op {
        case .less: return a < b
        case .lessEqual: return a <= b
        case .greater: return a > b
        default: return a >= b
        }
    }

    private static func mismatch(_ op: BinaryOperator, _ left: Value, _ right: Value) -> OperatorError {
        let verbs: [BinaryOperator: String] = [.add: "add", .subtract: "subtract", .multiply: "multiply", .divide: "divide"]
        if let verb = verbs[op] {
            return OperatorError(message: "cannot \(verb) \(left.typeName) and \(right.typeName)")
        }
        return OperatorError(message: "cannot apply '\(op.rawValue)' to \(left.typeName) and \(right.typeName)")
    }
}
