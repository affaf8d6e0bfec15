package dev.weft.agent.weave;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.Interpreter;

/**
 * For {@code new X(..., await(f), ...)}: an uninitialized object cannot be saved in a frame, so
 * the allocation is moved from before the arguments to just before the constructor call, with the
 * evaluated arguments parked in fresh locals in between.
 *
 * <p>The uninitialized object is tracked by a data-flow analysis rather than by instruction
 * shape: usually it is {@code new; dup} on the stack, but javac also stores it into locals and
 * reloads it (it empties the stack before a switch expression that contains a {@code try}). Every
 * copy of it (the {@code dup}, those stores and loads) is removed along with the {@code new}.
 */
final class ConstructorHoisting {
    private ConstructorHoisting() {}

    /** An object between its {@code new} and its constructor call, with an await reached in between. */
    private record Allocation(TypeInsnNode newInsn, List<AbstractInsnNode> copies, MethodInsnNode init,
            Frame<BasicValue> atInit) {}

    static void apply(String owner, MethodNode m) {
        Frame<BasicValue>[] frames = analyzeAllocations(owner, m);
        List<Allocation> spanning = new ArrayList<>();
        InsnList insns = m.instructions;
        for (int i = 0; i < insns.size(); i++) {
            if (insns.get(i).getOpcode() == Opcodes.NEW && frames[i] != null) {
                Allocation a = match(insns, frames, (TypeInsnNode) insns.get(i));
                if (a != null) {
                    spanning.add(a);
                }
            }
        }
        for (Allocation a : spanning) {
            hoist(m, a);
        }
    }

    /** The allocation made by {@code newInsn} if an await is reached while its object is uninitialized. */
    private static Allocation match(InsnList insns, Frame<BasicValue>[] frames, TypeInsnNode newInsn) {
        boolean awaits = false;
        MethodInsnNode init = null;
        Frame<BasicValue> atInit = null;
        List<AbstractInsnNode> copies = new ArrayList<>();
        for (int j = 0; j < insns.size(); j++) {
            Frame<BasicValue> f = frames[j];
            AbstractInsnNode insn = insns.get(j);
            if (f == null || !holds(f, newInsn)) {
                continue;
            }
            awaits |= AwaitCalls.isAwait(insn);
            int op = insn.getOpcode();
            if (op == Opcodes.DUP || op == Opcodes.ASTORE) {
                if (isUninitialized(f.getStack(f.getStackSize() - 1), newInsn)) {
                    copies.add(insn);
                }
            } else if (op == Opcodes.ALOAD) {
                if (isUninitialized(f.getLocal(((VarInsnNode) insn).var), newInsn)) {
                    copies.add(insn);
                }
            } else if (insn instanceof MethodInsnNode call && op == Opcodes.INVOKESPECIAL && call.name.equals("<init>")) {
                int args = Type.getArgumentTypes(call.desc).length;
                if (isUninitialized(f.getStack(f.getStackSize() - 1 - args), newInsn)) {
                    if (init != null) {
                        throw new WeaveException("new " + newInsn.desc.replace('/', '.')
                                + "(...) with an await in its arguments is compiled in an unexpected shape (two constructor calls)");
                    }
                    init = call;
                    atInit = f;
                }
            }
        }
        if (!awaits) {
            return null;
        }
        if (init == null) {
            // never save an uninitialized object in a frame: that would not verify
            throw new WeaveException("new " + newInsn.desc.replace('/', '.')
                    + "(...) is uninitialized at an await and its constructor call was not found");
        }
        return new Allocation(newInsn, copies, init, atInit);
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
        for (AbstractInsnNode copy : a.copies()) {
            m.instructions.remove(copy);
        }
    }

