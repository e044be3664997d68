import CZMQ
import Foundation

/// One ZeroMQ socket: bind, send and receive multipart messages (frames of bytes). A socket
/// belongs to one thread at a time; the context is shared.
final class ZMQSocket: @unchecked Sendable {
    enum Failure: Error, CustomStringConvertible {
        case call(String, Int32)
        /// The context is shutting down (`zmq_ctx_shutdown`): close the socket and stop.
        case terminated

        var description: String {
            switch self {
            case let .call(name, code): return "\(name) failed: \(String(cString: zmq_strerror(code)))"
            case .terminated: return "the kernel is shutting down"
            }
        }
    }

    /// Frames larger than this are refused by ZeroMQ before they reach us (a hostile or broken
    /// client cannot make the kernel allocate without bound).
    static let maxMessageBytes: Int64 = 256 << 20

    let handle: UnsafeMutableRawPointer

    init(context: UnsafeMutableRawPointer, type: Int32) throws(Failure) {
        guard let socket = zmq_socket(context, type) else { throw .call("zmq_socket", zmq_errno()) }
        handle = socket
        var limit = ZMQSocket.maxMessageBytes
        zmq_setsockopt(handle, ZMQ_MAXMSGSIZE, &limit, MemoryLayout<Int64>.size)
        // Unsent replies get a second on close: a shutdown reply must reach the client.
        var linger: Int32 = 1000
        zmq_setsockopt(handle, ZMQ_LINGER, &linger, MemoryLayout<Int32>.size)
    }

    func bind(_ address: String) throws(Failure) {
        guard zmq_bind(handle, address) == 0 else { throw .call("binding \(address)", zmq_errno()) }
    }

    func close() { zmq_close(handle) }

    /// Sends `frames` as one multipart message.
    func send(_ frames: [[UInt8]]) throws(Failure) {
        for (index, frame) in frames.enumerated() {
            let flags = index < frames.count - 1 ? ZMQ_SNDMORE : 0
            let sent = frame.withUnsafeBytes { zmq_send(handle, $0.baseAddress, $0.count, flags) }
            if sent < 0 { throw ZMQSocket.failure("zmq_send") }
        }
    }

    /// Receives one multipart message, waiting for it; retries when a signal interrupts the wait.
    func receive() throws(Failure) -> [[UInt8]] {
        var frames: [[UInt8]] = []
        var message = zmq_msg_t()
        zmq_msg_init(&message)
        defer { zmq_msg_close(&message) }
        while true {
            if zmq_msg_recv(&message, handle, 0) < 0 {
                if zmq_errno() == EINTR { continue }
                throw ZMQSocket.failure("zmq_msg_recv")
            }
            let size = zmq_msg_size(&message)
            let bytes = zmq_msg_data(&message).map { Array(UnsafeRawBufferPointer(start: $0, count: size)) } ?? []
            frames.append(bytes)
            if zmq_msg_more(&message) == 0 { return frames }
        }
    }

    /// Waits up to `milliseconds` (-1: forever) for a message on any of `sockets`; returns the
    /// indices of those ready. A signal ends the wait early with none ready.
    static func poll(_ sockets: [ZMQSocket], milliseconds: Int) throws(Failure) -> [Int] {
        var items = sockets.map { zmq_pollitem_t(socket: $0.handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0) }
        let ready = zmq_poll(&items, Int32(items.count), milliseconds)
        if ready < 0 {
            if zmq_errno() == EINTR { return [] }
            throw failure("zmq_poll")
        }
        return items.indices.filter { items[$0].revents & Int16(ZMQ_POLLIN) != 0 }
    }

    private static func failure(_ call: String) -> Failure {
        let code = zmq_errno()
        return code == ETERM ? .terminated : .call(call, code)
    }
}
