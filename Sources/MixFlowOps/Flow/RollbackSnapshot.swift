/// Undo buffers for the last training step, so that a NaN or infinite loss at step s can put
/// the model back to the weights that last gave a finite loss (those after step s - 2 for the
/// groups step s - 1 updated).
///
/// Why per step and per group: an update is only applied after its loss and gradients were
/// checked finite, so weights never hold NaN; what can go wrong is that finite but wild
/// weights make the *next* forward pass overflow. Undoing exactly one update needs a copy of
/// the values and Adam moments of the groups that update changed, taken just before it: a
/// memcpy of about 3 x the group's parameters (0.5 MB for the default velocity field), small
/// next to the step's matrix products, and nothing is allocated after the first step.
final class GroupSnapshot {
    private var values: [Buffer<Float>] = []
    private var firstMoments: [Buffer<Float>] = []
    private var secondMoments: [Buffer<Float>] = []
    private var steps: [Int] = []

    /// Copies the optimiser's parameters and state.
    func capture(_ adam: Adam<Float>) {
        if values.count != adam.parameters.count {
            values = adam.parameters.map { Buffer(capacity: $0.count) }
            firstMoments = adam.parameters.map { Buffer(capacity: $0.count) }
            secondMoments = adam.parameters.map { Buffer(capacity: $0.count) }
        }
        for (i, p) in adam.parameters.enumerated() {
            values[i].pointer.update(from: p.valuePointer, count: p.count)
            firstMoments[i].pointer.update(from: adam.firstMoments[i].pointer, count: p.count)
            secondMoments[i].pointer.update(from: adam.secondMoments[i].pointer, count: p.count)
        }
        steps = adam.steps
    }

    /// Puts the captured parameters and state back.
    func restore(into adam: Adam<Float>) {
        precondition(values.count == adam.parameters.count, "rollback: snapshot of another optimiser")
        for (i, p) in adam.parameters.enumerated() {
            p.valuePointer.update(from: values[i].pointer, count: p.count)
            adam.firstMoments[i].pointer.update(from: firstMoments[i].pointer, count: p.count)
            adam.secondMoments[i].pointer.update(from: secondMoments[i].pointer, count: p.count)
        }
        adam.steps = steps
    }
}

/// The snapshots of the groups updated by one step.
final class RollbackSnapshot {
    private var snapshots: [ParameterGroup: GroupSnapshot] = [:]
    /// The step whose updates `restore` undoes, and the groups it updated.
    private(set) var step: Int?
    private(set) var groups: [ParameterGroup] = []

    /// Captures `groups` just before step `step` updates them.
    func capture(_ groups: [ParameterGroup], beforeStep step: Int, optimizer: (ParameterGroup) -> Adam<Float>) {
        for group in groups {
            let snapshot = snapshots[group] ?? GroupSnapshot()
            snapshot.capture(optimizer(group))
            snapshots[group] = snapshot
        }
        self.step = step
        self.groups = groups
    }

    /// Undoes the captured step's updates; returns false when there is nothing to undo.
    func restore(optimizer: (ParameterGroup) -> Adam<Float>) -> Bool {
        guard step != nil else { return false }
        for group in groups { snapshots[group]!.restore(into: optimizer(group)) }
        step = nil
        groups = []
        return true
    }

    /// Forgets the captured step (after anything else changed the weights).
    func invalidate() {
        step = nil
        groups = []
    }
}
