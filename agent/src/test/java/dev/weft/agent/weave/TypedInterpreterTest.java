package dev.weft.agent.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * The typed interpreter alone, through {@link BytecodeAnalysis}: the exact reference types it
 * keeps (what a restored local is cast back to), and how branches merge.
 */
class TypedInterpreterTest {
    private static final ClassHierarchy HIERARCHY = new ClassHierarchy(TypedInterpreterTest.class.getClassLoader());

    @Test
    void branchesMeetAtTheirNearestCommonSuperclass() {
        Frame<BasicValue> join = joinOf("java/util/ArrayList", "java/util/LinkedList");
        assertEquals(Type.getObjectType("java/util/AbstractList"), join.getLocal(1).getType());
    }

    @Test
    void nullMergesIntoTheOtherBranchsType() {
        Frame<BasicValue> join = joinOf(null, "java/util/ArrayList");
        assertEquals(Type.getObjectType("java/util/ArrayList"), join.getLocal(1).getType());
    }

    @Test
    void anIntAndAReferenceMergeIntoAnUnreadableLocal() {
        MethodNode m = branches(mv -> mv.visitInsn(Opcodes.ICONST_1), mv -> allocate(mv, "java/util/ArrayList"),
                Opcodes.ISTORE);
        Frame<BasicValue> join = analyze(m)[joinIndex(m)];
        assertNull(join.getLocal(1).getType(), "no type: the frame layout saves nothing for it");
    }

    @Test
    void anArrayElementKeepsTheArraysElementType() {
        MethodNode m = new MethodNode(Opcodes.ACC_STATIC, "first", "([Ljava/lang/String;)Ljava/lang/Object;", null, null);
        m.visitVarInsn(Opcodes.ALOAD, 0);
        m.visitInsn(Opcodes.ICONST_0);
        m.visitInsn(Opcodes.AALOAD);
        m.visitInsn(Opcodes.ARETURN);
        m.maxStack = 2;
        m.maxLocals = 1;
        Frame<BasicValue> atReturn = analyze(m)[3];
        assertEquals(Type.getType(String.class), atReturn.getStack(0).getType());
    }

    @Test
    void aClassFileTheMergeNeedsButCannotFindIsReportedAsItself() {
        WeaveException e = assertThrows(WeaveException.class, () -> joinOf("p/Missing1", "p/Missing2"));
        assertTrue(e.getMessage().startsWith("cannot find the class file of p.Missing"), e.getMessage());
    }

    @Test
    void codeTheAnalysisRejectsIsReportedWithTheMethodNamed() {
        MethodNode m = new MethodNode(Opcodes.ACC_STATIC, "broken", "()V", null, null);
        m.visitInsn(Opcodes.POP);
        m.visitInsn(Opcodes.RETURN);
        m.maxStack = 1;
        WeaveException e = assertThrows(WeaveException.class, () -> analyze(m));
        assertTrue(e.getMessage().startsWith("cannot analyze the bytecode of broken()V: Error at instruction 0"),
                e.getMessage());
    }

    /** {@code Object x = c ? new A() : new B(); return x;} with {@code null} for {@code aconst_null}. */
    private static Frame<BasicValue> joinOf(String a, String b) {
        MethodNode m = branches(mv -> allocate(mv, a), mv -> allocate(mv, b), Opcodes.ASTORE);
        return analyze(m)[joinIndex(m)];
    }

    private static MethodNode branches(java.util.function.Consumer<MethodNode> then,
            java.util.function.Consumer<MethodNode> otherwise, int store) {
        MethodNode m = new MethodNode(Opcodes.ACC_STATIC, "pick", "(Z)V", null, null);
        Label other = new Label();
        Label join = new Label();
        m.visitVarInsn(Opcodes.ILOAD, 0);
        m.visitJumpInsn(Opcodes.IFEQ, other);
        then.accept(m);
        m.visitVarInsn(store, 1);
        m.visitJumpInsn(Opcodes.GOTO, join);
        m.visitLabel(other);
        otherwise.accept(m);
        m.visitVarInsn(Opcodes.ASTORE, 1);
        m.visitLabel(join);
        m.visitInsn(Opcodes.RETURN);
        m.maxStack = 2;
        m.maxLocals = 2;
        return m;
    }

    private static void allocate(MethodNode m, String type) {
        if (type == null) {
            m.visitInsn(Opcodes.ACONST_NULL);
            return;
        }
        m.visitTypeInsn(Opcodes.NEW, type);
        m.visitInsn(Opcodes.DUP);
        m.visitMethodInsn(Opcodes.INVOKESPECIAL, type, "<init>", "()V", false);
    }

    /** The final {@code return}, where both branches have met. */
    private static int joinIndex(MethodNode m) {
        return m.instructions.indexOf(m.instructions.getLast());
    }

    private static Frame<BasicValue>[] analyze(MethodNode m) {
        return BytecodeAnalysis.frames(new Analyzer<>(new TypedInterpreter(HIERARCHY)), "T", m);
    }
}
