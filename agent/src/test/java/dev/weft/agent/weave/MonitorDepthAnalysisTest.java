package dev.weft.agent.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.MethodNode;

/**
 * MonitorDepthAnalysis on javac's shape of a {@code synchronized} block inside a {@code try}: an
 * exception in the block reaches the block's own catch-any handler first, which releases the
 * monitor, so the outer handler runs with none held.
 */
class MonitorDepthAnalysisTest {
    @Test
    void theOuterHandlerOfALockedBlockHoldsNoMonitor() {
        MethodNode m = lockedBlockInsideTry("java/lang/Exception", null);
        int[] depth = MonitorDepthAnalysis.of(m);
        assertEquals(1, depth[index(m, "body")], "inside the block");
        assertEquals(0, depth[index(m, "outer")], "the outer catch");
        assertEquals(0, depth[index(m, "after")], "after the try");
    }

    @Test
    void aHandlerListedBeforeTheBlocksOwnIsReachedHoldingTheMonitor() {
        // the JVM takes the first matching entry: an outer catch-all listed first shadows the block's
        MethodNode m = lockedBlockInsideTry(null, "first");
        assertEquals(1, MonitorDepthAnalysis.of(m)[index(m, "outer")]);
    }

    /**
     * {@code try { synchronized (a0) { body } } catch (type e) { outer }; after}, as javac
     * compiles it; {@code outerFirst} lists the outer handler before the block's catch-any.
     */
    private static MethodNode lockedBlockInsideTry(String type, String outerFirst) {
        MethodNode m = new MethodNode(Opcodes.ACC_STATIC, "f", "(Ljava/lang/Object;)V", null, null);
        Label tryStart = new Label();
        Label tryEnd = new Label();
        Label outer = new Label();
        Label lockedStart = new Label();
        Label lockedEnd = new Label();
        Label release = new Label();
        Label releaseEnd = new Label();
        Label after = new Label();
        if (outerFirst != null) {
            m.visitTryCatchBlock(tryStart, tryEnd, outer, type);
        }
        m.visitTryCatchBlock(lockedStart, lockedEnd, release, null);
        m.visitTryCatchBlock(release, releaseEnd, release, null);
        if (outerFirst == null) {
            m.visitTryCatchBlock(tryStart, tryEnd, outer, type);
        }
        m.visitLabel(tryStart);
        m.visitVarInsn(Opcodes.ALOAD, 0);
        m.visitInsn(Opcodes.DUP);
        m.visitVarInsn(Opcodes.ASTORE, 1);
        m.visitInsn(Opcodes.MONITORENTER);
        m.visitLabel(lockedStart);
        mark(m, "body");
        m.visitVarInsn(Opcodes.ALOAD, 1);
        m.visitInsn(Opcodes.MONITOREXIT);
        m.visitLabel(lockedEnd);
        m.visitJumpInsn(Opcodes.GOTO, tryEnd);
        m.visitLabel(release);
        m.visitVarInsn(Opcodes.ASTORE, 2);
        m.visitVarInsn(Opcodes.ALOAD, 1);
        m.visitInsn(Opcodes.MONITOREXIT);
        m.visitLabel(releaseEnd);
        m.visitVarInsn(Opcodes.ALOAD, 2);
        m.visitInsn(Opcodes.ATHROW);
        m.visitLabel(tryEnd);
        m.visitJumpInsn(Opcodes.GOTO, after);
        m.visitLabel(outer);
        m.visitInsn(Opcodes.POP);
        mark(m, "outer");
        m.visitLabel(after);
        mark(m, "after");
        m.visitInsn(Opcodes.RETURN);
        return m;
    }

    /** A recognizable no-op: {@code ldc name; pop}. */
    private static void mark(MethodVisitor m, String name) {
        m.visitLdcInsn(name);
        m.visitInsn(Opcodes.POP);
    }

    private static int index(MethodNode m, String mark) {
        for (int i = 0; i < m.instructions.size(); i++) {
            if (m.instructions.get(i) instanceof org.objectweb.asm.tree.LdcInsnNode ldc && mark.equals(ldc.cst)) {
                return i;
            }
        }
        throw new AssertionError("no mark " + mark);
    }
}
