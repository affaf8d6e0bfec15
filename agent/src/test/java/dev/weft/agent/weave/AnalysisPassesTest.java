package dev.weft.agent.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.MethodNode;

/** Liveness and monitor depth on small hand-assembled methods, where every answer is known. */
class AnalysisPassesTest {

    @Test
    void livenessSeesReadsAheadAndKillsOverwrittenLocals() {
        // 0: iload 0; 1: istore 1; 2: iconst_0; 3: istore 0; 4: iload 1; 5: ireturn
        MethodNode m = new MethodNode(Opcodes.ACC_STATIC, "f", "(I)I", null, null);
        m.visitVarInsn(Opcodes.ILOAD, 0);
        m.visitVarInsn(Opcodes.ISTORE, 1);
        m.visitInsn(Opcodes.ICONST_0);
        m.visitVarInsn(Opcodes.ISTORE, 0);
        m.visitVarInsn(Opcodes.ILOAD, 1);
        m.visitInsn(Opcodes.IRETURN);
        LivenessAnalysis live = LivenessAnalysis.of(m);
        assertEquals(bits(0), live.liveAt(0));
        assertEquals(bits(1), live.liveAt(2), "local 0 is overwritten before any read: dead");
        assertEquals(bits(), live.liveAt(5));
    }

    @Test
    void livenessCountsWhatAnExceptionHandlerReads() {
        MethodNode m = new MethodNode(Opcodes.ACC_STATIC, "g", "(I)I", null, null);
        Label start = new Label();
        Label end = new Label();
        Label handler = new Label();
        m.visitTryCatchBlock(start, end, handler, null);
        m.visitLabel(start);
        m.visitInsn(Opcodes.ICONST_1);
        m.visitInsn(Opcodes.IRETURN);
        m.visitLabel(end);
        m.visitLabel(handler);
        m.visitInsn(Opcodes.POP);
        m.visitVarInsn(Opcodes.ILOAD, 0);
        m.visitInsn(Opcodes.IRETURN);
        LivenessAnalysis live = LivenessAnalysis.of(m);
        int iconst = m.instructions.indexOf(m.instructions.getFirst().getNext());
        assertTrue(live.liveAt(iconst).get(0), "the handler reads local 0, so it is live inside the try");
    }

    @Test
    void monitorDepthIsPositiveOnlyBetweenEnterAndExit() {
        MethodNode m = new MethodNode(Opcodes.ACC_STATIC, "h", "(Ljava/lang/Object;)V", null, null);
        m.visitVarInsn(Opcodes.ALOAD, 0);
        m.visitInsn(Opcodes.MONITORENTER);
        m.visitInsn(Opcodes.NOP);
        m.visitVarInsn(Opcodes.ALOAD, 0);
        m.visitInsn(Opcodes.MONITOREXIT);
        m.visitInsn(Opcodes.NOP);
        m.visitInsn(Opcodes.RETURN);
        int[] depth = MonitorDepthAnalysis.of(m);
        assertEquals(0, depth[1]);
        assertEquals(1, depth[2]);
        assertEquals(0, depth[5]);
    }

    private static BitSet bits(int... set) {
        BitSet b = new BitSet();
        for (int i : set) {
            b.set(i);
        }
        return b;
    }
}
