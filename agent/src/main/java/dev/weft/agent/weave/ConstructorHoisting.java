package dev.weft.agent.weave;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * For {@code new X(..., await(f), ...)}: an uninitialized object cannot be saved in a frame, so
 * the {@code new; dup} pair is moved from before the arguments to just before the constructor
 * call, with the evaluated arguments parked in fresh locals in between.
 */
final class ConstructorHoisting {
    private ConstructorHoisting() {}

    private record Allocation(TypeInsnNode newInsn, AbstractInsnNode dup, MethodInsnNode init, Frame<BasicValue> atInit) {}

    static void apply(String owner, MethodNode m) {
        Frame<BasicValue>[] frames = analyze(owner, m);
        List<Allocation> spanning = new ArrayList<>();
        InsnList insns = m.instructions;
        for (int i = 0; i < insns.size(); i++) {
            if (insns.get(i).getOpcode() == Opcodes.NEW && frames[i] != null) {
                Allocation a = match(insns, frames, i);
                if (a != null) {
                    spanning.add(a);
                }
            }
        }
        for (Allocation a : spanning) {
            hoist(m, a);
        }
    }

    /** The allocation starting at {@code i} if an await lies between its {@code new} and {@code <init>}. */
    private static Allocation match(InsnList insns, Frame<BasicValue>[] frames, int i) {
        TypeInsnNode newInsn = (TypeInsnNode) insns.get(i);
        int depth = frames[i].getStackSize();
        boolean awaits = false;
        for (int j = i + 1; j < insns.size(); j++) {
            AbstractInsnNode insn = insns.get(j);
            awaits |= AwaitCalls.isAwait(insn);
            if (insn instanceof MethodInsnNode call && call.getOpcode() == Opcodes.INVOKESPECIAL
                    && call.name.equals("<init>") && call.owner.equals(newInsn.desc) && frames[j] != null
                    && frames[j].getStackSize() == depth + 2 + Type.getArgumentTypes(call.desc).length) {
                if (!awaits) {
                    return null;
                }
                AbstractInsnNode dup = newInsn.getNext();
                if (dup == null || dup.getOpcode() != Opcodes.DUP) {
                    throw new WeaveException("new " + newInsn.desc.replace('/', '.')
                            + "(...) with an await in its arguments is compiled in an unexpected shape (no dup after new)");
                }
                return new Allocation(newInsn, dup, call, frames[j]);
            }
        }
        return null;
    }

    private static void hoist(MethodNode m, Allocation a) {
        Frame<BasicValue> atInit = a.atInit();
        int args = Type.getArgumentTypes(a.init().desc).length;
        int top = atInit.getStackSize();
        int[] slots = new int[args];
        InsnList before = new InsnList();
        for (int k = args - 1; k >= 0; k--) {
            BasicValue v = atInit.getStack(top - args + k);
            slots[k] = LocalSlots.allocate(m, v);
            before.add(LocalSlots.store(v, slots[k]));
        }
        before.add(new TypeInsnNode(Opcodes.NEW, a.newInsn().desc));
        before.add(new InsnNode(Opcodes.DUP));
        for (int k = 0; k < args; k++) {
            before.add(LocalSlots.load(atInit.getStack(top - args + k), slots[k]));
        }
        m.instructions.insertBefore(a.init(), before);
        m.instructions.remove(a.newInsn());
        m.instructions.remove(a.dup());
    }

    static Frame<BasicValue>[] analyze(String owner, MethodNode m) {
        try {
            return new Analyzer<>(new BasicInterpreter()).analyze(owner, m);
        } catch (AnalyzerException e) {
            throw new WeaveException("cannot analyze the method's bytecode: " + e.getMessage());
        }
    }
}
