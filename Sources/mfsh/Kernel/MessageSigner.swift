import CCrypto

/// The HMAC-SHA256 signature of Jupyter messages: over the header, parent header, metadata and
/// content frames, as lowercase hex. An empty key means messages are not signed.
struct MessageSigner {
    let key: [UInt8]

    func signature(_ frames: [[UInt8]]) -> String {
        guard !key.isEmpty else { return "" }
        let data = frames.flatMap { $0 }
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = key.withUnsafeBytes { keyBytes in
            data.withUnsafeBytes { dataBytes in
                HMAC(EVP_sha256(), keyBytes.baseAddress, Int32(keyBytes.count), dataBytes.bindMemory(to: UInt8.self).baseAddress,
                     dataBytes.count, &digest, &length) != nil
            }
        }
        precondition(ok, "HMAC-SHA256 failed in libcrypto")
        return digest.prefix(Int(length)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// True when `signature` is the one for `frames`, compared in constant time.
    func verifies(_ signature: [UInt8], _ frames: [[UInt8]]) -> Bool {
        if key.isEmpty { return true }
        let expected = Array(self.signature(frames).utf8)
        guard expected.count == signature.count else { return false }
        return expected.withUnsafeBytes { a in signature.withUnsafeBytes { b in CRYPTO_memcmp(a.baseAddress, b.baseAddress, a.count) == 0 } }
    }
}
