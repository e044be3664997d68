/// The toy 2-D datasets, each with one numeric condition parameter.
///
/// | kind | condition parameter | points of a condition | descriptor |
/// |---|---|---|---|
/// | `gaussians` | `radius` r (default 1, 2, 3) | equal mixture of 8 Gaussians N(m_k, noise^2 I), m_k = r (cos 45k°, sin 45k°) | `[r]` |
/// | `moons` | `angle` a in degrees (default 0, 45, 90, 135) | the two interleaved half circles of radius 1 (upper: (cos t, sin t), lower: (1 - cos t, 1/2 - sin t), t ~ U[0, pi]) centred at the origin, plus noise, rotated by a | `[cos a, sin a]` |
/// | `rings` | `factor` f (default 0.25, 0.5, 0.75) | two concentric circles, radius 1 and f, half the points on each, angle ~ U[0, 2 pi), plus noise | `[f]` |
public enum ToyKind: String, CaseIterable, Sendable {
    case gaussians, moons, rings

    /// The metadata field holding the condition parameter.
    public var parameterName: String {
        switch self {
        case .gaussians: return "radius"
        case .moons: return "angle"
        case .rings: return "factor"
        }
    }

    public var defaultValues: [Double] {
        switch self {
        case .gaussians: return [1, 2, 3]
        case .moons: return [0, 45, 90, 135]
        case .rings: return [0.25, 0.5, 0.75]
        }
    }

    /// Default noise standard deviation.
    public var defaultNoise: Double {
        switch self {
        case .gaussians: return 0.1
        case .moons: return 0.05
        case .rings: return 0.02
        }
    }
}

/// Options of a toy dataset; `values` and `noise` default per kind (see `ToyKind`).
public struct ToyOptions: Equatable, Sendable {
    public var kind: ToyKind
    /// The condition parameter's values, one condition each.
    public var values: [Double]?
    /// Points per condition.
    public var points: Int = 1000
    public var noise: Double?
    public var seed: UInt64 = 0

    public init(kind: ToyKind, values: [Double]? = nil, points: Int = 1000, noise: Double? = nil, seed: UInt64 = 0) {
        self.kind = kind
        self.values = values
        self.points = points
        self.noise = noise
        self.seed = seed
    }
}

public enum ToyDatasets {
    /// Generates the toy dataset: one condition per parameter value, named by the value, with
    /// metadata `[parameterName: value]`. Condition c's points come from sub-stream of `seed` keyed
    /// by the value, so they do not depend on the other values requested.
    public static func make(_ options: ToyOptions) throws(DataError) -> Dataset {
        let kind = options.kind
        let values = options.values ?? kind.defaultValues
        let noise = options.noise ?? kind.defaultNoise
        try validate(values: values, noise: noise, points: options.points, kind: kind)
        let base = RandomStream(seed: options.seed)
        var storage: [Float] = []
        storage.reserveCapacity(values.count * options.points * 2)
        var labels: [Int] = []
        var conditions: [Condition] = []
        for (index, value) in values.enumerated() {
            var mixer = SplitMix64(state: (value + 0).bitPattern)
            var random = base.stream(mixer.next())
            for _ in 0..<options.points {
                let (x, y) = point(kind, value: value, random: &random)
                storage.append(Float(x + noise * random.nextNormal()))
                storage.append(Float(y + noise * random.nextNormal()))
            }
            if kind == .moons { rotateLast(options.points, degrees: value, in: &storage) }
            labels.append(contentsOf: repeatElement(index, count: options.points))
            conditions.append(Condition(metadata: [MetadataEntry(kind.parameterName, .number(value))],
                                        descriptor: descriptor(kind, value: value)))
        }
        return try Dataset(name: kind.rawValue, points: Matrix(rows: labels.count, cols: 2, storage: storage),
                           conditionOfPoint: labels, conditions: conditions, featureNames: ["x", "y"])
    }

    /// One noiseless point of condition `value` (moons before rotation).
    private static func point(_ kind: ToyKind, value: Double, random: inout RandomStream) -> (Double, Double) {
        switch kind {
        case .gaussians:
            let mode = Double(random.nextInt(below: 8)) * Double.pi / 4
            return (value * _cos(mode), value * _sin(mode))
        case .moons:
            let t = random.nextDouble() * Double.pi
            // Centre of the two moons' bounding box is (1/2, 1/4); subtract it.
            return random.nextInt(below: 2) == 0
                ? (_cos(t) - 0.5, _sin(t) - 0.25)
                : (1 - _cos(t) - 0.5, 0.5 - _sin(t) - 0.25)
        case .rings:
            let radius = random.nextInt(below: 2) == 0 ? 1.0 : value
            let angle = random.nextDouble() * 2 * Double.pi
            return (radius * _cos(angle), radius * _sin(angle))
        }
    }

    private static func descriptor(_ kind: ToyKind, value: Double) -> [Float] {
        guard kind == .moons else { return [Float(value)] }
        let radians = value * Double.pi / 180
        return [Float(_cos(radians)), Float(_sin(radians))]
    }

    /// Rotates the last `count` points of `storage` (pairs x, y) counter-clockwise by `degrees`.
    private static func rotateLast(_ count: Int, degrees: Double, in storage: inout [Float]) {
        let radians = degrees * Double.pi / 180
        let (c, s) = (_cos(radians), _sin(radians))
        for i in (storage.count / 2 - count)..<(storage.count / 2) {
            let (x, y) = (Double(storage[2 * i]), Double(storage[2 * i + 1]))
            storage[2 * i] = Float(c * x - s * y)
            storage[2 * i + 1] = Float(s * x + c * y)
        }
    }

    private static func validate(values: [Double], noise: Double, points: Int, kind: ToyKind) throws(DataError) {
        let name = kind.rawValue, field = kind.parameterName
        guard !values.isEmpty else { throw DataError("\(name): no \(field) values given") }
        for (i, value) in values.enumerated() {
            guard value.isFinite else { throw DataError("\(name): \(field) \(value) is not a finite number") }
            guard !values[..<i].contains(value) else {
                throw DataError("\(name): \(field) \(formatNumber(value)) is given twice")
            }
            if kind != .moons, value <= 0 {
                throw DataError("\(name): \(field) must be positive, got \(formatNumber(value))")
            }
        }
        guard points >= 1 else { throw DataError("\(name): points must be at least 1, got \(points)") }
        guard noise >= 0, noise.isFinite else { throw DataError("\(name): noise must be a finite number >= 0, got \(noise)") }
        // Per point: two Float coordinates and an Int label, built once and copied once.
        if let excess = MemoryBudget.excess("load \"\(name)\" with \(values.count == 1 ? "1 condition" : "\(values.count) conditions") x points=\(points)",
                                            counts: [values.count, points], bytesPerItem: 32) {
            throw DataError(excess.description)
        }
    }
}
