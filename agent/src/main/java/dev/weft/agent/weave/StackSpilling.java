package dev.weft.agent.weave;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * Empties the operand stack under each await: whatever javac left there ({@code a + await(b)},
 * {@code f(x, await(y))}, {@code arr[i] = await(z)}) is moved into fresh locals before the await
 * and pushed back after it, so suspending only has to save locals.
 *
 * <p>A spilled value lives only from just before its await to just after it, so no two sites'
 * spill locals are ever live together: every site reuses the same locals (the n-th spilled value
 * of a type takes the n-th local of that type). The method then grows by its deepest stack, not
 * by the sum of all stacks, which keeps the analyses' frames small and makes sites with the same
 * stack shape have the same live set, so they share save and restore code.
 */
final class StackSpilling {
    private StackSpilling() {}

    static void apply(String owner, MethodNode m) {
        Frame<BasicValue>[] frames = BytecodeAnalysis.frames(new Analyzer<>(new BasicInterpreter()), owner, m);
        AbstractInsnNode[] insns = m.instructions.toArray();
        SpillLocals locals = new SpillLocals(m);
        for (int i = 0; i < insns.length; i++) {
            if (AwaitCalls.isAwait(insns[i]) && frames[i] != null && frames[i].getStackSize() > 1) {
                spill(m, insns[i], frames[i], locals);
            }
        }
    }

    private static void spill(MethodNode m, AbstractInsnNode await, Frame<BasicValue> frame, SpillLocals locals) {
        locals.startSite();
        int below = frame.getStackSize() - 1;
        BasicValue future = frame.getStack(below);
        int futureSlot = locals.next(future);
        int[] slots = new int[below];
        InsnList before = new InsnList();
        before.add(LocalSlots.store(future, futureSlot));
        for (int k = below - 1; k >= 0; k--) {
            slots[k] = locals.next(frame.getStack(k));
            before.add(LocalSlots.store(frame.getStack(k), slots[k]));
        }
        before.add(LocalSlots.load(future, futureSlot));
        m.instructions.insertBefore(await, before);

        int resultSlot = locals.result();
        InsnList after = new InsnList();
        after.add(new VarInsnNode(Opcodes.ASTORE, resultSlot));
        for (int k = 0; k < below; k++) {
            after.add(LocalSlots.load(frame.getStack(k), slots[k]));
        }
        after.add(new VarInsnNode(Opcodes.ALOAD, resultSlot));
        m.instructions.insert(await, after);
    }

    /** The spill locals, by the opcode that stores them, handed out again at every site. */
    private static final class SpillLocals {
        private final MethodNode m;
        private final Map<Integer, List<Integer>> byStore = new HashMap<>();
        private final Map<Integer, Integer> usedAtSite = new HashMap<>();
        private int result = -1;

        SpillLocals(MethodNode m) {
            this.m = m;
        }

        void startSite() {
            usedAtSite.clear();
        }

        int next(BasicValue value) {
            int store = LocalSlots.store(value, 0).getOpcode();
            List<Integer> slots = byStore.computeIfAbsent(store, s -> new ArrayList<>());
            int nth = usedAtSite.merge(store, 1, Integer::sum) - 1;
            if (nth == slots.size()) {
                slots.add(LocalSlots.allocate(m, value));
            }
            return slots.get(nth);
        }

        int result() {
            if (result < 0) {
                result = m.maxLocals++;
            }
            return result;
        }
    }
}
