package dev.weft.agent.weave;

import java.util.BitSet;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Which local variables are live (may be read before being written) at each instruction: a
 * backward dataflow over the method's control-flow graph. An exception handler's live set counts
 * as live before every instruction it covers, because the exception may be thrown before that
 * instruction writes anything.
 */
final class LivenessAnalysis {
    private final BitSet[] liveIn;

    private LivenessAnalysis(BitSet[] liveIn) {
        this.liveIn = liveIn;
    }

    static LivenessAnalysis of(MethodNode m) {
        ControlFlowGraph cfg = new ControlFlowGraph(m);
        int n = cfg.size();
        BitSet[] in = new BitSet[n];
        for (int i = 0; i < n; i++) {
            in[i] = new BitSet();
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = n - 1; i >= 0; i--) {
                BitSet next = liveBefore(m.instructions.get(i), cfg, in, i);
                if (!next.equals(in[i])) {
                    in[i] = next;
                    changed = true;
                }
            }
        }
        return new LivenessAnalysis(in);
    }

    private static BitSet liveBefore(AbstractInsnNode insn, ControlFlowGraph cfg, BitSet[] in, int i) {
        BitSet live = new BitSet();
        for (int s : cfg.normalSuccessors(i)) {
            live.or(in[s]);
        }
        int defined = definedLocal(insn);
        if (defined >= 0) {
            live.clear(defined);
        }
        int used = usedLocal(insn);
        if (used >= 0) {
            live.set(used);
        }
        for (int h : cfg.handlerSuccessors(i)) {
            live.or(in[h]);
        }
        return live;
    }

    /** Locals that may be read, starting at instruction {@code index}, before being written. */
    BitSet liveAt(int index) {
        return (BitSet) liveIn[index].clone();
    }

    private static int usedLocal(AbstractInsnNode insn) {
        if (insn instanceof IincInsnNode inc) {
            return inc.var;
        }
        if (insn instanceof VarInsnNode v) {
            int op = v.getOpcode();
            if ((op >= Opcodes.ILOAD && op <= Opcodes.ALOAD) || op == Opcodes.RET) {
                return v.var;
            }
        }
        return -1;
    }

    private static int definedLocal(AbstractInsnNode insn) {
        if (insn instanceof VarInsnNode v && v.getOpcode() >= Opcodes.ISTORE && v.getOpcode() <= Opcodes.ASTORE) {
            return v.var;
        }
        return -1;
    }
}
