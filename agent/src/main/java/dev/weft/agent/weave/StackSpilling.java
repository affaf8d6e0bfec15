package dev.weft.agent.weave;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * Empties the operand stack under each await: whatever javac left there ({@code a + await(b)},
 * {@code f(x, await(y))}, {@code arr[i] = await(z)}) is moved into fresh locals before the await
 * and pushed back after it, so suspending only has to save locals.
 */
final class StackSpilling {
    private StackSpilling() {}

    static void apply(String owner, MethodNode m) {
        Frame<BasicValue>[] frames = analyze(owner, m);
        AbstractInsnNode[] insns = m.instructions.toArray();
        for (int i = 0; i < insns.length; i++) {
            if (AwaitCalls.isAwait(insns[i]) && frames[i] != null && frames[i].getStackSize() > 1) {
                spill(m, insns[i], frames[i]);
            }
        }
    }

    private static Frame<BasicValue>[] analyze(String owner, MethodNode m) {
        try {
            return new Analyzer<>(new BasicInterpreter()).analyze(owner, m);
        } catch (AnalyzerException e) {
            throw new WeaveException("cannot analyze the method's bytecode: " + e.getMessage());
        }
    }

    private static void spill(MethodNode m, AbstractInsnNode await, Frame<BasicValue> frame) {
        int below = frame.getStackSize() - 1;
        BasicValue future = frame.getStack(below);
        int futureSlot = LocalSlots.allocate(m, future);
        int[] slots = new int[below];
        InsnList before = new InsnList();
        before.add(LocalSlots.store(future, futureSlot));
        for (int k = below - 1; k >= 0; k--) {
            slots[k] = LocalSlots.allocate(m, frame.getStack(k));
            before.add(LocalSlots.store(frame.getStack(k), slots[k]));
        }
        before.add(LocalSlots.load(future, futureSlot));
        m.instructions.insertBefore(await, before);

        int resultSlot = m.maxLocals++;
        InsnList after = new InsnList();
        after.add(new VarInsnNode(Opcodes.ASTORE, resultSlot));
        for (int k = 0; k < below; k++) {
            after.add(LocalSlots.load(frame.getStack(k), slots[k]));
        }
        after.add(new VarInsnNode(Opcodes.ALOAD, resultSlot));
        m.instructions.insert(await, after);
    }
}
