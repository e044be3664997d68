import Foundation

/// A Jupyter message (messaging protocol v5.3) as it crosses a socket:
/// `[identities…, "<IDS|MSG>", signature, header, parent_header, metadata, content, buffers…]`.
struct JupyterMessage {
    static let delimiter = Array("<IDS|MSG>".utf8)
    static let protocolVersion = "5.3"

    /// Routing identities of the sender (ROUTER sockets), sent back with each reply.
    var identities: [[UInt8]]
    var header: [String: Any]
    var parentHeader: [String: Any]
    var metadata: [String: Any]
    var content: [String: Any]

    var type: String { header["msg_type"] as? String ?? "" }

    enum Problem: Error, CustomStringConvertible {
        case malformed(String)
        case badSignature

        var description: String {
            switch self {
            case .malformed(let why): return "malformed message: \(why)"
            case .badSignature: return "message with a wrong signature (not from the client that holds the key)"
            }
        }
    }

    /// Decodes received frames, checking the signature before anything is parsed.
    static func decode(_ frames: [[UInt8]], signer: MessageSigner) throws(Problem) -> JupyterMessage {
        guard let split = frames.firstIndex(of: delimiter) else { throw .malformed("no <IDS|MSG> delimiter") }
        let parts = Array(frames[(split + 1)...])
        guard parts.count >= 5 else { throw .malformed("\(parts.count) frames after the delimiter, expected at least 5") }
        guard signer.verifies(parts[0], Array(parts[1...4])) else { throw .badSignature }
        func object(_ frame: [UInt8], _ name: String) throws(Problem) -> [String: Any] {
            guard let value = try? JSONSerialization.jsonObject(with: Data(frame)) as? [String: Any] else {
                throw .malformed("\(name) is not a JSON object")
            }
            return value
        }
        return JupyterMessage(identities: Array(frames[..<split]), header: try object(parts[1], "header"),
                              parentHeader: try object(parts[2], "parent_header"),
                              metadata: try object(parts[3], "metadata"), content: try object(parts[4], "content"))
    }

    /// A new message of `type` in reply to (or caused by) `parent`.
    static func make(_ type: String, content: [String: Any], parent: JupyterMessage?, session: String,
                     identities: [[UInt8]]? = nil) -> JupyterMessage {
        let header: [String: Any] = [
            "msg_id": UUID().uuidString.lowercased(), "session": session, "username": "mfsh",
            "date": timestamp(), "msg_type": type, "version": protocolVersion,
        ]
        return JupyterMessage(identities: identities ?? parent?.identities ?? [], header: header,
                              parentHeader: parent?.header ?? [:], metadata: [:], content: content)
    }

    func encode(signer: MessageSigner) -> [[UInt8]] {
        let body = [header, parentHeader, metadata, content].map(JupyterMessage.json)
        return identities + [JupyterMessage.delimiter, Array(signer.signature(body).utf8)] + body
    }

    /// JSON bytes; the values are built from strings, numbers, booleans, arrays and dictionaries
    /// only, so serialization cannot fail.
    static func json(_ object: [String: Any]) -> [UInt8] {
        Array(try! JSONSerialization.data(withJSONObject: object, options: [.withoutEscapingSlashes]))
    }

    private static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}
