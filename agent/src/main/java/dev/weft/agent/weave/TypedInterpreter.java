package dev.weft.agent.weave;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.BasicValue;

/**
 * A {@link BasicInterpreter} that keeps the class of each reference, so a value restored from a
 * frame's {@code Object} field can be cast back to what the code after the await expects. Merges
 * use the common superclass from {@link ClassHierarchy}, as the JVM verifier does, and check
 * nothing else: the input was already verified by javac's output and the JVM.
 */
final class TypedInterpreter extends BasicInterpreter {
    /** The type ASM gives {@code aconst_null}; merges away into any reference type. */
    static final Type NULL = Type.getObjectType("null");

    private final ClassHierarchy hierarchy;

    TypedInterpreter(ClassHierarchy hierarchy) {
        super(Opcodes.ASM9);
        this.hierarchy = hierarchy;
    }

    @Override
    public BasicValue newValue(Type type) {
        if (type == null) {
            return BasicValue.UNINITIALIZED_VALUE;
        }
        if (type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY) {
            return new BasicValue(type);
        }
        return super.newValue(type);
    }

    @Override
    public BasicValue binaryOperation(AbstractInsnNode insn, BasicValue array, BasicValue index)
            throws AnalyzerException {
        if (insn.getOpcode() == Opcodes.AALOAD) {
            Type t = array.getType();
            if (t != null && t.getSort() == Type.ARRAY) {
                return newValue(Type.getType(t.getDescriptor().substring(1)));
            }
            return newValue(Type.getObjectType("java/lang/Object"));
        }
        return super.binaryOperation(insn, array, index);
    }

    @Override
    public BasicValue merge(BasicValue a, BasicValue b) {
        if (a.equals(b)) {
            return a;
        }
        if (isReference(a) && isReference(b)) {
            if (a.getType().equals(NULL)) {
                return b;
            }
            if (b.getType().equals(NULL)) {
                return a;
            }
            return newValue(hierarchy.commonSuperType(a.getType(), b.getType()));
        }
        return BasicValue.UNINITIALIZED_VALUE;
    }

    static boolean isReference(BasicValue v) {
        return v.getType() != null && isReferenceType(v.getType());
    }

    static boolean isReferenceType(Type t) {
        return t.getSort() == Type.OBJECT || t.getSort() == Type.ARRAY;
    }
}
