import MixFlowOps

/// Draws `train`'s progress bar from the trainer's events: phase, step, recent L_OT (and L_geo
/// for mixflow), steps per second and time left on a terminal; one summary line otherwise.
final class TrainingProgressReporter {
    private let context: CallContext
    private let task: String
    private let enabled: Bool
    private let showsGeometry: Bool
    private var bar: ProgressBar?

    init(_ context: CallContext, task: String, enabled: Bool, showsGeometry: Bool) {
        self.context = context
        self.task = task
        self.enabled = enabled
        self.showsGeometry = showsGeometry
    }

    func observe(_ event: TrainingEvent) {
        switch event {
        case let .started(plan, _):
            guard enabled, plan.totalSteps > 0 else { return }
            bar = context.progress(task, total: plan.totalSteps, phase: plan.phases.first?.phase.description ?? "")
        case .progress(let progress):
            var losses: [(String, Double)] = []
            if let ot = progress.recentLossOT { losses.append(("L_OT", ot)) }
            if showsGeometry, let geo = progress.recentLossGeo { losses.append(("L_geo", geo)) }
            bar?.update(step: progress.stepsDone, phase: progress.phase.description, losses: losses)
        case .finished:
            bar?.finish()
        }
    }

    /// Ends the bar of a run Ctrl-C stopped after `stepsDone` steps.
    func stopped(stepsDone: Int) {
        bar?.update(step: stepsDone)
        bar?.finish(stopped: true)
    }
}
