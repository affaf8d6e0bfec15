package dev.weft.agent.weave;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.MethodNode;

/**
 * How many monitors may be held at each instruction: a forward dataflow counting
 * {@code monitorenter}/{@code monitorexit}, taking the maximum where paths meet. An await with a
 * monitor held would suspend while holding a lock another thread must release.
 */
final class MonitorDepthAnalysis {
    private static final int CAP = 64;

    private MonitorDepthAnalysis() {}

    /** The maximum number of monitors held before each instruction; -1 where unreachable. */
    static int[] of(MethodNode m) {
        ControlFlowGraph cfg = new ControlFlowGraph(m);
        int[] depth = new int[cfg.size()];
        Arrays.fill(depth, -1);
        if (depth.length == 0) {
            return depth;
        }
        Deque<Integer> work = new ArrayDeque<>();
        depth[0] = 0;
        work.add(0);
        while (!work.isEmpty()) {
            int i = work.poll();
            int op = m.instructions.get(i).getOpcode();
            int after = depth[i];
            if (op == Opcodes.MONITORENTER) {
                after = Math.min(CAP, after + 1);
            } else if (op == Opcodes.MONITOREXIT) {
                after = Math.max(0, after - 1);
            }
            for (int s : cfg.normalSuccessors(i)) {
                raise(depth, s, after, work);
            }
            for (int h : cfg.handlerSuccessors(i)) {
                raise(depth, h, depth[i], work);
            }
        }
        return depth;
    }

    private static void raise(int[] depth, int i, int value, Deque<Integer> work) {
        if (value > depth[i]) {
            depth[i] = value;
            work.add(i);
        }
    }
}
