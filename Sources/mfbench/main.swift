// mfbench: the Swift side of `scripts/bench`. Each suite prints one JSON object per line:
//   {"suite": "nn", "case": "train_w128", "metric": "steps_per_s", "value": 1234.5, "higher_is_better": true}
// and scripts/bench pairs those lines with the Python references' lines of the same suite/case.
import MixFlowOps
import Foundation

let suites: [String: () -> Void] = [
    "transport": runTransportSuite,
]

let requested = CommandLine.arguments.dropFirst()
let names = requested.isEmpty ? suites.keys.sorted() : Array(requested)
for name in names {
    guard let run = suites[name] else {
        print("mfbench: unknown suite '\(name)'; known: \(suites.keys.sorted().joined(separator: ", "))")
        exit(64)
    }
    run()
}
