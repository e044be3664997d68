import Foundation
import Runtime

/// The control channel, on a thread of its own so it is served while code runs:
/// `interrupt_request` asks the running code to stop at its next safe point (as Ctrl-C does in
/// the REPL: a training keeps its last whole step), `shutdown_request` ends the kernel.
final class KernelControl: @unchecked Sendable {
    let sockets: KernelSockets
    let signer: MessageSigner
    let session: String

    init(sockets: KernelSockets, signer: MessageSigner, session: String) {
        self.sockets = sockets
        self.signer = signer
        self.session = session
    }

    func serve() {
        while true {
            let frames: [[UInt8]]
            do {
                frames = try sockets.control.receive()
            } catch {
                break
            }
            guard let request = try? JupyterMessage.decode(frames, signer: signer) else {
                kernelLog("dropped a malformed or wrongly signed control message")
                continue
            }
            switch request.type {
            case "interrupt_request":
                Interrupt.request()
                reply(request, ["status": "ok"])
            case "shutdown_request":
                reply(request, ["status": "ok", "restart": request.content["restart"] as? Bool ?? false])
                Interrupt.request()
                Kernel.shutdownRequested.store(true, ordering: .relaxed)
            case "kernel_info_request":
                reply(request, KernelInfo.content())
            default:
                kernelLog("ignored a '\(request.type)' control message")
            }
        }
        sockets.control.close()
    }

    private func reply(_ request: JupyterMessage, _ content: [String: Any]) {
        let type = request.type.replacingOccurrences(of: "_request", with: "_reply")
        let message = JupyterMessage.make(type, content: content, parent: request, session: session)
        try? sockets.control.send(message.encode(signer: signer))
    }
}
