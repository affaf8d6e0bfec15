package dev.weft.agent.weave;

import java.util.HashMap;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.Interpreter;

/**
 * Frames in which the object of each {@code new} is marked, as the JVM verifier marks it, from
 * the {@code new} until its constructor call: every copy of it (on the stack or in a local) is the
 * one {@link Uninitialized} value of that instruction. Everything else is a {@link BasicValue}.
 */
final class AllocationFrames {
    private AllocationFrames() {}

    /** The value of a {@code new} before its constructor ran; equal only to itself. */
    static final class Uninitialized extends BasicValue {
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

    static Frame<BasicValue>[] of(String owner, MethodNode m) {
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
        return BytecodeAnalysis.frames(analyzer, owner, m);
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

    /**
     * After a constructor call, every copy of its receiver becomes an ordinary reference, the very
     * value {@link BasicInterpreter} gives every reference, so it merges with any other one
     * ({@code c ? new Box(1) : b}).
     */
    private static final class AllocationFrame extends Frame<BasicValue> {
        AllocationFrame(int numLocals, int numStack) {
            super(numLocals, numStack);
        }

        @Override
        public void execute(AbstractInsnNode insn, Interpreter<BasicValue> interpreter) throws AnalyzerException {
            BasicValue receiver = null;
            if (isConstructorCall(insn)) {
                receiver = getStack(getStackSize() - 1 - Type.getArgumentTypes(((MethodInsnNode) insn).desc).length);
            }
            super.execute(insn, interpreter);
            if (receiver instanceof Uninitialized u) {
                for (int i = 0; i < getLocals(); i++) {
                    if (getLocal(i) == u) {
                        setLocal(i, BasicValue.REFERENCE_VALUE);
                    }
                }
                for (int i = 0; i < getStackSize(); i++) {
                    if (getStack(i) == u) {
                        setStack(i, BasicValue.REFERENCE_VALUE);
                    }
                }
            }
        }
    }

    static boolean isConstructorCall(AbstractInsnNode insn) {
        return insn instanceof MethodInsnNode call && call.getOpcode() == Opcodes.INVOKESPECIAL
                && call.name.equals("<init>");
    }
}
