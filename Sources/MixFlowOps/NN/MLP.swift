import Foundation

/// A multilayer perceptron with hand-written forward and backward passes (see
/// `MLPConfiguration` for the layer layout, including the time column and the condition
/// re-concatenated at every hidden layer).
///
/// Usage: `forward` (keeps activations), then `backward(outputGradient:)` fills each
/// parameter's gradient and, on request, `inputGradient`, `timeGradient` and
/// `conditionGradient`. `evaluate` is the inference pass (no dropout, nothing kept, processed
/// in cache-sized row blocks). Buffers grow to the largest batch seen and are then reused: no
/// allocation per step in steady state (provided the caller does not keep references to the
/// output or gradient matrices across steps, which would force a copy-on-write).
///
/// Batches of at least 2 x `minimumRowsPerThread` rows are split across `threads` threads
/// (each runs its rows with single-threaded OpenBLAS; parameter gradients are summed at the
/// end). Results do not depend on the thread count except for float rounding in those sums.
///
/// Not thread-safe: one owner at a time.
public final class MLP<T: KernelScalar>: @unchecked Sendable {
    public let configuration: MLPConfiguration
    public let name: String
    public let layers: [Linear<T>]
    /// Per hidden layer, the gain layer G_l reading [t, y] (`MLPConfiguration.conditionGain`);
    /// empty without a gain.
    public let gains: [Linear<T>]
    /// `train` applies dropout in `forward`; `eval` does not.
    public var mode: NetworkMode = .train
    /// How many threads a large batch is split across.
    public var threads: Int = Parallel.processorCount
    /// Rows per thread below which a batch is not split.
    public var minimumRowsPerThread = 64
    /// Parameter elements per thread below which the sum of the blocks' gradients is not split.
    var minimumElementsPerGradientShare = 16_384
    /// Rows per block in `evaluate` (keeps activations in cache).
    public var inferenceBlockRows = 512
    /// The stream dropout masks are drawn from.
    public var dropoutRandom: RandomStream

    public internal(set) var inputGradient = Matrix<T>(rows: 0, cols: 0)
    public internal(set) var timeGradient = Matrix<T>(rows: 0, cols: 0)
    public internal(set) var conditionGradient = Matrix<T>(rows: 0, cols: 0)

    var workspaces: [MLPWorkspace<T>] = []
    var masks: [Buffer<T>]
    var lastPass: (rows: Int, blocks: [Range<Int>], dropout: Bool)?
    /// Testing hook: reuse the masks of the previous forward pass instead of drawing new ones.
    var reuseDropoutMasks = false

    /// Builds the layers, drawing initial weights from `random` and seeding the dropout stream
    /// from it. Parameters are named "<name>.layer<l>.weight" / ".bias".
    public init(_ configuration: MLPConfiguration, random: inout RandomStream, name: String = "mlp") {
        self.configuration = configuration
        self.name = name
        layers = (0..<configuration.layerCount).map { l in
            Linear(inputs: configuration.inputs(ofLayer: l), outputs: configuration.outputs(ofLayer: l),
                   initialization: configuration.initialization, random: &random, name: "\(name).layer\(l)")
        }
        // The gains start at zero (the network starts as the plain one) and draw nothing, so
        // the other weights of a seed are the same with or without them.
        gains = configuration.conditionGain ? configuration.hidden.indices.map { l in
            Linear(zerosWithInputs: configuration.gainInputs, outputs: configuration.hidden[l], name: "\(name).gain\(l)")
        } : []
        dropoutRandom = RandomStream(seed: random.next())
        masks = configuration.hidden.map { _ in Buffer() }
    }

    public convenience init(_ configuration: MLPConfiguration, seed: UInt64, name: String = "mlp") {
        var random = RandomStream(seed: seed)
        self.init(configuration, random: &random, name: name)
    }

    /// All parameters, layer by layer, weight before bias, then the gain layers.
    public var parameters: [Parameter<T>] { (layers + gains).flatMap { $0.parameters } }

