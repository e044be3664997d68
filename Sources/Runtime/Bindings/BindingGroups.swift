// Adding commands: write `Bindings/<Topic>.swift` with
//
//     enum PlotBindings {
//         static func register(into registry: inout BuiltinRegistry) {
//             registry.add("plot", category: .plot, parameters: [...], summary: "...",
//                          help: "...\n\n    plot gen to=\"out.svg\"", returns: "a plot") { context, args in
//                 ...
//             }
//         }
//     }
//
// and list it below. A complete worked example (a domain object, a kernel polling
// `context.shouldStop` and throwing `Cancelled`, a progress bar, seeds from the session) is
// Tests/RuntimeTests/BindingExampleTests.swift.
extension BuiltinRegistry {
    /// Every binding group, in the order their commands appear in `help` and the reference.
    /// A new group (Data, Metrics, Models, Plot, ...) adds one line here.
    static var bindingGroups: [(inout BuiltinRegistry) -> Void] {
        [
            CoreBindings.register,
            MathBindings.register,
            ListBindings.register,
            SessionBindings.register,
            DataBindings.register,
            MetricsBindings.register,
            PlotBindings.register,
            SaveBindings.register,
            ModelBindings.register,
        ]
    }
}
