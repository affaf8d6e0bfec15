package dev.weft.agent.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import dev.weft.Async;
import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The weave at the class file's limits: methods with hundreds of awaits, code beyond what a class
 * file may hold, and errors thrown by the weaver itself (methods taking all 255 argument slots are
 * fixtures: {@code GeneratedLimitsTest} in test-fixtures).
 * Weave times and allocations are printed, never asserted.
 */
class WeaveLimitsTest {
    @TempDir
    Path dir;

    @Test
    void methodsWithManyAwaitsWeaveOrFallBackWithTheReason() throws Exception {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int awaits : new int[] {100, 400, 1500}) {
            String name = "Awaits" + awaits;
            byte[] original = GeneratedCoroutines.compile(name, GeneratedCoroutines.manyAwaits(name, awaits), dir);
            long allocated = threads.getCurrentThreadAllocatedBytes();
            long start = System.nanoTime();
            ClassWeaver.Result r = ClassWeaver.weave(original, new ClassHierarchy(getClass().getClassLoader()));
            System.out.printf("[weave] %d awaits: %d ms, %d MB allocated%n", awaits,
                    (System.nanoTime() - start) / 1_000_000, (threads.getCurrentThreadAllocatedBytes() - allocated) >> 20);
            if (awaits <= 400) {
                assertEquals(List.of(), r.failures());
                assertSameResultReadyAndPending(name, r);
            } else if (!r.failures().isEmpty()) {
                assertTrue(r.failures().get(0).contains("over the class file's limit of 65535 bytes per method"),
                        r.failures().get(0));
            }
        }
    }

    private static void assertSameResultReadyAndPending(String name, ClassWeaver.Result r) throws Exception {
        Method run = new WeaveTestSupport.WovenLoader(name, r).loadClass(name).getMethod("run", Future.class);
        long ready = (Long) Async.blockOn((Future<?>) run.invoke(null, Async.ready(3)));
        long pending = (Long) Async.blockOn((Future<?>) run.invoke(null, new PendingEachPoll(3)));
        assertEquals(ready, pending);
    }

    @Test
    void theWovenCodeCheckRejectsMoreThan255ArgumentSlots() {
        StringBuilder desc = new StringBuilder("(");
        desc.append("J".repeat(127)).append("I)V"); // 255 slots, and the receiver makes 256
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "dev/weft/agent/weave/Wide", null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(0, "m", desc.toString(), null, null);
        mv.visitCode();
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        WovenCodeVerifier.Problem p = WovenCodeVerifier.check(cw.toByteArray(), java.util.Set.of(),
                new ClassHierarchy(getClass().getClassLoader()));
        assertNotNull(p);
        assertEquals("takes 256 argument slots, over the class file's limit of 255", p.complaint());
    }

    @Test
    void anErrorThrownWhileWeavingBecomesTheFallbackWithItsReason() throws Exception {
        for (Error error : new Error[] {new StackOverflowError(), new OutOfMemoryError("Java heap space")}) {
            ClassWeaver.Result r = ClassWeaver.weave(WeaveTestSupport.bytesOf(Samples.class),
                    new ClassHierarchy(getClass().getClassLoader()), body -> {
                        throw error;
                    });
            assertEquals(1, r.failures().size());
            assertTrue(r.failures().get(0).contains("the weaver ran out of resources (" + error + ")"), r.failures().get(0));
            Method reuse = new WeaveTestSupport.WovenLoader(Samples.class.getName(), r).loadClass(Samples.class.getName())
                    .getDeclaredMethod("reuse", Future.class, int.class);
            reuse.setAccessible(true);
            InvocationTargetException thrown = org.junit.jupiter.api.Assertions.assertThrows(
                    InvocationTargetException.class, () -> reuse.invoke(null, Async.ready(1), 2));
            assertTrue(thrown.getCause().getMessage().contains("weaving FAILED"), thrown.getCause().getMessage());
        }
    }

    /** Pending at every other poll, waking its waker at once: every await suspends once. */
    private static final class PendingEachPoll implements Future<Integer> {
        private final int value;
        private boolean pendingNext = true;

        PendingEachPoll(int value) {
            this.value = value;
        }

        @Override
        public Poll<Integer> poll(Context cx) {
            pendingNext = !pendingNext;
            if (!pendingNext) {
                cx.waker().wake();
                return Poll.pending();
            }
            return Poll.ready(value);
        }
    }
}
