/// Options of the letters benchmark (`load "letters"`). Defaults are those of the design's
/// example: 14 straight-stroke letters at 12 angles, 1000 points each.
public struct LettersOptions: Equatable, Sendable {
    /// Capital letters, one condition family each, in this order (e.g. "AEFHK"); lower case is
    /// read as upper case.
    public var letters: String = "AEFHKLMNTVWXYZ"
    /// Rotation angles in degrees, counter-clockwise.
    public var angles: [Double] = stride(from: 0.0, to: 360.0, by: 30.0).map { $0 }
    /// Points per condition.
    public var points: Int = 1000
    /// Standard deviation of the isotropic Gaussian noise added to each stroke point, in units
    /// of the cap height (the letters span the unit box).
    public var noise: Double = 0.02
    public var seed: UInt64 = 0
    /// Ambient dimension D >= 2: the letter plane is mapped into R^D by a random isometry
    /// derived from `seed` (D = 2: no map).
    public var dim: Int = 2

    public init() {}

    public init(letters: String, angles: [Double], points: Int = 1000, noise: Double = 0.02,
                seed: UInt64 = 0, dim: Int = 2) {
        self.letters = letters
        self.angles = angles
        self.points = points
        self.noise = noise
        self.seed = seed
        self.dim = dim
    }
}

/// The letters benchmark: 2-D point clouds along the strokes of capital letters (mfsh's own stroke
/// font), one condition per (letter, angle).
///
/// For letter l at angle a: positions uniform by arc length along the glyph (centred in the unit
/// box), plus N(0, noise^2 I), rotated by a degrees about the origin, then embedded in R^D when
/// dim > 2. Condition `l@a` has metadata `letter: "l"` (string), `angle: a` (number) and
/// descriptor `[one-hot of l over the requested letters..., cos a, sin a]` (k + 2 values for k
/// letters). Conditions are letter-major: A@0, A@30, ..., E@0, ...
///
/// Deterministic per seed, and each condition's points depend only on (seed, letter, angle,
/// points, noise): asking for more letters or angles does not change the others.
public enum Letters {
    public static let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

    public static func make(_ options: LettersOptions) throws(DataError) -> Dataset {
        let letters = try validatedLetters(options.letters)
        try validate(options)
        try checkMemory(options, conditions: letters.count * options.angles.count)
        let embedding = options.dim > 2 ? randomIsometry(dimension: options.dim, seed: options.seed) : nil
        let dim = options.dim
        let base = RandomStream(seed: options.seed)
        var storage: [Float] = []
        storage.reserveCapacity(letters.count * options.angles.count * options.points * dim)
        var labels: [Int] = []
        var conditions: [Condition] = []
        for (letterIndex, letter) in letters.enumerated() {
            let sampler = GlyphSampler(StrokeFont.glyph(letter)!)
            for angle in options.angles {
                var random = base.stream(conditionStreamIndex(letter, angle))
                let plane = sampler.sample(count: options.points, noise: options.noise, degrees: angle, random: &random)
                appendEmbedded(plane, embedding: embedding, dim: dim, to: &storage)
                labels.append(contentsOf: repeatElement(conditions.count, count: options.points))
                conditions.append(condition(letter, index: letterIndex, of: letters.count, angle: angle))
            }
        }
        let names = dim == 2 ? ["x", "y"] : (1...dim).map { "x\($0)" }
        return try Dataset(name: "letters", points: Matrix(rows: labels.count, cols: dim, storage: storage),
                           conditionOfPoint: labels, conditions: conditions, featureNames: names)
    }

    /// Condition `l@a` with its metadata and descriptor (one-hot letter, cos and sin of the angle).
    static func condition(_ letter: Character, index: Int, of count: Int, angle: Double) -> Condition {
        var descriptor = [Float](repeating: 0, count: count + 2)
        descriptor[index] = 1
        let radians = angle * Double.pi / 180
        descriptor[count] = Float(_cos(radians))
        descriptor[count + 1] = Float(_sin(radians))
        return Condition(metadata: [MetadataEntry("letter", .string(String(letter))),
                                    MetadataEntry("angle", .number(angle))],
                         descriptor: descriptor)
    }

