package dev.weft.agent.weave;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.BasicVerifier;

/**
 * A {@link BasicVerifier} that also checks reference types (method arguments and receivers, field
 * owners and values, returns, throws, array elements), answering subtype questions from
 * {@link ClassHierarchy} instead of loading classes the way ASM's {@code SimpleVerifier} does:
 * loading an application class from inside {@code transform} can deadlock or load it unwoven.
 *
 * <p>It follows the JVM verifier where the two differ from Java's rules: any reference is
 * assignable to an interface type. When a class file it needs cannot be read it accepts the
 * value; this verifier is a net for weaver bugs, not a replacement for the JVM's.
 */
final class HierarchyVerifier extends BasicVerifier {
    private final ClassHierarchy hierarchy;

    HierarchyVerifier(ClassHierarchy hierarchy) {
        super(Opcodes.ASM9);
        this.hierarchy = hierarchy;
    }

    @Override
    public BasicValue newValue(Type type) {
        if (type != null && TypedInterpreter.isReferenceType(type)) {
            return new BasicValue(type);
        }
        return super.newValue(type);
    }

    @Override
    protected boolean isArrayValue(BasicValue value) {
        Type t = value.getType();
        return t != null && (t.getSort() == Type.ARRAY || t.equals(TypedInterpreter.NULL));
    }

    @Override
    protected BasicValue getElementValue(BasicValue array) throws AnalyzerException {
        Type t = array.getType();
        if (t.equals(TypedInterpreter.NULL)) {
            return array; // aaload from null throws at run time; its result types as null
        }
        return newValue(Type.getType(t.getDescriptor().substring(1)));
    }

    @Override
    protected boolean isSubTypeOf(BasicValue value, BasicValue expected) {
        Type e = expected.getType();
        Type v = value.getType();
        if (value.equals(expected)) {
            return true;
        }
        if (e == null || v == null || !TypedInterpreter.isReferenceType(e)) {
            return false;
        }
        if (!TypedInterpreter.isReferenceType(v)) {
            return false;
        }
        if (v.equals(TypedInterpreter.NULL)) {
            return true;
        }
        try {
            return hierarchy.isAssignable(e, v);
        } catch (WeaveException noClassFile) {
            return true;
        }
    }

    @Override
    public BasicValue merge(BasicValue a, BasicValue b) {
        if (a.equals(b)) {
            return a;
        }
        if (TypedInterpreter.isReference(a) && TypedInterpreter.isReference(b)) {
            if (a.getType().equals(TypedInterpreter.NULL)) {
                return b;
            }
            if (b.getType().equals(TypedInterpreter.NULL)) {
                return a;
            }
            try {
                return newValue(hierarchy.commonSuperType(a.getType(), b.getType()));
            } catch (WeaveException noClassFile) {
                return BasicValue.REFERENCE_VALUE;
            }
        }
        return BasicValue.UNINITIALIZED_VALUE;
    }
}