    /** Whether the object allocated by {@code newInsn} is, still uninitialized, in {@code f}'s locals or stack. */
    private static boolean holds(Frame<BasicValue> f, TypeInsnNode newInsn) {
        for (int i = 0; i < f.getLocals(); i++) {
            if (isUninitialized(f.getLocal(i), newInsn)) {
                return true;
            }
        }
        for (int i = 0; i < f.getStackSize(); i++) {
            if (isUninitialized(f.getStack(i), newInsn)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUninitialized(BasicValue v, TypeInsnNode newInsn) {
        return v instanceof Uninitialized u && u.newInsn == newInsn;
    }

    static Frame<BasicValue>[] analyze(String owner, MethodNode m) {
        try {
            return new Analyzer<>(new BasicInterpreter()).analyze(owner, m);
        } catch (AnalyzerException e) {
            throw new WeaveException("cannot analyze the method's bytecode: " + e.getMessage());
        }
    }

    /** Frames in which the object of each {@code new} is marked until its constructor call, as the JVM verifier does. */
    private static Frame<BasicValue>[] analyzeAllocations(String owner, MethodNode m) {
        Analyzer<BasicValue> analyzer = new Analyzer<>(new AllocationInterpreter()) {
            @Override
            protected Frame<BasicValue> newFrame(int numLocals, int numStack) {
                return new AllocationFrame(numLocals, numStack);
            }

            @Override
            protected Frame<BasicValue> newFrame(Frame<? extends BasicValue> frame) {
                AllocationFrame copy = new AllocationFrame(frame.getLocals(), frame.getMaxStackSize());
                copy.init(frame);
                return copy;
            }
        };
        try {
            return analyzer.analyze(owner, m);
        } catch (AnalyzerException e) {
            throw new WeaveException("cannot analyze the method's bytecode: " + e.getMessage());
        }
    }

    /** The value of a {@code new} before its constructor ran; equal only to itself. */
    private static final class Uninitialized extends BasicValue {
        final TypeInsnNode newInsn;

        Uninitialized(TypeInsnNode newInsn) {
            super(Type.getObjectType(newInsn.desc));
            this.newInsn = newInsn;
        }

        @Override
        public boolean equals(Object o) {
            return o == this;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    /**
     * Gives each {@code new} instruction one {@link Uninitialized} value; copies keep it. One per
     * instruction, not per visit: the analysis visits a {@code new} again when a loop's frame
     * changes, and two values for one allocation would merge into nothing at the next join.
     */
    private static final class AllocationInterpreter extends BasicInterpreter {
        private final Map<AbstractInsnNode, Uninitialized> byNew = new HashMap<>();

        AllocationInterpreter() {
            super(Opcodes.ASM9);
        }

        @Override
        public BasicValue newOperation(AbstractInsnNode insn) throws AnalyzerException {
            if (insn.getOpcode() == Opcodes.NEW) {
                return byNew.computeIfAbsent(insn, n -> new Uninitialized((TypeInsnNode) n));
            }
            return super.newOperation(insn);
        }

        @Override
        public BasicValue merge(BasicValue a, BasicValue b) {
            if (a == b) {
                return a;
            }
            if (a instanceof Uninitialized || b instanceof Uninitialized) {
                return BasicValue.UNINITIALIZED_VALUE; // the verifier allows no such merge to be used
            }
            return super.merge(a, b);
        }
    }

    /** After a constructor call, every copy of its receiver becomes an ordinary, initialized value. */
    private static final class AllocationFrame extends Frame<BasicValue> {
        AllocationFrame(int numLocals, int numStack) {
            super(numLocals, numStack);
        }

        @Override
        public void execute(AbstractInsnNode insn, Interpreter<BasicValue> interpreter) throws AnalyzerException {
            BasicValue receiver = null;
            if (insn instanceof MethodInsnNode call && call.getOpcode() == Opcodes.INVOKESPECIAL
                    && call.name.equals("<init>")) {
                receiver = getStack(getStackSize() - 1 - Type.getArgumentTypes(call.desc).length);
            }
            super.execute(insn, interpreter);
            if (receiver instanceof Uninitialized u) {
                BasicValue initialized = new BasicValue(u.getType());
                for (int i = 0; i < getLocals(); i++) {
                    if (getLocal(i) == u) {
                        setLocal(i, initialized);
                    }
                }
                for (int i = 0; i < getStackSize(); i++) {
                    if (getStack(i) == u) {
                        setStack(i, initialized);
                    }
                }
            }
        }
    }
}
