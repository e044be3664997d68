import CZMQ
import Foundation
import Synchronization

/// The kernel's five sockets on one ZeroMQ context. Shell and stdin are served by the main
/// thread, control and heartbeat each by a thread of their own so an interrupt or a ping is
/// answered while code runs. IOPub is shared (the main thread's outputs, progress from whatever
/// thread reports it), so its sends are serialised by a lock.
final class KernelSockets: @unchecked Sendable {
    let context: UnsafeMutableRawPointer
    let shell: ZMQSocket
    let control: ZMQSocket
    let stdin: ZMQSocket
    let heartbeat: ZMQSocket
    private let iopub: ZMQSocket
    private let iopubLock = Mutex<Void>(())

    init(_ connection: KernelConnection) throws(ZMQSocket.Failure) {
        guard let context = zmq_ctx_new() else { throw .call("zmq_ctx_new", zmq_errno()) }
        self.context = context
        shell = try ZMQSocket(context: context, type: ZMQ_ROUTER)
        control = try ZMQSocket(context: context, type: ZMQ_ROUTER)
        stdin = try ZMQSocket(context: context, type: ZMQ_ROUTER)
        heartbeat = try ZMQSocket(context: context, type: ZMQ_REP)
        iopub = try ZMQSocket(context: context, type: ZMQ_PUB)
        try shell.bind(connection.address(connection.shellPort))
        try control.bind(connection.address(connection.controlPort))
        try stdin.bind(connection.address(connection.stdinPort))
        try heartbeat.bind(connection.address(connection.heartbeatPort))
        try iopub.bind(connection.address(connection.iopubPort))
    }

    /// Publishes frames on IOPub (topic frame first, as subscribers filter on it).
    func publish(_ frames: [[UInt8]]) {
        iopubLock.withLock { _ in
            do {
                try iopub.send(frames)
            } catch {
                kernelLog("cannot publish: \(error)")
            }
        }
    }

    /// Echoes heartbeat pings until the context shuts down.
    func serveHeartbeat() {
        while true {
            do {
                try heartbeat.send(try heartbeat.receive())
            } catch {
                break
            }
        }
        heartbeat.close()
    }

    /// Makes every blocking call on the other threads return, closes the main thread's sockets
    /// and waits (up to each socket's linger) for queued replies to go out.
    func shutDown() {
        zmq_ctx_shutdown(context)
        for socket in [shell, stdin, iopub] { socket.close() }
        zmq_ctx_term(context)
    }
}
