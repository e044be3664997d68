/// A named trainable tensor (a weight matrix or a bias row) with its gradient.
///
/// Values and gradients live in raw buffers so the layer kernels and optimisers work on them
/// without copies; `value` and `gradient` give them as matrices (copies) for inspection, tests
/// and checkpoints. A frozen parameter keeps its value: layers skip its gradient and optimisers
/// skip its update.
public final class Parameter<T: KernelScalar>: @unchecked Sendable {
    /// Dotted name, unique within a model, e.g. "velocity.layer2.weight".
    public let name: String
    public let rows: Int
    public let cols: Int
    public var isFrozen = false
    let valueBuffer: Buffer<T>
    let gradientBuffer: Buffer<T>

    public init(name: String, value: Matrix<T>) {
        self.name = name
        rows = value.rows
        cols = value.cols
        valueBuffer = Buffer(value.storage)
        gradientBuffer = Buffer(capacity: value.count)
    }

    public var count: Int { rows * cols }

    /// The values (a copy); setting copies the new values in (same shape required).
    public var value: Matrix<T> {
        get { Matrix(rows: rows, cols: cols, storage: valueBuffer.array(count: count)) }
        set {
            precondition(newValue.rows == rows && newValue.cols == cols,
                         "parameter '\(name)' is \(rows)x\(cols), cannot set a \(newValue.shapeDescription) value")
            newValue.storage.withUnsafeBufferPointer { valueBuffer.pointer.update(from: $0.baseAddress!, count: count) }
        }
    }

    /// The gradient of the last backward pass (a copy); setting copies new values in.
    public var gradient: Matrix<T> {
        get { Matrix(rows: rows, cols: cols, storage: gradientBuffer.array(count: count)) }
        set {
            precondition(newValue.rows == rows && newValue.cols == cols,
                         "parameter '\(name)' is \(rows)x\(cols), cannot set a \(newValue.shapeDescription) gradient")
            newValue.storage.withUnsafeBufferPointer { gradientBuffer.pointer.update(from: $0.baseAddress!, count: count) }
        }
    }

    /// Direct access to the values, for kernels.
    public var valuePointer: UnsafeMutablePointer<T> { valueBuffer.pointer }
    /// Direct access to the gradient, for kernels.
    public var gradientPointer: UnsafeMutablePointer<T> { gradientBuffer.pointer }

    public func zeroGradient() { T.fill(count, 0, gradientBuffer.pointer) }
}

extension Sequence {
    /// Sets the gradients of every parameter to zero.
    public func zeroGradients<T>() where Element == Parameter<T> {
        for parameter in self { parameter.zeroGradient() }
    }

    /// Freezes (or unfreezes) every parameter.
    public func setFrozen<T>(_ frozen: Bool) where Element == Parameter<T> {
        for parameter in self { parameter.isFrozen = frozen }
    }

    /// Total number of scalar values.
    public func scalarCount<T>() -> Int where Element == Parameter<T> {
        reduce(0) { $0 + $1.count }
    }
}
