import Foundation
import Lang
import MixFlowOps
import Runtime
import Synchronization

/// `mfsh kernel -f CONNECTION.json`: a Jupyter kernel (messaging protocol 5.3) over one
/// interpreter session, like the REPL's. The main thread serves the shell socket and runs code;
/// the control thread answers `interrupt_request` (the same stop as Ctrl-C in the REPL) and
/// `shutdown_request` while code runs; the heartbeat thread echoes pings.
final class Kernel {
    let sockets: KernelSockets
    let signer: MessageSigner
    let session = UUID().uuidString.lowercased()
    let interpreter: Interpreter
    let output: KernelOutput
    /// The request being handled, parent of every IOPub message sent meanwhile.
    var currentRequest: JupyterMessage?
    var executionCount = 0
    /// While a `silent` execute request runs, its outputs are not broadcast (protocol 5.3).
    var silent = false
    static let shutdownRequested = Atomic<Bool>(false)

    init(connection: KernelConnection) throws(ZMQSocket.Failure) {
        sockets = try KernelSockets(connection)
        signer = MessageSigner(key: Array(connection.key.utf8))
        var publishHook: ((String, [String: Any]) -> Void)?
        output = KernelOutput { type, content in publishHook?(type, content) }
        interpreter = Interpreter(output: output)
        publishHook = { [unowned self] type, content in
            if !self.silent { self.publish(type, content, parent: self.currentRequest) }
        }
    }

    static func run(connectionFile: String, terminal: TerminalOutput) -> Int32 {
        let connection: KernelConnection
        do {
            connection = try KernelConnection.read(connectionFile)
        } catch {
            terminal.writeError("mfsh kernel: \(error)\n")
            return 66
        }
        let kernel: Kernel
        do {
            kernel = try Kernel(connection: connection)
        } catch {
            terminal.writeError("mfsh kernel: \(error)\n")
            return 69
        }
        return kernel.serve()
    }

    /// Serves requests until a shutdown request; returns the exit status.
    func serve() -> Int32 {
        let sockets = self.sockets
        let control = KernelControl(sockets: sockets, signer: signer, session: session)
        Thread.detachNewThread { sockets.serveHeartbeat() }
        Thread.detachNewThread { control.serve() }
        SignalHandling.installPromptHandler()
        publish("status", ["execution_state": "starting"], parent: nil)
        while !Kernel.shutdownRequested.load(ordering: .relaxed) {
            do {
                // The timeout only lets the loop notice a shutdown asked on the control thread.
                let ready = try ZMQSocket.poll([sockets.shell, sockets.stdin], milliseconds: 100)
                if ready.contains(0) { handle(try sockets.shell.receive()) }
                if ready.contains(1) { _ = try sockets.stdin.receive() }
            } catch {
                if case .terminated = error { break }
                kernelLog("\(error)")
            }
        }
        sockets.shutDown()
        return 0
    }

    private func handle(_ frames: [[UInt8]]) {
        let request: JupyterMessage
        do {
            request = try JupyterMessage.decode(frames, signer: signer)
        } catch {
            kernelLog("dropped a \(error)")
            return
        }
        currentRequest = request
        defer { currentRequest = nil }
        publish("status", ["execution_state": "busy"], parent: request)
        defer { publish("status", ["execution_state": "idle"], parent: request) }
        switch request.type {
        case "kernel_info_request": reply(request, KernelInfo.content())
        case "execute_request": execute(request)
        case "complete_request": reply(request, complete(request.content))
        case "inspect_request": reply(request, inspect(request.content))
        case "is_complete_request": reply(request, isComplete(request.content))
        case "history_request": reply(request, ["status": "ok", "history": [Any]()])
        case "comm_info_request": reply(request, ["status": "ok", "comms": [String: Any]()])
        case "shutdown_request":
            reply(request, ["status": "ok", "restart": request.content["restart"] as? Bool ?? false])
            Kernel.shutdownRequested.store(true, ordering: .relaxed)
        default:
            kernelLog("ignored a '\(request.type)' message (not supported)")
        }
    }

    /// Sends the reply to `request` on the shell socket (`x_request` gets `x_reply`).
    func reply(_ request: JupyterMessage, _ content: [String: Any]) {
        let type = request.type.replacingOccurrences(of: "_request", with: "_reply")
        let message = JupyterMessage.make(type, content: content, parent: request, session: session)
        do {
            try sockets.shell.send(message.encode(signer: signer))
        } catch {
            kernelLog("cannot reply: \(error)")
        }
    }

    func publish(_ type: String, _ content: [String: Any], parent: JupyterMessage?) {
        let message = JupyterMessage.make(type, content: content, parent: parent, session: session, identities: [Array(type.utf8)])
        sockets.publish(message.encode(signer: signer))
    }
}

/// What `kernel_info_request` answers.
enum KernelInfo {
    static func content() -> [String: Any] {
        [
            "status": "ok", "protocol_version": JupyterMessage.protocolVersion,
            "implementation": "mfsh", "implementation_version": MfshVersion.string,
            "language_info": [
                "name": "mf", "version": MfshVersion.string, "mimetype": "text/x-mfsh", "file_extension": ".mf",
            ] as [String: Any],
            "banner": "mfsh \(MfshVersion.string) — the MixFlow shell\nBLAS: \(BLASEnvironment.current().summary)\n'help' lists commands; ?NAME explains one",
            "help_links": [Any](),
        ]
    }
}
