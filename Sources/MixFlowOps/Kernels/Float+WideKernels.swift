import CKernels
import CStartup

/// Whether this CPU (and its OS) runs the AVX-512 kernels of CKernels; read once.
enum WideKernels {
    static let available: Bool = {
        #if arch(x86_64)
        return MF_HAVE_AVX512_KERNELS != 0 && mf_cpu_features_read().avx512f
        #else
        return false
        #endif
    }()
}

extension Float {
    /// ELU without bias (what the MLP's hidden layers run, forward and in sampling) goes to the
    /// AVX-512 kernel when the CPU has it: the Swift loop is compiled for AVX2, and the exp
    /// polynomial is a tenth of a width-128 training step's CPU time. Same bits either way
    /// (FloatWideKernelTests); everything else takes the Swift loops.
    public static func activationForward(_ f: Activation, rows: Int, cols: Int, z: UnsafeMutablePointer<Float>,
                                         ldz: Int, bias: UnsafePointer<Float>?, out: UnsafeMutablePointer<Float>, ldo: Int) {
        #if arch(x86_64)
        if case let .elu(alpha) = f, bias == nil, WideKernels.available, rows > 0, cols > 0 {
            mf_elu_forward_f32_avx512(rows, cols, z, ldz, out, ldo, Float(alpha))
            return
        }
        #endif
        portableActivationForward(f, rows: rows, cols: cols, z: z, ldz: ldz, bias: bias, out: out, ldo: ldo)
    }
}
