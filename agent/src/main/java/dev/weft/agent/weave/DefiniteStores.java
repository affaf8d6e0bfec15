package dev.weft.agent.weave;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Which locals hold a value stored on every path to each instruction: a forward dataflow over the
 * method's control-flow graph whose meet is the intersection. In a woven body a resume point is
 * reached both from the code before the await and from the restore block, so a local holds a value
 * there only if the restore block stored it. An exception handler meets the state before every
 * instruction it covers.
 */
final class DefiniteStores {
    /** Indexed like the method's instructions; null for an instruction no path reaches. */
    private final BitSet[] in;

    private DefiniteStores(BitSet[] in) {
        this.in = in;
    }

    /** @param atEntry the locals that hold a value when the method is entered (its parameters) */
    static DefiniteStores of(MethodNode m, BitSet atEntry) {
        ControlFlowGraph cfg = new ControlFlowGraph(m);
        BitSet[] in = new BitSet[cfg.size()];
        if (cfg.size() == 0) {
            return new DefiniteStores(in);
        }
        Deque<Integer> work = new ArrayDeque<>();
        boolean[] queued = new boolean[cfg.size()];
        in[0] = (BitSet) atEntry.clone();
        work.add(0);
        queued[0] = true;
        while (!work.isEmpty()) {
            int i = work.poll();
            queued[i] = false;
            BitSet after = afterStore(m.instructions.get(i), in[i]);
            for (int s : cfg.normalSuccessors(i)) {
                meet(in, s, after, work, queued);
            }
            for (int h : cfg.handlerSuccessors(i)) {
                meet(in, h, in[i], work, queued);
            }
        }
        return new DefiniteStores(in);
    }

    private static void meet(BitSet[] in, int target, BitSet incoming, Deque<Integer> work, boolean[] queued) {
        BitSet next = (BitSet) incoming.clone();
        if (in[target] != null) {
            next.and(in[target]);
            if (next.equals(in[target])) {
                return;
            }
        }
        in[target] = next;
        if (!queued[target]) {
            queued[target] = true;
            work.add(target);
        }
    }

    private static BitSet afterStore(AbstractInsnNode insn, BitSet before) {
        if (!(insn instanceof VarInsnNode v) || v.getOpcode() < Opcodes.ISTORE || v.getOpcode() > Opcodes.ASTORE) {
            return before;
        }
        BitSet after = (BitSet) before.clone();
        after.set(v.var);
        if (v.getOpcode() == Opcodes.LSTORE || v.getOpcode() == Opcodes.DSTORE) {
            after.clear(v.var + 1); // the second half of a long or double is no local of its own
        }
        return after;
    }

    /** Whether {@code local} holds a stored value before instruction {@code index}; true where no path goes. */
    boolean holds(int index, int local) {
        return in[index] == null || in[index].get(local);
    }
}
