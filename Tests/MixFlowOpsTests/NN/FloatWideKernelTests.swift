import XCTest
@testable import MixFlowOps

/// The AVX-512 ELU kernel (CKernels) against the Swift loop it replaces: the same bits for every
/// input class (both signs of zero, subnormals, the exp clamps, infinities, NaN), for row
/// widths that do and do not fill whole vectors, with padded leading dimensions and in place.
final class FloatWideKernelTests: XCTestCase {
    private func inputs() -> [Float] {
        var values: [Float] = [0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude,
                               -1e-8, 1e-8, -1, 1, -87.33, -87.329994, -87.33001, -88, -100, -1e30,
                               88.37, 88.369995, 88.37001, 89, 1e30, .infinity, -.infinity, .nan, -.nan,
                               .greatestFiniteMagnitude, -.greatestFiniteMagnitude]
        var random = RandomStream(seed: 13)
        for _ in 0..<20_000 {
            let u = Float.unitUniform(random.next())
            values.append(200 * u - 100)                      // the whole clamp range
            values.append(8 * u - 6)                          // where activations live
            values.append(Float(bitPattern: UInt32(truncatingIfNeeded: random.next())))   // any bit pattern
        }
        return values
    }

    private func sameBits(_ a: Float, _ b: Float) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }

    func testELUForwardGivesTheSwiftLoopsBits() throws {
        guard WideKernels.available else { throw XCTSkip("this CPU has no AVX-512F: the Swift loop is the only ELU kernel") }
        let values = inputs()
        for alpha in [1.0, 0.7] {
            for cols in [1, 15, 16, 17, 37, 128, 256] {
                let ld = cols + 3, rows = (values.count + cols - 1) / cols
                var z = [Float](repeating: 0, count: rows * ld)
                for (i, v) in values.enumerated() { z[(i / cols) * ld + i % cols] = v }
                var wide = [Float](repeating: 42, count: rows * ld), swift = wide
                Float.activationForward(.elu(alpha: alpha), rows: rows, cols: cols, z: &z, ldz: ld, bias: nil, out: &wide, ldo: ld)
                Float.portableActivationForward(.elu(alpha: alpha), rows: rows, cols: cols, z: &z, ldz: ld, bias: nil,
                                                out: &swift, ldo: ld)
                let differing = zip(wide, swift).filter { !sameBits($0, $1) }.count
                XCTAssertEqual(differing, 0, "alpha \(alpha), \(cols) columns")
                // The padding columns are not written.
                XCTAssertTrue((0..<rows).allSatisfy { r in (cols..<ld).allSatisfy { wide[r * ld + $0] == 42 } })
                // In place (out = z) gives the same.
                z.withUnsafeMutableBufferPointer { p in
                    Float.activationForward(.elu(alpha: alpha), rows: rows, cols: cols, z: p.baseAddress!, ldz: ld, bias: nil,
                                            out: p.baseAddress!, ldo: ld)
                }
                XCTAssertTrue(zip(z, swift).enumerated().allSatisfy { i, pair in i % ld >= cols || sameBits(pair.0, pair.1) })
            }
        }
    }
}
