package dev.weft.agent.weave;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * One await of a normalized coroutine body: the call, the typed frame before it (the future alone
 * on the stack) and the locals live there. Site k of the state machine is element k-1 of
 * {@link #in}'s list.
 */
record AwaitSite(AbstractInsnNode insn, Frame<BasicValue> frame, BitSet live) {

    /** The reachable awaits of {@code body}, in code order; unreachable ones have no frame and stay as they are. */
    static List<AwaitSite> in(MethodNode body, Frame<BasicValue>[] frames, LivenessAnalysis liveness) {
        List<AwaitSite> sites = new ArrayList<>();
        for (int i = 0; i < body.instructions.size(); i++) {
            AbstractInsnNode insn = body.instructions.get(i);
            if (AwaitCalls.isAwait(insn) && frames[i] != null) {
                if (frames[i].getStackSize() != 1) {
                    throw new WeaveException("internal: operand stack not emptied under an await");
                }
                sites.add(new AwaitSite(insn, frames[i], liveness.liveAt(i)));
            }
        }
        return sites;
    }
}
