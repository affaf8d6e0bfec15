package dev.weft.agent.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.MethodNode;

/** EntryStub alone: golden listings of the stub for each kind of coroutine. */
class EntryStubTest {
    private static final List<Type> ENTRY = List.of(Type.getObjectType("p/Host"), Type.INT_TYPE);

    @Test
    void lazyStubReturnsTheFrame() {
        assertEquals("""
                NEW p/Host$m$Weft
                DUP
                ALOAD 0
                ILOAD 1
                INVOKESPECIAL p/Host$m$Weft.<init> (Lp/Host;I)V
                ARETURN""", stub("(I)Ldev/weft/Future;", CoroutineKind.LAZY));
    }

    @Test
    void eagerStubStartsTheFrame() {
        assertEquals("""
                NEW p/Host$m$Weft
                DUP
                ALOAD 0
                ILOAD 1
                INVOKESPECIAL p/Host$m$Weft.<init> (Lp/Host;I)V
                CHECKCAST dev/weft/woven/Coroutine
                INVOKESTATIC dev/weft/woven/EagerCoroutine.start (Ldev/weft/woven/Coroutine;)Ljava/util/concurrent/CompletableFuture;
                ARETURN""", stub("(I)Ljava/util/concurrent/CompletionStage;",
                CoroutineKind.EAGER));
    }

    @Test
    void eagerStubOfASubclassCompletesANewInstanceOfIt() {
        assertEquals("""
                NEW p/Host$m$Weft
                DUP
                ALOAD 0
                ILOAD 1
                INVOKESPECIAL p/Host$m$Weft.<init> (Lp/Host;I)V
                CHECKCAST dev/weft/woven/Coroutine
                NEW p/Task
                DUP
                INVOKESPECIAL p/Task.<init> ()V
                INVOKESTATIC dev/weft/woven/EagerCoroutine.start (Ldev/weft/woven/Coroutine;Ljava/util/concurrent/CompletableFuture;)Ljava/util/concurrent/CompletableFuture;
                CHECKCAST p/Task
                ARETURN""", stub("(I)Lp/Task;", CoroutineKind.EAGER));
    }

    private static String stub(String desc, CoroutineKind kind) {
        MethodNode original = new MethodNode(Opcodes.ACC_PUBLIC, "m", desc, null, null);
        return Listing.of(EntryStub.create(original, "p/Host$m$Weft", ENTRY, null /* few slots: no layout needed */, kind));
    }
}
