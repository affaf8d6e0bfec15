package dev.weft.agent.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicVerifier;

/**
 * NewSinking alone, on small hand-assembled methods {@code static Object m(Future f)}: golden
 * listings of what it leaves, each of which must still pass ASM's BasicVerifier.
 */
class NewSinkingTest {
    private static final String OWNER = "p/Host";
    private static final String BOX = "p/Box";

    @Test
    void javacShapeSinksNewDupToTheConstructorCall() throws Exception {
        String out = sink(m -> {
            m.visitTypeInsn(Opcodes.NEW, BOX);
            m.visitInsn(Opcodes.DUP);
            await(m);
            init(m);
        });
        assertEquals("""
                NEW p/Box
                POP
                ALOAD 0
                INVOKESTATIC dev/weft/Async.await (Ldev/weft/Future;)Ljava/lang/Object;
                ASTORE 2
                NEW p/Box
                DUP
                ALOAD 2
                INVOKESPECIAL p/Box.<init> (Ljava/lang/Object;)V
                ARETURN""", out);
    }

    @Test
    void theHostClassNeedsNoInitializingNew() throws Exception {
        String out = sink(m -> {
            m.visitTypeInsn(Opcodes.NEW, OWNER);
            m.visitInsn(Opcodes.DUP);
            await(m);
            m.visitMethodInsn(Opcodes.INVOKESPECIAL, OWNER, "<init>", "(Ljava/lang/Object;)V", false);
        });
        assertEquals("""
                ALOAD 0
                INVOKESTATIC dev/weft/Async.await (Ldev/weft/Future;)Ljava/lang/Object;
                ASTORE 2
                NEW p/Host
                DUP
                ALOAD 2
                INVOKESPECIAL p/Host.<init> (Ljava/lang/Object;)V
                ARETURN""", out);
    }

    @Test
    void twoCopiesOnTheStackComeBackAsTwoDups() throws Exception {
        String out = sink(m -> {
            m.visitTypeInsn(Opcodes.NEW, BOX);
            m.visitInsn(Opcodes.DUP);
            m.visitInsn(Opcodes.DUP);
            await(m);
            init(m);
            m.visitInsn(Opcodes.POP);
        });
        assertEquals("""
                NEW p/Box
                POP
                ALOAD 0
                INVOKESTATIC dev/weft/Async.await (Ldev/weft/Future;)Ljava/lang/Object;
                ASTORE 2
                NEW p/Box
                DUP
                DUP
                ALOAD 2
                INVOKESPECIAL p/Box.<init> (Ljava/lang/Object;)V
                POP
                ARETURN""", out);
    }

    @Test
    void aCopyUnderAnotherValueIsPutBackUnderIt() throws Exception {
        // new; dup; sipush 1; swap: the swap only moved the object, so it goes; the int is parked
        String out = sink(m -> {
            m.visitTypeInsn(Opcodes.NEW, BOX);
            m.visitInsn(Opcodes.DUP);
            m.visitIntInsn(Opcodes.SIPUSH, 1);
            m.visitInsn(Opcodes.SWAP);
            await(m);
            init(m);
            m.visitInsn(Opcodes.POP);
        });
        assertEquals("""
                NEW p/Box
                POP
                SIPUSH 1
                ALOAD 0
                INVOKESTATIC dev/weft/Async.await (Ldev/weft/Future;)Ljava/lang/Object;
                ASTORE 2
                ISTORE 3
                NEW p/Box
                DUP
                ALOAD 2
                INVOKESPECIAL p/Box.<init> (Ljava/lang/Object;)V
                ILOAD 3
                POP
                ARETURN""", out);
    }

    @Test
    void copiesOnBothSidesOfAnotherValueComeBackThroughALocal() throws Exception {
        // new; dup; iconst_1; swap; dup: [U, 1, U, U] under the await, [X, 1, X] after the constructor
        String out = sink(m -> {
            m.visitTypeInsn(Opcodes.NEW, BOX);
            m.visitInsn(Opcodes.DUP);
            m.visitInsn(Opcodes.ICONST_1);
            m.visitInsn(Opcodes.SWAP);
            m.visitInsn(Opcodes.DUP);
            await(m);
            init(m);
            m.visitInsn(Opcodes.POP);
            m.visitInsn(Opcodes.POP);
        });
        assertEquals("""
                NEW p/Box
                POP
                ICONST_1
                ALOAD 0
                INVOKESTATIC dev/weft/Async.await (Ldev/weft/Future;)Ljava/lang/Object;
                ASTORE 2
                ISTORE 3
                NEW p/Box
                DUP
                ALOAD 2
                INVOKESPECIAL p/Box.<init> (Ljava/lang/Object;)V
                ASTORE 4
                ALOAD 4
                ILOAD 3
                ALOAD 4
                POP
                POP
                ARETURN""", out);
    }

