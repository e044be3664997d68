/// The Gumbel-softmax relaxation of a categorical draw (Jang, Gu and Poole, 2017; Maddison et
/// al., 2017), row by row over an n x I block:
///
///     w[r, i] = softmax_i((logits[i] + g[r, i]) / tau),   g ~ Gumbel(0, 1) i.i.d.
///
/// Backward (the softmax Jacobian scaled by 1/tau), given gw = dL/dw:
///
///     dL/dlogits[i] += sum_r (1/tau) w[r, i] (gw[r, i] - sum_m w[r, m] gw[r, m])
///
/// The straight-through variant uses one-hot(argmax_i w[r, i]) in the forward pass and the
/// soft gradient above in the backward pass. Every row of a block shares one logit row (the
/// logits belong to the block's condition); the Gumbel noise is per row.
enum GumbelSoftmax {
    /// Soft weights of `rows` rows into `w` (rows x count, contiguous) from one logit row and
    /// the block's Gumbel noise (rows x count).
    static func forward<T: KernelScalar>(rows: Int, count: Int, logits: UnsafePointer<T>, gumbel: UnsafePointer<T>,
                                         temperature: T, into w: UnsafeMutablePointer<T>) {
        let inverse = 1 / temperature
        for r in 0..<rows {
            let z = w + r * count, g = gumbel + r * count
            for i in 0..<count { z[i] = (logits[i] + g[i]) * inverse }
        }
        T.softmaxRows(rows: rows, cols: count, w, ldx: count, w, ldy: count)
    }

    /// one-hot(argmax_i w[r, i]) of every row into `hard` (ties go to the lowest index).
    static func harden<T: KernelScalar>(rows: Int, count: Int, _ w: UnsafePointer<T>, into hard: UnsafeMutablePointer<T>) {
        for r in 0..<rows {
            let row = w + r * count, out = hard + r * count
            var best = 0
            for i in 1..<max(count, 1) where row[i] > row[best] { best = i }
            for i in 0..<count { out[i] = i == best ? 1 : 0 }
        }
    }

    /// Adds the logit gradient of the block's rows to `logitGradient` (count values), given the
    /// soft weights w and gw = dL/dw (both rows x count). `scratch` holds rows x count values.
    static func backward<T: KernelScalar>(rows: Int, count: Int, w: UnsafePointer<T>, gw: UnsafePointer<T>,
                                          temperature: T, scratch: UnsafeMutablePointer<T>,
                                          accumulateInto logitGradient: UnsafeMutablePointer<T>) {
        T.softmaxBackwardRows(rows: rows, cols: count, y: w, ldy: count, gy: gw, ldgy: count, gx: scratch, ldgx: count)
        let inverse = 1 / temperature
        for r in 0..<rows { T.axpy(count, inverse, scratch + r * count, logitGradient) }
    }
}