    private static func validatedLetters(_ text: String) throws(DataError) -> [Character] {
        var letters: [Character] = []
        for character in text.uppercased() {
            guard StrokeFont.glyph(character) != nil else {
                throw DataError("letters: '\(character)' is not a capital letter A-Z",
                                hint: "letters is a string such as \"AEFHK\"")
            }
            guard !letters.contains(character) else {
                throw DataError("letters: '\(character)' is given twice in \"\(text)\"")
            }
            letters.append(character)
        }
        guard !letters.isEmpty else { throw DataError("letters: no letters given", hint: "e.g. letters=\"AEFHK\"") }
        return letters
    }

    private static func validate(_ options: LettersOptions) throws(DataError) {
        guard !options.angles.isEmpty else { throw DataError("letters: no angles given", hint: "e.g. angles=0:360:30") }
        for (i, angle) in options.angles.enumerated() {
            guard angle.isFinite else { throw DataError("letters: angle \(angle) is not a finite number") }
            guard !options.angles[..<i].contains(angle) else {
                throw DataError("letters: angle \(formatNumber(angle)) is given twice")
            }
        }
        guard options.points >= 1 else { throw DataError("letters: points must be at least 1, got \(options.points)") }
        guard options.noise >= 0, options.noise.isFinite else {
            throw DataError("letters: noise must be a finite number >= 0, got \(options.noise)")
        }
        guard options.dim >= 2 else { throw DataError("letters: dim must be at least 2, got \(options.dim)") }
    }

    /// Per point: `dim` Float coordinates and an Int label, built once and copied once; the
    /// isometry holds two Double vectors of length `dim`.
    private static func checkMemory(_ options: LettersOptions, conditions: Int) throws(DataError) {
        let request = "load \"letters\" with \(conditions == 1 ? "1 condition" : "\(conditions) conditions") x points=\(options.points) in dim=\(options.dim)"
        let perPoint = MemoryBudget.checkedProduct([options.dim, 8]).map { $0 + 16 } ?? -1
        if let excess = MemoryBudget.excess(request, counts: [conditions, options.points, perPoint], bytesPerItem: 1)
            ?? MemoryBudget.excess(request, counts: [options.dim], bytesPerItem: 16) {
            throw DataError(excess.description)
        }
    }

    /// Sub-stream index for a (letter, angle) pair: a SplitMix64 mix of the angle's bits plus the
    /// letter's code, so each condition has its own stream whatever else was requested.
    private static func conditionStreamIndex(_ letter: Character, _ angle: Double) -> UInt64 {
        var mixer = SplitMix64(state: (angle + 0).bitPattern)   // + 0 folds -0 into 0
        return mixer.next() &+ UInt64(letter.asciiValue!)
    }

    /// Appends n x 2 plane points, mapped to R^dim by x -> [u v] x when an isometry is given.
    private static func appendEmbedded(_ plane: [Double], embedding: (u: [Double], v: [Double])?, dim: Int,
                                       to storage: inout [Float]) {
        guard let embedding else {
            storage.append(contentsOf: plane.map { Float($0) })
            return
        }
        for i in 0..<(plane.count / 2) {
            let (x, y) = (plane[2 * i], plane[2 * i + 1])
            for k in 0..<dim { storage.append(Float(x * embedding.u[k] + y * embedding.v[k])) }
        }
    }

    /// Two orthonormal vectors u, v in R^D (the first two columns of a random orthogonal matrix):
    /// Gaussian vectors from a dedicated sub-stream of `seed`, orthonormalised by Gram-Schmidt.
    static func randomIsometry(dimension: Int, seed: UInt64) -> (u: [Double], v: [Double]) {
        var random = RandomStream(seed: seed).stream(UInt64.max)
        var u = (0..<dimension).map { _ in random.nextNormal() }
        var v = (0..<dimension).map { _ in random.nextNormal() }
        let normU = u.reduce(0) { $0 + $1 * $1 }.squareRoot()
        u = u.map { $0 / normU }
        let projection = zip(u, v).reduce(0) { $0 + $1.0 * $1.1 }
        v = zip(v, u).map { $0 - projection * $1 }
        let normV = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        v = v.map { $0 / normV }
        return (u, v)
    }
}
