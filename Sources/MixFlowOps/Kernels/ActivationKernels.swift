// Default (generic) implementations of the network kernels of `KernelScalar`: fused
// bias + activation forward, activation backward fused with the bias-gradient column sums,
// row softmax and its backward, and the Adam update. Each activation has its own loop so the
// body is branch-free and vectorisable.

extension KernelScalar {
    public static func activationForward(_ f: Activation, rows: Int, cols: Int, z: UnsafeMutablePointer<Self>,
                                         ldz: Int, bias: UnsafePointer<Self>?, out: UnsafeMutablePointer<Self>, ldo: Int) {
        portableActivationForward(f, rows: rows, cols: cols, z: z, ldz: ldz, bias: bias, out: out, ldo: ldo)
    }

    /// The Swift loops of `activationForward` (Float may take a wider hand-written kernel instead).
    static func portableActivationForward(_ f: Activation, rows: Int, cols: Int, z: UnsafeMutablePointer<Self>,
                                          ldz: Int, bias: UnsafePointer<Self>?, out: UnsafeMutablePointer<Self>, ldo: Int) {
        switch f {
        case .identity: mapRows(rows, cols, z, ldz, bias, out, ldo) { $0 }
        case .relu: mapRows(rows, cols, z, ldz, bias, out, ldo) { $0 > 0 ? $0 : 0 }
        case let .elu(alphaDouble):
            let alpha = Self(alphaDouble)
            mapRows(rows, cols, z, ldz, bias, out, ldo) { v in
                let negative = alpha * (fastExp(v) - 1)
                return v > 0 ? v : negative
            }
        case .silu: mapRows(rows, cols, z, ldz, bias, out, ldo) { v in v / (1 + fastExp(-v)) }
        case .tanh: mapRows(rows, cols, z, ldz, bias, out, ldo) { fastTanh($0) }
        }
    }

    /// z[r, c] += bias[c] (when given); out[r, c] = f(z[r, c]).
    @inline(__always)
    static func mapRows(_ rows: Int, _ cols: Int, _ z: UnsafeMutablePointer<Self>, _ ldz: Int,
                        _ bias: UnsafePointer<Self>?, _ out: UnsafeMutablePointer<Self>, _ ldo: Int,
                        _ f: (Self) -> Self) {
        let inPlace = z == out && ldz == ldo
        for r in 0..<rows {
            let zr = z + r * ldz, orow = out + r * ldo
            if let b = bias {
                for c in 0..<cols { zr[c] += b[c] }
            }
            if inPlace {
                for c in 0..<cols { zr[c] = f(zr[c]) }   // one pointer: see backRows
            } else {
                for c in 0..<cols { orow[c] = f(zr[c]) }
            }
        }
    }

    public static func activationBackward(_ f: Activation, rows: Int, cols: Int,
                                          z: UnsafePointer<Self>, ldz: Int, a: UnsafePointer<Self>, lda: Int,
                                          ga: UnsafePointer<Self>, ldga: Int, gz: UnsafeMutablePointer<Self>, ldgz: Int,
                                          biasGradient: UnsafeMutablePointer<Self>?) {
        let shape = RowShape(rows: rows, cols: cols, ldz: ldz, lda: lda, ldga: ldga, ldgz: ldgz)
        switch f {
        case .identity: backRows(shape, z, a, ga, gz, biasGradient) { _, _ in 1 }
        case .relu: backRows(shape, z, a, ga, gz, biasGradient) { _, out in out > 0 ? 1 : 0 }
        case let .elu(alphaDouble):
            // For z <= 0, f'(z) = alpha exp(z) = f(z) + alpha: no second exp needed.
            let alpha = Self(alphaDouble)
            backRows(shape, z, a, ga, gz, biasGradient) { v, out in v > 0 ? 1 : out + alpha }
        case .silu:
            backRows(shape, z, a, ga, gz, biasGradient) { v, _ in
                let s = 1 / (1 + fastExp(-v))
                return s * (1 + v * (1 - s))
            }
        case .tanh: backRows(shape, z, a, ga, gz, biasGradient) { _, out in 1 - out * out }
        }
    }