    /// Forward pass keeping what `backward` needs. Shapes: x rows x inputs, time per
    /// `TimeInput`, condition rows x conditionWidth; output becomes rows x outputs.
    public func forward(_ x: Matrix<T>, time: TimeInput<T> = .none, condition: Matrix<T>? = nil,
                        into output: inout Matrix<T>) {
        checkInputs(x, time: time, condition: condition)
        let rows = x.rows
        output.reshape(rows: rows, cols: configuration.outputs)
        let blocks = Parallel.partition(rows, parts: threads, minimum: minimumRowsPerThread)
        prepareWorkspaces(blocks.count, rows: blocks.map(\.count).max() ?? 0, forBackward: true)
        let dropout = mode == .train && configuration.dropout > 0
        if dropout { drawMasks(rows: rows) }
        withBlockPointers(x, time: time, condition: condition, output: &output) { base in
            Parallel.run(blocks.count) { i in
                let block = base.offset(to: blocks[i], config: configuration, masks: dropout ? masks : nil)
                workspaces[i].forward(block, layers: layers, gains: gains, forBackward: true)
            }
        }
        lastPass = (rows, blocks, dropout)
    }

    /// `forward` returning a new output matrix.
    public func forward(_ x: Matrix<T>, time: TimeInput<T> = .none, condition: Matrix<T>? = nil) -> Matrix<T> {
        var output = Matrix<T>(rows: 0, cols: configuration.outputs)
        forward(x, time: time, condition: condition, into: &output)
        return output
    }

    /// Inference pass: no dropout (whatever the mode), nothing kept for backward, rows processed
    /// in blocks of `inferenceBlockRows` per thread. A following `backward` is an error.
    public func evaluate(_ x: Matrix<T>, time: TimeInput<T> = .none, condition: Matrix<T>? = nil,
                         into output: inout Matrix<T>) {
        checkInputs(x, time: time, condition: condition)
        let rows = x.rows
        output.reshape(rows: rows, cols: configuration.outputs)
        let parts = Parallel.partition(rows, parts: threads, minimum: minimumRowsPerThread)
        let blockRows = max(1, inferenceBlockRows)
        prepareWorkspaces(parts.count, rows: min(blockRows, parts.map(\.count).max() ?? 0), forBackward: false)
        withBlockPointers(x, time: time, condition: condition, output: &output) { base in
            Parallel.run(parts.count) { i in
                for start in stride(from: parts[i].lowerBound, to: parts[i].upperBound, by: blockRows) {
                    let range = start..<min(start + blockRows, parts[i].upperBound)
                    workspaces[i].forward(base.offset(to: range, config: configuration, masks: nil), layers: layers, gains: gains,
                                          forBackward: false)
                }
            }
        }
        lastPass = nil
    }

    private func checkInputs(_ x: Matrix<T>, time: TimeInput<T>, condition: Matrix<T>?) {
        let c = configuration
        precondition(x.cols == c.inputs, "\(name): input x is \(x.shapeDescription), expected \(x.rows)x\(c.inputs)")
        switch time {
        case .none: precondition(!c.hasTime, "\(name): the network takes a time input; pass time:")
        case .constant: precondition(c.hasTime, "\(name): the network has no time input")
        case let .column(t):
            precondition(c.hasTime, "\(name): the network has no time input")
            precondition(t.rows == x.rows && t.cols == 1, "\(name): time is \(t.shapeDescription), expected \(x.rows)x1")
        }
        if c.conditionWidth > 0 {
            guard let y = condition else { preconditionFailure("\(name): the network takes a condition of width \(c.conditionWidth)") }
            precondition(y.rows == x.rows && y.cols == c.conditionWidth,
                         "\(name): condition is \(y.shapeDescription), expected \(x.rows)x\(c.conditionWidth)")
        } else {
            precondition(condition == nil, "\(name): the network takes no condition")
        }
    }

    func prepareWorkspaces(_ count: Int, rows: Int, forBackward: Bool) {
        while workspaces.count < count { workspaces.append(MLPWorkspace(configuration, gains: gains.map { ($0.inputs, $0.outputs) })) }
        for i in 0..<count { workspaces[i].reserve(rows: rows, forBackward: forBackward) }
    }

    private func drawMasks(rows: Int) {
        let keep = T(1 - configuration.dropout)
        for (l, width) in configuration.hidden.enumerated() {
            if reuseDropoutMasks && masks[l].capacity >= rows * width { continue }
            masks[l].reserve(rows * width)
            T.fillDropoutMask(rows * width, masks[l].pointer, keep: keep, random: &dropoutRandom)
        }
    }
}
