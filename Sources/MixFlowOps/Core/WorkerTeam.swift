import CKernels
import Dispatch
import Foundation
import Synchronization

/// The helper threads behind `Parallel.run`: kept for the life of the process, they wait
/// briefly (spinning, then yielding) after each hand-off before they sleep.
///
/// Why not `DispatchQueue.concurrentPerform` alone: a training step hands work to the second
/// thread three times (forward, backward, Adam), a few hundred microseconds apart with gaps of
/// a few microseconds between. Each GCD hand-off wakes a sleeping worker (and the caller sleeps
/// while it waits), and a wake-up costs tens of microseconds (more on a virtual machine, where
/// the idle core has to be rescheduled). Waiting for up to `spinNanoseconds` covers the gaps
/// of a running training loop; past that the threads sleep, so an idle machine pays at most
/// that much CPU per hand-off, and a loaded one less (the yielding part gives the core away).
///
/// Tasks are claimed, not assigned: the caller claims tasks too, so when a helper is asleep or
/// descheduled the caller runs its task instead of waiting for it. Each task index does the same
/// work whichever thread claims it, so results do not depend on the claiming.
///
/// One run at a time: a run that finds the team busy (a nested or concurrent `Parallel.run`)
/// returns false and the caller falls back to GCD.
final class WorkerTeam: @unchecked Sendable {
    static let shared = WorkerTeam(helpers: Parallel.processorCount - 1)

    /// How long a thread waiting for work (a helper) or for the helpers to finish (the caller)
    /// spins with the CPU's pause hint before it moves on to `sched_yield` between checks...
    static let pauseNanoseconds: UInt64 = 10_000
    /// ...and how long it waits in all before it sleeps. Yielding keeps the hand-off quick on
    /// an idle machine (the call returns at once when nothing else wants the core) and gives the
    /// core away on a loaded one, where a spinning thread would take time from the thread it
    /// waits for.
    static let spinNanoseconds: UInt64 = 50_000

    /// The current run: generation (high 32 bits), task count (16 bits), next unclaimed task
    /// (low 16 bits). One word, so a claim checks all three at once.
    private let ticket = Atomic<UInt64>(0)
    /// Tasks of the current run that have finished.
    private let finished = Atomic<Int>(0)
    private let inUse = Atomic<Bool>(false)
    /// The current run's body; written only while no task of a run can be claimed.
    private var body: UncheckedSendable<(Int) -> Void>?

    private let helperCount: Int
    private let sleepers: [Sleeper]
    /// 0, or 1 + the generation of the run whose caller sleeps (a flag tied to its run, so a
    /// helper late with the previous run's last task does not wake the next run's caller).
    private let callerSleeping = Atomic<UInt64>(0)
    private let callerWakeUp = DispatchSemaphore(value: 0)
    private let started = Atomic<Bool>(false)

    static let maximumTasks = Int(UInt16.max)

    init(helpers: Int) {
        helperCount = max(0, helpers)
        sleepers = (0..<helperCount).map { _ in Sleeper() }
    }

    /// Runs body(0..<tasks) on the caller and the helpers; false (nothing run) when the team is
    /// busy or has no helpers.
    func run(_ tasks: Int, _ task: (Int) -> Void) -> Bool {
        guard helperCount > 0, tasks <= Self.maximumTasks,
              inUse.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else { return false }
        defer { inUse.store(false, ordering: .releasing) }
        startHelpers()
        withoutActuallyEscaping(task) { escapable in
            body = UncheckedSendable(escapable)
            finished.store(0, ordering: .relaxed)
            let generation = Ticket(ticket.load(ordering: .relaxed)).generation &+ 1
            ticket.store(Ticket(generation: generation, count: tasks, next: 0).word, ordering: .sequentiallyConsistent)
            for helper in 0..<min(helperCount, tasks - 1)
            where sleepers[helper].sleeping.compareExchange(expected: true, desired: false,
                                                           ordering: .sequentiallyConsistent).exchanged {
                sleepers[helper].wakeUp.signal()
            }
            runTasks(of: generation)
            waitForHelpers(count: tasks, generation: generation)
            body = nil
        }
        return true
    }

    /// Claims and runs tasks of `generation` until none is left.
    private func runTasks(of generation: UInt32) {
        while let (index, count) = claim(generation) {
            runTask(index)
            let done = finished.add(1, ordering: .sequentiallyConsistent).newValue
            if done == count,
               callerSleeping.compareExchange(expected: UInt64(generation) + 1, desired: 0,
                                              ordering: .sequentiallyConsistent).exchanged {
                callerWakeUp.signal()
            }
        }
    }

