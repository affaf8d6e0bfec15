package dev.weft.agent.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.MethodNode;

/** Return lowering alone, on hand-assembled returns: what each kind of coroutine's return becomes. */
class ReturnLoweringTest {

    @Test
    void aLazyCoroutineReturnsTheReadyValueItselfAndAwaitsAnyOtherFuture() {
        MethodNode m = twoReturns("(Ldev/weft/Future;)Ldev/weft/Future;", AwaitCalls.ASYNC, "ready",
                AwaitCalls.READY_DESC);
        ReturnLowering.apply(m, CoroutineKind.LAZY);
        assertEquals("LDC \"now\"\nARETURN\nALOAD 0\n"
                + "INVOKESTATIC dev/weft/Async.await (Ldev/weft/Future;)Ljava/lang/Object;\nARETURN", Listing.of(m));
    }

    @Test
    void anEagerCoroutineDropsCompletedFutureAndAwaitsOtherStages() {
        MethodNode m = twoReturns("(Ljava/util/concurrent/CompletionStage;)Ljava/util/concurrent/CompletableFuture;",
                CoroutineKind.COMPLETABLE_FUTURE, "completedFuture", AwaitCalls.COMPLETED_FUTURE_DESC);
        ReturnLowering.apply(m, CoroutineKind.EAGER);
        assertEquals("LDC \"now\"\nARETURN\nALOAD 0\nINVOKESTATIC dev/weft/Async.await "
                + "(Ljava/util/concurrent/CompletionStage;)Ljava/lang/Object;\nARETURN", Listing.of(m));
    }

    @Test
    void onlyAReadyCallRightBeforeTheReturnIsDropped() {
        MethodNode m = new MethodNode(Opcodes.ACC_STATIC, "h", "()Ldev/weft/Future;", null, null);
        m.visitLdcInsn("kept");
        m.visitMethodInsn(Opcodes.INVOKESTATIC, AwaitCalls.ASYNC, "ready", AwaitCalls.READY_DESC, false);
        m.visitInsn(Opcodes.POP);
        m.visitInsn(Opcodes.ACONST_NULL);
        m.visitInsn(Opcodes.ARETURN);
        ReturnLowering.apply(m, CoroutineKind.LAZY);
        assertEquals("LDC \"kept\"\nINVOKESTATIC dev/weft/Async.ready (Ljava/lang/Object;)Ldev/weft/Future;\nPOP\n"
                + "ACONST_NULL\nINVOKESTATIC dev/weft/Async.await (Ldev/weft/Future;)Ljava/lang/Object;\nARETURN",
                Listing.of(m));
    }

    /** {@code return wrap("now");} then {@code return arg0;}: one wrapped value, one future passed through. */
    private static MethodNode twoReturns(String desc, String wrapOwner, String wrapName, String wrapDesc) {
        MethodNode m = new MethodNode(Opcodes.ACC_STATIC, "f", desc, null, null);
        m.visitLdcInsn("now");
        m.visitMethodInsn(Opcodes.INVOKESTATIC, wrapOwner, wrapName, wrapDesc, false);
        m.visitInsn(Opcodes.ARETURN);
        m.visitVarInsn(Opcodes.ALOAD, 0);
        m.visitInsn(Opcodes.ARETURN);
        return m;
    }
}