    /// gz = ga * derivative(z, a), row by row, then the bias-gradient column sums. In-place
    /// calls (gz == ga) take a loop over one pointer: with two pointers to the same memory the
    /// compiler's overlap check would send every row down its scalar fallback.
    @inline(__always)
    static func backRows(_ s: RowShape, _ z: UnsafePointer<Self>, _ a: UnsafePointer<Self>,
                         _ ga: UnsafePointer<Self>, _ gz: UnsafeMutablePointer<Self>,
                         _ biasGradient: UnsafeMutablePointer<Self>?, _ derivative: (Self, Self) -> Self) {
        let inPlace = UnsafePointer(gz) == ga && s.ldgz == s.ldga
        for r in 0..<s.rows {
            let zr = z + r * s.ldz, ar = a + r * s.lda, gzr = gz + r * s.ldgz
            if inPlace {
                for c in 0..<s.cols { gzr[c] *= derivative(zr[c], ar[c]) }
            } else {
                let gar = ga + r * s.ldga
                for c in 0..<s.cols { gzr[c] = gar[c] * derivative(zr[c], ar[c]) }
            }
            if let bg = biasGradient {
                for c in 0..<s.cols { bg[c] += gzr[c] }
            }
        }
    }

    public static func softmaxRows(rows: Int, cols: Int, _ x: UnsafePointer<Self>, ldx: Int,
                                   _ y: UnsafeMutablePointer<Self>, ldy: Int) {
        guard cols > 0 else { return }
        for r in 0..<rows {
            let xr = x + r * ldx, yr = y + r * ldy
            var largest = xr[0]
            for c in 1..<cols where xr[c] > largest { largest = xr[c] }
            for c in 0..<cols { yr[c] = fastExp(xr[c] - largest) }
            let inverse = 1 / sum(cols, yr)
            for c in 0..<cols { yr[c] *= inverse }
        }
    }

    public static func softmaxBackwardRows(rows: Int, cols: Int, y: UnsafePointer<Self>, ldy: Int,
                                           gy: UnsafePointer<Self>, ldgy: Int, gx: UnsafeMutablePointer<Self>, ldgx: Int) {
        for r in 0..<rows {
            let yr = y + r * ldy, gyr = gy + r * ldgy, gxr = gx + r * ldgx
            let inner = dot(cols, gyr, yr)
            for c in 0..<cols { gxr[c] = yr[c] * (gyr[c] - inner) }
        }
    }

    public static func adamUpdate(_ n: Int, parameter: UnsafeMutablePointer<Self>, gradient: UnsafePointer<Self>,
                                  firstMoment: UnsafeMutablePointer<Self>, secondMoment: UnsafeMutablePointer<Self>,
                                  _ k: AdamCoefficients<Self>) {
        let oneMinusBeta1 = 1 - k.beta1, oneMinusBeta2 = 1 - k.beta2
        let coupledDecay = k.decoupledWeightDecay ? 0 : k.weightDecay
        let shrink = k.decoupledWeightDecay ? 1 - k.learningRate * k.weightDecay : 1
        for i in 0..<n {
            let p = parameter[i] * shrink
            let g = gradient[i] + coupledDecay * p
            let m = k.beta1 * firstMoment[i] + oneMinusBeta1 * g
            let v = k.beta2 * secondMoment[i] + oneMinusBeta2 * g * g
            firstMoment[i] = m
            secondMoment[i] = v
            let denominator = v.squareRoot() / k.secondCorrectionRoot + k.epsilon
            parameter[i] = p - k.stepSize * m / denominator
        }
    }
}

/// Sizes and leading dimensions shared by the activation-backward loops.
struct RowShape {
    var rows: Int, cols: Int, ldz: Int, lda: Int, ldga: Int, ldgz: Int
}