    /// Calls the body. Not inlined: the reference to the body taken here is released before
    /// the task counts as finished (after that the caller may end the body's lifetime, and
    /// `withoutActuallyEscaping` checks that nothing still holds it).
    @inline(never)
    private func runTask(_ index: Int) {
        body!.value(index)
    }

    /// The next unclaimed task of `generation` and the run's task count, or nil.
    private func claim(_ generation: UInt32) -> (index: Int, count: Int)? {
        var word = ticket.load(ordering: .acquiring)
        while true {
            let current = Ticket(word)
            guard current.generation == generation, current.next < current.count else { return nil }
            let claimed = Ticket(generation: generation, count: current.count, next: current.next + 1).word
            let (exchanged, original) = ticket.compareExchange(expected: word, desired: claimed, ordering: .acquiringAndReleasing)
            if exchanged { return (current.next, current.count) }
            word = original
        }
    }

    /// The caller's wait for the tasks the helpers claimed: spin, then sleep until the helper
    /// that finishes the last task wakes it.
    private func waitForHelpers(count: Int, generation: UInt32) {
        if spin(until: { finished.load(ordering: .acquiring) == count }) { return }
        let flag = UInt64(generation) + 1
        callerSleeping.store(flag, ordering: .sequentiallyConsistent)
        if finished.load(ordering: .sequentiallyConsistent) == count,
           callerSleeping.compareExchange(expected: flag, desired: 0, ordering: .sequentiallyConsistent).exchanged {
            return
        }
        // Either the last task is still running, or its helper saw the flag and signals.
        callerWakeUp.wait()
    }

    private func startHelpers() {
        guard !started.load(ordering: .relaxed) else { return }
        started.store(true, ordering: .relaxed)
        let before = Ticket(ticket.load(ordering: .relaxed)).generation
        for helper in 0..<helperCount {
            let thread = Thread { [self] in helperLoop(helper, seen: before) }
            thread.name = "mfsh-worker-\(helper + 1)"
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    private func helperLoop(_ helper: Int, seen first: UInt32) {
        var seen = first
        while true {
            seen = waitForRun(after: seen, helper: helper)
            runTasks(of: seen)
        }
    }

    /// A helper's wait for a run newer than `seen`: spin, then sleep until a run wakes it.
    private func waitForRun(after seen: UInt32, helper: Int) -> UInt32 {
        let current = { Ticket(self.ticket.load(ordering: .sequentiallyConsistent)).generation }
        if spin(until: { current() != seen }) { return current() }
        let me = sleepers[helper]
        me.sleeping.store(true, ordering: .sequentiallyConsistent)
        if current() != seen,
           me.sleeping.compareExchange(expected: true, desired: false, ordering: .sequentiallyConsistent).exchanged {
            return current()
        }
        // Either no run yet, or the run that came saw the flag and signals.
        me.wakeUp.wait()
        return current()
    }

    /// Waits for at most `spinNanoseconds` until `done` (see `pauseNanoseconds`); whether it
    /// became true.
    private func spin(until done: () -> Bool) -> Bool {
        let start = DispatchTime.now().uptimeNanoseconds
        while true {
            for _ in 0..<32 {
                if done() { return true }
                mf_spin_pause()
            }
            let waited = DispatchTime.now().uptimeNanoseconds &- start
            if waited > Self.spinNanoseconds { return done() }
            if waited > Self.pauseNanoseconds { sched_yield() }
        }
    }
}

/// A helper's sleep: the flag a run clears (and then signals) to wake it.
private final class Sleeper: Sendable {
    let sleeping = Atomic<Bool>(false)
    let wakeUp = DispatchSemaphore(value: 0)
}

/// The packed state of a run (see `WorkerTeam.ticket`).
private struct Ticket {
    let generation: UInt32
    let count: Int
    let next: Int

    init(_ word: UInt64) {
        generation = UInt32(truncatingIfNeeded: word >> 32)
        count = Int((word >> 16) & 0xFFFF)
        next = Int(word & 0xFFFF)
    }

    init(generation: UInt32, count: Int, next: Int) {
        self.generation = generation
        self.count = count
        self.next = next
    }

    var word: UInt64 { UInt64(generation) << 32 | UInt64(count) << 16 | UInt64(next) }
}
