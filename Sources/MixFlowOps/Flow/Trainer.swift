import Foundation

extension FlowModel {
    /// Trains on `data` (its conditions with points) by `options.schedule` (design section 4).
    ///
    /// The first call builds the networks (D and the descriptor width from `data`; MixFlow's
    /// h_theta pretrained to the k-means centres); later calls continue: the step counter,
    /// optimiser state and history go on, and the data must have the same D and descriptor width.
    ///
    /// - `shouldStop` is polled before every step. When it asks, the model keeps the weights and
    ///   history of its last whole step and `Cancelled` says where training stopped; calling
    ///   `train` again continues from there.
    /// - A NaN or infinite loss or gradient stops training with `FlowError.nonFiniteLoss` /
    ///   `.nonFiniteGradient` naming the step and phase; the last update is undone, so the model
    ///   holds the weights that last gave a finite loss, and its history ends at that step.
    /// - `observer` gets `started`, `progress` (every `progressInterval` steps, at phase
    ///   changes and at the end) and `finished` events.
    @discardableResult
    public func train(on data: Dataset, options: TrainingOptions, shouldStop: ShouldStop = neverStop,
                      observer: TrainingObserver? = nil) throws -> TrainingReport {
        try options.validate()
        let plan = try TrainingPlan(schedule: options.schedule, method: method, baseEvery: options.baseEvery)
        try checkTrainingData(data)
        let setupStart = Date()
        // The first call fits the units; later calls train in them, whatever their own points' spread.
        let firstLayout = networks == nil ? DataLayout(data, standardization: self.options.standardize ? .fit(data.points) : nil) : nil
        let data = (firstLayout ?? layout)?.modelUnits(data) ?? data
        if let firstLayout { try initialize(for: data, layout: firstLayout) }
        let networks = try trainedNetworks()
        layout?.remember(data.conditions.indices.filter { !data.pointIndices[$0].isEmpty }.map { data.conditions[$0] })
        configureOptimizers(networks, options)
        keepAverage(networks, decay: options.averageDecay)
        let sampler = try BatchSampler(data: data, conditionsPerStep: options.conditionsPerStep,
                                       pointsPerCondition: options.pointsPerCondition)
        let stepper = TrainingStepper(networks: networks, sampler: sampler, pools: PairingPools(options, pairing: self.options.pairing),
                                      pairing: self.options.pairing,
                                      encoderTraining: self.options.encoderTraining)
        var run = TrainingRun(plan: plan, firstStep: completedSteps + 1, startSeconds: history.seconds,
                              setupSeconds: Date().timeIntervalSince(setupStart), interval: options.progressInterval)
        observer?(.started(plan: plan, firstStep: run.firstStep))
        for index in 0..<plan.totalSteps {
            let (phase, update) = plan.step(index)
            if shouldStop() {
                throw Cancelled("training step \(completedSteps + 1) (\(index + 1) of \(plan.totalSteps), \(phase)); "
                                + "'\(name)' keeps the weights of step \(completedSteps)")
            }
            scaleLearningRates(networks, options, by: options.learningRateSchedule.factor(step: index, of: plan.totalSteps))
            let record = try trainStep(stepper, phase: phase, update: update, run: run)
            history.append(record)
            run.completed(index + 1)
            if run.isProgressDue(index + 1, nextPhase: index + 1 < plan.totalSteps ? plan.step(index + 1).phase : nil, phase: phase) {
                observer?(.progress(run.progress(phase: phase, history: history)))
            }
        }
        let report = run.report(history: history)
        observer?(.finished(report))
        return report
    }

    /// One step: losses and gradients, finiteness checks, snapshot, updates.
    private func trainStep(_ stepper: TrainingStepper, phase: TrainingPhase, update: StepUpdate,
                           run: TrainingRun) throws -> TrainingRecord {
        let networks = stepper.networks, step = completedSteps + 1
        let mode: NetworkMode = phase == .cooldown ? .eval : .train
        networks.setModes(conditioning: mode, velocity: mode)
        let seed = stepRandom(step)
        networks.seedDropout(seed)
        var random = seed.stream(0)
        let losses: StepLosses
        do {
            losses = try stepper.run(update, random: &random)
        } catch let error as TransportError {
            // x1 was checked finite before training, so a non-finite x0 (base draw) is the cause.
            throw failure(step: step, phase: phase, loss: "the base draw x0 (\(error))", value: .nan)
        }
        for (label, value) in [("L_OT", losses.flow), ("L_geo", losses.geometry)] where !value.isFinite {
            throw failure(step: step, phase: phase, loss: label, value: value)
        }
        let groups = stepper.groups(for: update)
        for group in groups where !gradientIsFinite(optimizer(group, networks)) {
            let restored = undoLastStep(networks)
            throw FlowError.nonFiniteGradient(step: step, phase: phase, group: group.rawValue, restoredStep: restored)
        }
        rollback.capture(groups, beforeStep: step) { optimizer($0, networks) }
        for group in groups { optimizer(group, networks).step() }
        average?.update()
        return TrainingRecord(step: step, phase: phase, update: update, lossOT: losses.flow,
                              lossGeo: losses.geometry, seconds: run.secondsNow())
    }

