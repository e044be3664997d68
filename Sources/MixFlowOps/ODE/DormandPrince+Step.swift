import Foundation

extension DopriState {
    /// Tries one step of size h (clipped to the next record time or t1); on acceptance moves
    /// (t, x) forward, records if a record time was reached, and reuses the last stage (FSAL).
    /// Either way adapts h.
    mutating func attemptStep(_ f: VectorField<T>) throws {
        guard accepted + rejected < options.maxSteps else {
            throw ODEError.tooManySteps(limit: options.maxSteps, time: Double(t))
        }
        let target = nextStop < stops.count ? stops[nextStop].time : t1
        let clipped = (target - t) * direction <= h * direction
        let step = clipped ? target - t : h
        guard step * direction > 0, t + step != t || clipped else { throw ODEError.stepSizeUnderflow(time: Double(t)) }
        for i in 1...5 {
            scratch.setCombination(x, step, a[i - 1], k)
            try f(scratch, t + c[i] * step, &k[i])
        }
        candidate.setCombination(x, step, a[5], k)
        try f(candidate, t + step, &k[6])
        evaluations += 6
        error.fill(0)
        for (j, weight) in e.enumerated() where weight != 0 { error.add(k[j], scaledBy: step * weight) }
        let n = x.count
        let norm = Double(error.withPointer { pe in x.withPointer { px in candidate.withPointer { pc in
            T.scaledRMS(n, error: pe, px, pc, atol: T(options.atol), rtol: T(options.rtol))
        } } })
        guard norm.isFinite else { throw ODEError.nonFinite(time: Double(t)) }
        let o = options
        if norm <= 1 {
            accepted += 1
            t = clipped ? target : t + step
            swap(&x, &candidate)
            k.swapAt(0, 6)
            recordDue()
            let factor = norm == 0 ? o.maxFactor : min(o.maxFactor, max(o.minFactor, o.safety * pow(norm, -0.2)))
            // A step shortened to hit a record time says little about the next one: keep h.
            if !clipped || step * direction >= h * direction { h = step * T(factor) }
        } else {
            rejected += 1
            h = step * T(min(1, max(o.minFactor, o.safety * pow(norm, -0.2))))
        }
    }
}
