// "Did you mean ...?": the spelling distance behind every suggestion, for keywords here and for
// commands, keyword arguments, variables and members in the runtime.

/// The candidate closest in spelling to `name`, or nil when none is close enough to suggest.
///
/// Distance is the optimal string alignment distance (restricted Damerau–Levenshtein):
/// inserting, deleting or substituting a character, or swapping two adjacent ones, costs 1.
/// It is measured ignoring case, so `Sigma` finds `sigma` at distance 0. A candidate qualifies
/// when its distance is at most `max(1, name.count / 3)` and less than `name.count` (so `x`
/// never suggests `y`). Ties go to the candidate that also matches case better, then to the one
/// listed first. Names longer than 64 characters get no suggestion.
public func closestMatch(to name: String, among candidates: some Sequence<String>) -> String? {
    let typed = Array(name.unicodeScalars)
    guard !typed.isEmpty, typed.count <= 64 else { return nil }
    let typedFolded = Array(name.lowercased().unicodeScalars)
    let threshold = min(max(1, typed.count / 3), typed.count - 1)
    guard threshold >= 1 else { return nil }
    var best: (candidate: String, folded: Int, exact: Int)?
    for candidate in candidates {
        let scalars = Array(candidate.unicodeScalars)
        guard abs(scalars.count - typed.count) <= threshold else { continue }
        let folded = optimalStringAlignmentDistance(typedFolded, Array(candidate.lowercased().unicodeScalars))
        guard folded <= threshold else { continue }
        let exact = optimalStringAlignmentDistance(typed, scalars)
        if let current = best, (current.folded, current.exact) <= (folded, exact) { continue }
        best = (candidate, folded, exact)
    }
    return best?.candidate
}

/// Optimal string alignment distance between two scalar sequences: the fewest insertions,
/// deletions, substitutions and adjacent transpositions turning `a` into `b`, where no
/// substring is edited twice. O(|a|·|b|) time, O(|b|) memory (three rows of the DP table).
func optimalStringAlignmentDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var beforePrevious = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            var distance = min(previous[j] + 1, current[j - 1] + 1, substitution)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                distance = min(distance, beforePrevious[j - 2] + 1)
            }
            current[j] = distance
        }
        (beforePrevious, previous, current) = (previous, current, beforePrevious)
    }
    return previous[b.count]
}