    /// Undoes the last step and builds the error for a non-finite loss at `step`.
    private func failure(step: Int, phase: TrainingPhase, loss: String, value: Double) -> FlowError {
        let restored = networks.map(undoLastStep) ?? completedSteps
        return FlowError.nonFiniteLoss(step: step, phase: phase, loss: loss, value: value, restoredStep: restored)
    }

    /// Restores the weights from before the last completed step's update (when its snapshot is
    /// still current) and drops its record; returns the step the model now ends at.
    private func undoLastStep(_ networks: FlowNetworks<Float>) -> Int {
        if rollback.step == completedSteps, rollback.restore(optimizer: { optimizer($0, networks) }) {
            history.removeLast()
        }
        // The average has taken in the wild weights that led here: start it again at the
        // restored ones, so sampling never reads what the rollback removed.
        average = average?.restarted()
        return completedSteps
    }

    private func optimizer(_ group: ParameterGroup, _ networks: FlowNetworks<Float>) -> Adam<Float> {
        switch group {
        case .velocity: return networks.velocityOptimizer
        case .encoder: return networks.encoderOptimizer
        case .base: return networks.baseOptimizer!
        }
    }

    private func gradientIsFinite(_ adam: Adam<Float>) -> Bool {
        adam.parameters.allSatisfy { Float.sumOfSquares($0.count, $0.gradientPointer).isFinite }
    }

    /// Starts a moving average of the weights at their current values, or keeps the one a
    /// previous call with the same decay left (a continued run goes on averaging); decay 0 drops it.
    private func keepAverage(_ networks: FlowNetworks<Float>, decay: Double) {
        if decay == 0 { average = nil; return }
        if average?.decay != decay { average = WeightAverage(parameters: networks.parameters, decay: decay) }
    }

    /// Learning rates and betas of this run. The encoder follows the base optimiser for
    /// MixFlow and the velocity optimiser for CFM (it is then part of the flow network).
    private func configureOptimizers(_ networks: FlowNetworks<Float>, _ options: TrainingOptions) {
        networks.velocityOptimizer.options = options.velocityOptimizer
        networks.baseOptimizer?.options = options.baseOptimizer
        networks.encoderOptimizer.options = method == .cfm ? options.velocityOptimizer : options.baseOptimizer
    }

    /// Every optimiser's learning rate set to `factor` times this run's rate for it.
    private func scaleLearningRates(_ networks: FlowNetworks<Float>, _ options: TrainingOptions, by factor: Double) {
        networks.velocityOptimizer.options.learningRate = options.velocityOptimizer.learningRate * factor
        networks.baseOptimizer?.options.learningRate = options.baseOptimizer.learningRate * factor
        let encoder = method == .cfm ? options.velocityOptimizer : options.baseOptimizer
        networks.encoderOptimizer.options.learningRate = encoder.learningRate * factor
    }

    /// Same D and descriptor width as before; every point finite.
    private func checkTrainingData(_ data: Dataset) throws(FlowError) {
        if let layout {
            guard data.dimension == layout.dimension else {
                throw FlowError.dimensionMismatch(model: name, expected: layout.dimension, found: data.dimension)
            }
            try checkDescriptors(data.conditions, layout: layout)
        }
        if let row = data.points.firstNonFiniteRow() {
            throw FlowError.nonFiniteData(dataset: data.name, condition: data.conditions[data.conditionOfPoint[row]].name, row: row)
        }
        guard data.counts.contains(where: { $0 > 0 }) else { throw FlowError.noTrainingPoints(dataset: data.name) }
    }
}

/// Timing and progress bookkeeping of one `train` call.
struct TrainingRun {
    let plan: TrainingPlan
    let firstStep: Int
    let startSeconds: Double
    let setupSeconds: Double
    let interval: Int
    let start = Date()
    var stepsDone = 0

    mutating func completed(_ steps: Int) { stepsDone = steps }

    /// Cumulative training seconds of the model now.
    func secondsNow() -> Double { startSeconds + Date().timeIntervalSince(start) }

    func isProgressDue(_ done: Int, nextPhase: TrainingPhase?, phase: TrainingPhase) -> Bool {
        done % interval == 0 || nextPhase != phase
    }

    func progress(phase: TrainingPhase, history: TrainingHistory) -> TrainingProgress {
        let elapsed = Date().timeIntervalSince(start)
        let rate = elapsed > 0 ? Double(stepsDone) / elapsed : 0
        let recent = history.recentLosses(window: interval)
        return TrainingProgress(phase: phase, stepsDone: stepsDone, totalSteps: plan.totalSteps, globalStep: history.count,
                                recentLossOT: recent.ot, recentLossGeo: recent.geo, stepsPerSecond: rate,
                                elapsedSeconds: elapsed,
                                remainingSeconds: rate > 0 ? Double(plan.totalSteps - stepsDone) / rate : 0)
    }

    func report(history: TrainingHistory) -> TrainingReport {
        let elapsed = Date().timeIntervalSince(start)
        let recent = history.recentLosses(window: 100)
        return TrainingReport(steps: stepsDone, firstStep: firstStep, lastStep: firstStep + stepsDone - 1, seconds: elapsed,
                              initializationSeconds: setupSeconds,
                              stepsPerSecond: elapsed > 0 ? Double(stepsDone) / elapsed : 0,
                              finalLossOT: recent.ot, finalLossGeo: recent.geo)
    }
}
