/// One network simplex pivot: push flow around the cycle closed by the entering arc, drop the
/// blocking arc chosen by the strongly-feasible rule (no cycling), and re-hang the cut-off
/// subtree from the entering arc with its potentials shifted.
extension TransportSimplex {
    func pivot(entering e: Int) {
        let (source, target) = endpoints(e)
        let join = joinNode(source, target)
        let (delta, leaving, leavingOnSourceSide) = findLeavingNode(source, target, join: join)
        if delta > 0 { pushFlow(delta, source: source, target: target, join: join) }
        // The cut-off subtree (rooted at `leaving`) contains the entering arc's endpoint on the
        // same side of the cycle; it is re-rooted there and hung from the other endpoint.
        let inner = leavingOnSourceSide ? source : target
        let outer = leavingOnSourceSide ? target : source
        let reduced = arcCost(e) + potential[source] - potential[target]
        let shift = inner == source ? -reduced : reduced
        rehang(inner: inner, outer: outer, leaving: leaving, join: join,
               entering: e, enteringFlow: delta, enteringUpward: inner == source)
        shiftPotentials(from: inner, by: shift)
    }

    /// Lowest common ancestor of two nodes (subtree sizes grow towards the root).
    @inline(__always)
    private func joinNode(_ a: Int, _ b: Int) -> Int {
        var u = a, v = b
        while u != v {
            if subtreeSize[u] < subtreeSize[v] { u = parent[u] } else { v = parent[v] }
        }
        return u
    }

    /// Flow goes join -> ... -> source -> target -> ... -> join. Arcs pointing against that
    /// direction lose flow and may block. Ties go to the last blocking arc along the cycle
    /// (strict `<` from the source side, `<=` from the target side), which keeps the tree
    /// strongly feasible. Returns the step, the node whose parent arc leaves, and its side.
    @inline(__always)
    private func findLeavingNode(_ source: Int, _ target: Int, join: Int) -> (Double, Int, Bool) {
        var delta = Double.infinity, leaving = -1, onSourceSide = true
        var u = source
        while u != join {
            if upward[u] && flow[u] < delta { delta = flow[u]; leaving = u }
            u = parent[u]
        }
        u = target
        while u != join {
            if !upward[u] && flow[u] <= delta { delta = flow[u]; leaving = u; onSourceSide = false }
            u = parent[u]
        }
        precondition(leaving >= 0, "network simplex: unbounded cycle (costs must be finite)")
        return (delta, leaving, onSourceSide)
    }

    @inline(__always)
    private func pushFlow(_ delta: Double, source: Int, target: Int, join: Int) {
        var u = source
        while u != join { flow[u] += upward[u] ? -delta : delta; u = parent[u] }
        u = target
        while u != join { flow[u] += upward[u] ? delta : -delta; u = parent[u] }
    }

    /// Re-roots the subtree of `leaving` at `inner` and attaches it below `outer` by the
    /// entering arc, updating parent links, flows, the preorder thread, subtree sizes and last
    /// descendants. The stem s0 = inner, s1 = parent(s0), ..., sk = leaving reverses.
    private func rehang(inner: Int, outer: Int, leaving: Int, join: Int,
                        entering: Int, enteringFlow: Double, enteringUpward: Bool) {
        var k = 0
        stem[0] = inner
        while stem[k] != leaving { stem[k + 1] = parent[stem[k]]; k += 1 }
        let movedSize = subtreeSize[leaving]
        let oldLast = lastInSubtree[leaving]
        let oldParent = parent[leaving]
        let before = reverseThread[leaving]
        let newLast = rethread(stemLength: k, inner: inner, outer: outer, leaving: leaving)
        reverseStem(stemLength: k, movedSize: movedSize, newLast: newLast)
        parent[inner] = outer
        predArc[inner] = entering
        upward[inner] = enteringUpward
        flow[inner] = enteringFlow
        subtreeSize[inner] = movedSize
        lastInSubtree[inner] = newLast
        updateAncestors(oldParent: oldParent, outer: outer, join: join, movedSize: movedSize,
                        oldLast: oldLast, before: before, newLast: newLast)
    }

    /// Cuts the moved subtree out of the preorder thread, rebuilds its order for the new root
    /// (each stem node followed by its old subtree minus the branch holding the previous stem
    /// node) and splices it in right after `outer`. Returns the last node of the moved block.
    private func rethread(stemLength k: Int, inner: Int, outer: Int, leaving: Int) -> Int {
        // Old thread facts for each stem step, read before any link changes.
        let pieceEnd = stemScratch, pieceStart = stemScratch + (k + 1)
        let hasTail = stemScratch + 2 * (k + 1), stepLast = stemScratch + 3 * (k + 1)
        for t in stride(from: 1, through: k, by: 1) {
            let previous = stem[t - 1]
            pieceEnd[t] = reverseThread[previous]
            pieceStart[t] = thread[lastInSubtree[previous]]
            hasTail[t] = lastInSubtree[previous] != lastInSubtree[stem[t]] ? 1 : 0
            stepLast[t] = lastInSubtree[stem[t]]
        }
        link(reverseThread[leaving], thread[lastInSubtree[leaving]])
        var tail = lastInSubtree[inner]
        for t in stride(from: 1, through: k, by: 1) {
            link(tail, stem[t])
            if hasTail[t] != 0 {
                link(pieceEnd[t], pieceStart[t])
                tail = stepLast[t]
            } else {
                tail = pieceEnd[t]
            }
        }
        link(tail, thread[outer])
        link(outer, inner)
        return tail
    }

    /// Along the stem, parent arcs, their directions and flows move one step towards `inner`;
    /// subtree sizes become the moved size minus the part below the previous stem node.
    private func reverseStem(stemLength k: Int, movedSize: Int, newLast: Int) {
        for t in stride(from: k, through: 1, by: -1) {
            let child = stem[t - 1], node = stem[t]
            parent[node] = child
            predArc[node] = predArc[child]
            upward[node] = !upward[child]
            flow[node] = flow[child]
            subtreeSize[node] = movedSize - subtreeSize[child]
            lastInSubtree[node] = newLast
        }
    }

    /// Subtree sizes shrink on the old branch and grow on the new one below the join; last
    /// descendants change where the moved block ended an ancestor's block, or where it now
    /// follows a former leaf.
    @inline(__always)
    private func updateAncestors(oldParent: Int, outer: Int, join: Int, movedSize: Int,
                                 oldLast: Int, before: Int, newLast: Int) {
        var u = oldParent
        while u != join { subtreeSize[u] -= movedSize; u = parent[u] }
        u = outer
        while u != join { subtreeSize[u] += movedSize; u = parent[u] }
        u = oldParent
        while u >= 0 && lastInSubtree[u] == oldLast { lastInSubtree[u] = before; u = parent[u] }
        if lastInSubtree[outer] == outer {
            u = outer
            while u >= 0 && lastInSubtree[u] == outer { lastInSubtree[u] = newLast; u = parent[u] }
        }
    }

    @inline(__always)
    private func link(_ a: Int, _ b: Int) {
        thread[a] = b
        reverseThread[b] = a
    }

    /// Adds `shift` to the potentials of the subtree rooted at `node`.
    @inline(__always)
    private func shiftPotentials(from node: Int, by shift: Double) {
        var u = node
        for _ in 0..<subtreeSize[node] {
            potential[u] += shift
            u = thread[u]
        }
    }
}