    @Test
    void aCopyInALocalIsStoredThereAfterTheConstructor() throws Exception {
        String out = sink(m -> {
            m.visitTypeInsn(Opcodes.NEW, BOX);
            m.visitInsn(Opcodes.DUP);
            m.visitInsn(Opcodes.DUP);
            m.visitVarInsn(Opcodes.ASTORE, 1);
            await(m);
            init(m);
            m.visitInsn(Opcodes.POP);
            m.visitVarInsn(Opcodes.ALOAD, 1);
        });
        assertEquals("""
                NEW p/Box
                POP
                ALOAD 0
                INVOKESTATIC dev/weft/Async.await (Ldev/weft/Future;)Ljava/lang/Object;
                ASTORE 2
                NEW p/Box
                DUP
                DUP
                ALOAD 2
                INVOKESPECIAL p/Box.<init> (Ljava/lang/Object;)V
                ASTORE 1
                POP
                ALOAD 1
                ARETURN""", out);
    }

    @Test
    void aStackInstructionMovingTheObjectAndOtherValuesKeepsWhatItDoesToThem() throws Exception {
        // without the object, dup2 over [U, 2] is a dup of the int, pop2 over [U, 2, U, 2] pops
        // one int, and pop over [U, 2] the other
        String out = sink(m -> {
            m.visitTypeInsn(Opcodes.NEW, BOX);
            m.visitInsn(Opcodes.ICONST_2);
            m.visitInsn(Opcodes.DUP2); // U 2 U 2
            m.visitInsn(Opcodes.POP2); // U 2
            m.visitInsn(Opcodes.POP); // U
            m.visitInsn(Opcodes.DUP);
            await(m);
            init(m);
        });
        assertEquals("""
                NEW p/Box
                POP
                ICONST_2
                DUP
                POP
                POP
                ALOAD 0
                INVOKESTATIC dev/weft/Async.await (Ldev/weft/Future;)Ljava/lang/Object;
                ASTORE 2
                NEW p/Box
                DUP
                ALOAD 2
                INVOKESPECIAL p/Box.<init> (Ljava/lang/Object;)V
                ARETURN""", out);
    }

    @Test
    void anAllocationNoAwaitSpansIsLeftAlone() throws Exception {
        String out = sink(m -> {
            await(m);
            m.visitVarInsn(Opcodes.ASTORE, 1);
            m.visitTypeInsn(Opcodes.NEW, BOX);
            m.visitInsn(Opcodes.DUP);
            m.visitVarInsn(Opcodes.ALOAD, 1);
            init(m);
        });
        assertEquals("""
                ALOAD 0
                INVOKESTATIC dev/weft/Async.await (Ldev/weft/Future;)Ljava/lang/Object;
                ASTORE 1
                NEW p/Box
                DUP
                ALOAD 1
                INVOKESPECIAL p/Box.<init> (Ljava/lang/Object;)V
                ARETURN""", out);
    }

    private static void await(MethodVisitor m) {
        m.visitVarInsn(Opcodes.ALOAD, 0);
        m.visitMethodInsn(Opcodes.INVOKESTATIC, AwaitCalls.ASYNC, "await", AwaitCalls.AWAIT_FUTURE_DESC, false);
    }

    private static void init(MethodVisitor m) {
        m.visitMethodInsn(Opcodes.INVOKESPECIAL, BOX, "<init>", "(Ljava/lang/Object;)V", false);
    }

    /** Assembles {@code body; areturn}, sinks, checks the result still verifies, and lists it. */
    private static String sink(Consumer<MethodVisitor> body) throws AnalyzerException {
        MethodNode m = new MethodNode(Opcodes.ACC_STATIC, "m", "(Ldev/weft/Future;)Ljava/lang/Object;", null, null);
        body.accept(m);
        m.visitInsn(Opcodes.ARETURN);
        m.maxLocals = 2; // local 1 is the one a copy may be stored in
        m.maxStack = 6;
        NewSinking.apply(OWNER, m);
        new Analyzer<>(new BasicVerifier()).analyze(OWNER, m);
        return Listing.of(m);
    }
}
