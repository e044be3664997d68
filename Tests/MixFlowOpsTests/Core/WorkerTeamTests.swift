import Foundation
import Synchronization
import XCTest
@testable import MixFlowOps

/// `Parallel.run` through the worker team: every task runs exactly once, the helpers really run
/// tasks (also after they went to sleep), and nested, concurrent and oversized runs fall back to
/// GCD without losing tasks.
final class WorkerTeamTests: XCTestCase {
    /// One team for the tests that need helpers whatever the machine's processor count (its
    /// threads live as long as the process, like the shared team's).
    private static let team = WorkerTeam(helpers: 2)

    func testEveryTaskRunsExactlyOnce() {
        for tasks in [2, 3, 5, 17, 200] {
            let counts = Counts(tasks)
            for _ in 0..<50 { Parallel.run(tasks) { counts.add(at: $0) } }
            XCTAssertEqual(counts.values, Array(repeating: 50, count: tasks), "\(tasks) tasks")
        }
    }

    func testHelpersRunTasksAndWakeFromSleep() {
        for round in 0..<20 {
            // Each task waits until all three have started: the caller runs one of them, so the
            // other two can only finish if both helpers claim one.
            let started = Atomic<Int>(0)
            let counts = Counts(3)
            let ran = Self.team.run(3) { i in
                started.add(1, ordering: .sequentiallyConsistent)
                let deadline = Date().addingTimeInterval(60)
                while started.load(ordering: .sequentiallyConsistent) < 3 && Date() < deadline { sched_yield() }
                if started.load(ordering: .sequentiallyConsistent) == 3 { counts.add(at: i) }
            }
            XCTAssertTrue(ran)
            XCTAssertEqual(counts.values, [1, 1, 1], "round \(round): the tasks did not run side by side")
            // Long enough for the helpers to stop spinning and sleep, so the next round wakes them.
            if round % 2 == 1 { Thread.sleep(forTimeInterval: 0.002) }
        }
    }

    func testNestedRunsFallBackAndRunEveryTask() {
        let counts = Counts(12)
        Parallel.run(4) { outer in
            Parallel.run(3) { inner in counts.add(at: outer * 3 + inner) }
        }
        XCTAssertEqual(counts.values, Array(repeating: 1, count: 12))
    }

    func testConcurrentCallersEachGetTheirTasks() {
        let callers = 4, runs = 200, tasks = 3
        let counts = Counts(callers * tasks)
        DispatchQueue.concurrentPerform(iterations: callers) { caller in
            for _ in 0..<runs { Parallel.run(tasks) { counts.add(at: caller * tasks + $0) } }
        }
        XCTAssertEqual(counts.values, Array(repeating: runs, count: callers * tasks))
    }

    func testMoreTasksThanATicketHoldsFallBack() {
        let tasks = WorkerTeam.maximumTasks + 10
        XCTAssertFalse(Self.team.run(tasks) { _ in })
        let counts = Counts(tasks)
        Parallel.run(tasks) { counts.add(at: $0) }
        XCTAssertEqual(counts.values.min(), 1)
        XCTAssertEqual(counts.values.max(), 1)
    }

    func testTeamWithoutHelpersRunsNothing() {
        var ran = false
        XCTAssertFalse(WorkerTeam(helpers: 0).run(2) { _ in ran = true })
        XCTAssertFalse(ran)
    }
}

/// Per-task counters that tasks on several threads update without a lock: each task touches
/// only its own slot, and the atomic adds make a task run twice show as a 2.
private final class Counts: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<Atomic<Int>>
    let count: Int

    init(_ count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        for i in 0..<count { (slots + i).initialize(to: Atomic(0)) }
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    func add(at index: Int) { slots[index].add(1, ordering: .relaxed) }

    var values: [Int] { (0..<count).map { slots[$0].load(ordering: .relaxed) } }
}
