package dev.weft.agent.weave;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Cuts each {@code LocalVariableTable} range of a woven body down to the instructions where its
 * slot really holds the variable's value. After a resume only the locals the restore block stored
 * hold anything; a local that was dead at the await keeps whatever the slot last held in this call
 * of the body (nothing, or another await's value), and a debugger reading it would show that as the
 * variable's value: a parameter {@code a = 0} when it was 4. So a range ends at every resume point
 * that does not restore its slot and starts again at the next store to it; the debugger shows the
 * variable as not in scope in between.
 *
 * <p>Runs after {@link StateMachineEmitter}, on the woven body, whose only values on entry are the
 * frame and the context ({@link DefiniteStores} does the rest). Entries cover the original code
 * only, never the dispatch or save blocks, so only the resume points can cut them.
 */
final class LocalVariableRanges {
    private LocalVariableRanges() {}

    static void apply(MethodNode m) {
        if (m.localVariables == null || m.localVariables.isEmpty()) {
            return;
        }
        BitSet atEntry = new BitSet();
        atEntry.set(StateMachineEmitter.FRAME);
        atEntry.set(StateMachineEmitter.CX);
        DefiniteStores stores = DefiniteStores.of(m, atEntry);
        AbstractInsnNode[] insns = m.instructions.toArray();
        List<Run> runs = new ArrayList<>();
        for (LocalVariableNode lv : m.localVariables) {
            runs.addAll(runsOf(lv, insns, m.instructions.indexOf(lv.start), m.instructions.indexOf(lv.end), stores));
        }
        List<LocalVariableNode> cut = new ArrayList<>(runs.size());
        for (Run r : runs) {
            LabelNode start = r.from() == null ? r.lv().start : labelAt(m.instructions, r.from());
            LabelNode end = r.to() == null ? r.lv().end : labelAt(m.instructions, r.to());
            cut.add(new LocalVariableNode(r.lv().name, r.lv().desc, r.lv().signature, start, end, r.lv().index));
        }
        m.localVariables = cut;
    }

    /**
     * One stretch of an entry where its slot holds a value: from instruction {@code from} (the
     * entry's start when null) to the one before {@code to} (the entry's end when null).
     */
    private record Run(LocalVariableNode lv, AbstractInsnNode from, AbstractInsnNode to) {}

    private static List<Run> runsOf(LocalVariableNode lv, AbstractInsnNode[] insns, int start, int end,
            DefiniteStores stores) {
        List<Run> runs = new ArrayList<>(1);
        AbstractInsnNode from = null;
        boolean seen = false;
        boolean open = false;
        for (int i = start; i < end; i++) {
            if (insns[i].getOpcode() < 0) {
                continue; // a label, line or frame: it has the state of the instruction after it
            }
            boolean holds = stores.holds(i, lv.index);
            if (!seen) {
                seen = true;
                open = holds;
            } else if (holds && !open) {
                from = insns[i];
                open = true;
            } else if (!holds && open) {
                runs.add(new Run(lv, from, insns[i]));
                open = false;
            }
        }
        if (!seen || open) {
            runs.add(new Run(lv, from, null)); // an entry that covers no code keeps its range
        }
        return runs;
    }

    /** A label at {@code insn}'s offset: the one just before it, or a new one. */
    private static LabelNode labelAt(InsnList insns, AbstractInsnNode insn) {
        if (insn instanceof LabelNode label) {
            return label;
        }
        if (insn.getPrevious() instanceof LabelNode label) {
            return label;
        }
        LabelNode label = new LabelNode();
        insns.insertBefore(insn, label);
        return label;
    }
}
