extension BuiltinRegistry {
    /// Every binding group, in the order their commands appear in `help` and the reference.
    /// A new group (Data, Metrics, Models, Plot, ...) adds one line here.
    static var bindingGroups: [(inout BuiltinRegistry) -> Void] {
        [
            CoreBindings.register,
            MathBindings.register,
            ListBindings.register,
            SessionBindings.register,
        ]
    }
}
