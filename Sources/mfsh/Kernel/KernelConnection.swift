import Foundation

/// The connection file Jupyter hands a kernel (`mfsh kernel -f FILE`): where to bind the five
/// sockets and the key that signs messages.
struct KernelConnection {
    var transport: String
    var ip: String
    var shellPort: Int
    var iopubPort: Int
    var stdinPort: Int
    var controlPort: Int
    var heartbeatPort: Int
    var key: String

    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    /// Reads and checks the file; connection files are small, so a large one is refused unread.
    static func read(_ path: String) throws(Problem) -> KernelConnection {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard let size = attributes?[.size] as? Int else { throw Problem(description: "cannot read connection file '\(path)'") }
        guard size <= 64 * 1024 else { throw Problem(description: "connection file '\(path)' is \(size) bytes; expected a small JSON object") }
        guard let data = FileManager.default.contents(atPath: path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Problem(description: "connection file '\(path)' is not a JSON object")
        }
        return try parse(object, path: path)
    }

    static func parse(_ object: [String: Any], path: String) throws(Problem) -> KernelConnection {
        func port(_ name: String) throws(Problem) -> Int {
            guard let value = object[name] as? Int, (1...65535).contains(value) else {
                throw Problem(description: "connection file '\(path)': '\(name)' must be a port number 1-65535")
            }
            return value
        }
        let scheme = object["signature_scheme"] as? String ?? "hmac-sha256"
        let key = object["key"] as? String ?? ""
        guard key.isEmpty || scheme == "hmac-sha256" else {
            throw Problem(description: "connection file '\(path)': signature scheme '\(scheme)' is not supported; use hmac-sha256")
        }
        let transport = object["transport"] as? String ?? "tcp"
        guard transport == "tcp" || transport == "ipc" else {
            throw Problem(description: "connection file '\(path)': transport '\(transport)' is not supported; use tcp or ipc")
        }
        return KernelConnection(transport: transport, ip: object["ip"] as? String ?? "127.0.0.1",
                                shellPort: try port("shell_port"), iopubPort: try port("iopub_port"),
                                stdinPort: try port("stdin_port"), controlPort: try port("control_port"),
                                heartbeatPort: try port("hb_port"), key: key)
    }

    /// The ZeroMQ address of a port: `tcp://IP:PORT`, or for ipc the file `IP-PORT`.
    func address(_ port: Int) -> String {
        transport == "ipc" ? "ipc://\(ip)-\(port)" : "tcp://\(ip):\(port)"
    }
}
