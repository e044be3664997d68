/// A scope of variables, linked to the scope it was created in.
///
/// Scoping rule (like Python, without `global`): the top level of a script and each call of a
/// user function have one scope each. Blocks (`if`, `for`, `{ }`) do not open scopes, so a
/// variable assigned inside a loop is visible after it and the loop variable keeps its last
/// value. Reading a name searches the current scope, then the scopes the function was defined
/// in, then the builtins. Assignment always binds in the current scope: a function can read
/// top-level variables but assigning to one creates a local of the same name.
public final class Environment {
    public let parent: Environment?
    private var variables: [String: Value] = [:]
    /// Names in the order they were first bound, for `:vars` and `:save`.
    private var order: [String] = []

    public init(parent: Environment? = nil) {
        self.parent = parent
    }

    /// The value bound to `name` here or in an enclosing scope.
    public func lookup(_ name: String) -> Value? {
        var scope: Environment? = self
        while let current = scope {
            if let value = current.variables[name] { return value }
            scope = current.parent
        }
        return nil
    }

    /// Binds `name` in this scope (creating or replacing it).
    public func assign(_ name: String, _ value: Value) {
        if variables.updateValue(value, forKey: name) == nil { order.append(name) }
    }

    /// The length of the list bound to `name` in this scope (not an enclosing one), else nil.
    func ownListCount(_ name: String) -> Int? {
        if case .list(let items)? = variables[name] { return items.count }
        return nil
    }

    /// Appends `item` to the list bound to `name` in this scope, in place: the binding is
    /// emptied first so the list's storage has one owner and grows without a copy.
    func appendToOwnList(_ name: String, _ item: Value) {
        guard case .list(var items)? = variables.updateValue(.nil, forKey: name) else { return }
        items.append(item)
        variables[name] = .list(items)
    }

    /// Removes a binding from this scope.
    public func remove(_ name: String) {
        guard variables.removeValue(forKey: name) != nil else { return }
        order.removeAll { $0 == name }
    }

    /// Removes every binding of this scope. Functions hold the scope they were defined in and
    /// the scope holds them, a reference cycle; emptying the top-level scope when a session
    /// ends (or resets) breaks the cycles of every top-level function.
    public func removeAll() {
        variables.removeAll()
        order.removeAll()
    }

    /// This scope's own bindings in the order they were first made.
    public var localBindings: [(name: String, value: Value)] {
        order.map { ($0, variables[$0]!) }
    }

    /// Every name visible from here (inner scopes first, no duplicates).
    public var visibleNames: [String] {
        var seen = Set<String>()
        var names: [String] = []
        var scope: Environment? = self
        while let current = scope {
            for name in current.order where seen.insert(name).inserted { names.append(name) }
            scope = current.parent
        }
        return names
    }
}
