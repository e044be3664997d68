// Default (generic) implementations of the elementwise kernels of `KernelScalar`. They are
// specialised for Float and Double inside each conformance's witness; loops run over raw
// pointers with no bounds checks so the compiler can vectorise them.

extension KernelScalar {
    public static func fill(_ n: Int, _ value: Self, _ x: UnsafeMutablePointer<Self>) {
        for i in 0..<n { x[i] = value }
    }

    public static func scale(_ n: Int, _ alpha: Self, _ x: UnsafeMutablePointer<Self>) {
        for i in 0..<n { x[i] *= alpha }
    }

    public static func axpy(_ n: Int, _ alpha: Self, _ x: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>) {
        for i in 0..<n { y[i] = alpha * x[i] + y[i] }
    }

    public static func multiplyInPlace(_ n: Int, _ x: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>) {
        for i in 0..<n { y[i] *= x[i] }
    }

    public static func mapExp(_ n: Int, _ x: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>) {
        for i in 0..<n { y[i] = fastExp(x[i]) }
    }

    public static func copy2D(rows: Int, cols: Int, _ src: UnsafePointer<Self>, lds: Int,
                              _ dst: UnsafeMutablePointer<Self>, ldd: Int) {
        if lds == cols && ldd == cols {
            dst.update(from: src, count: rows * cols)
            return
        }
        for r in 0..<rows { (dst + r * ldd).update(from: src + r * lds, count: cols) }
    }

    public static func fill2D(rows: Int, cols: Int, _ value: Self, _ dst: UnsafeMutablePointer<Self>, ldd: Int) {
        if ldd == cols {
            fill(rows * cols, value, dst)
            return
        }
        for r in 0..<rows {
            let row = dst + r * ldd
            for c in 0..<cols { row[c] = value }
        }
    }
}
