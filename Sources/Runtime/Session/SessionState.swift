import MixFlowOps

/// State of one interpreter session that builtins share: the session seed and its random
/// stream. Every random draw in mfsh starts from here unless a command is given its own
/// `seed=`, so a script that calls `seed 7` first reproduces exactly.
final class SessionState {
    /// The seed a fresh session starts with (documented in `help seed`).
    static let defaultSeed: UInt64 = 0

    private(set) var seed: UInt64
    /// Draws made directly through `CallContext.random`.
    var random: RandomStream
    /// Seeds handed out by `nextSeed()` come from sub-streams numbered by this counter, so the
    /// n-th seeded command after `seed s` gets the same seed whatever `random` was used for.
    private var seedsIssued: UInt64 = 0

    init(seed: UInt64 = SessionState.defaultSeed) {
        self.seed = seed
        random = RandomStream(seed: seed)
    }

    func reseed(_ seed: UInt64) {
        self.seed = seed
        random = RandomStream(seed: seed)
        seedsIssued = 0
    }

    /// A fresh seed for a command that was not given one.
    func nextSeed() -> UInt64 {
        defer { seedsIssued += 1 }
        var stream = RandomStream(seed: seed).stream(seedsIssued)
        return stream.next()
    }
}
