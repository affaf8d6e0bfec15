package dev.weft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A failure read through a handle carries an {@link AwaitedAt} with the reader's stack, once per
 * crossing, and keeps its own frames.
 */
class AsyncTraceTest {

    @Test
    void aTaskAwaitingAFailedHandleAddsItsOwnStackAndLeavesTheFailuresFrames() {
        IllegalStateException boom = new IllegalStateException("boom");
        StackTraceElement[] original = boom.getStackTrace().clone();
        try (Executor ex = Executor.workStealing(2)) {
            Probe<String> gate = new Probe<>();
            JoinHandle<String> child = ex.spawn("child", failingAfter(gate, boom));
            JoinHandle<String> parent = ex.spawn("parent", new HandFrame<>("app.Page", "render", 20, child));
            gate.complete("go");

            Throwable thrown = assertThrows(IllegalStateException.class, parent::join);

            assertSame(boom, thrown);
            assertArrayEquals(original, boom.getStackTrace(), "the failure's own frames are untouched");
            List<AwaitedAt> crossings = awaitedAt(boom);
            assertEquals(2, crossings.size(), "parent awaited child, the test joined parent: " + crossings);
            AwaitedAt byParent = crossings.get(0);
            assertTrue(Pattern.matches("task \\d+ \\(child\\) failed; awaited by task \\d+ \\(parent\\)", byParent.getMessage()),
                    byParent.getMessage());
            StackTraceElement[] stack = byParent.getStackTrace();
            assertEquals(HandFrame.class.getName(), stack[0].getClassName(), Arrays.toString(stack));
            assertEquals("resume", stack[0].getMethodName());
            assertTrue(Arrays.stream(stack).noneMatch(f -> f.getClassName().startsWith("dev.weft.scheduler.")
                    || f.getClassName().startsWith("dev.weft.woven.") || f.getClassName().equals("java.lang.Thread")),
                    "Weft's frames and the executor's loop are left out: " + Arrays.toString(stack));
            AwaitedAt byTest = crossings.get(1);
            assertTrue(byTest.getMessage().endsWith("awaited by thread " + Thread.currentThread().getName()), byTest.getMessage());
            assertTrue(hasMethod(byTest, "aTaskAwaitingAFailedHandleAddsItsOwnStackAndLeavesTheFailuresFrames"),
                    "a thread's join shows the thread's own frames: " + Arrays.toString(byTest.getStackTrace()));
        }
    }

    @Test
    void readingTheSameFailureAgainFromTheSamePlaceAddsNothing() {
        IllegalStateException boom = new IllegalStateException("boom");
        JoinHandle<String> h = Async.spawn(failingAfter(Async.ready("now"), boom));
        for (int i = 0; i < 3; i++) {
            assertThrows(IllegalStateException.class, h::join);
        }
        assertEquals(1, awaitedAt(boom).size(), Arrays.toString(boom.getSuppressed()));
    }

    @Test
    void aFailureThatTravelsUpThroughThreeTasksCarriesOneAwaitedAtPerCrossing() {
        IllegalStateException boom = new IllegalStateException("boom");
        try (Executor ex = Executor.singleThreaded()) {
            JoinHandle<String> a = ex.spawn("a", failingAfter(Async.ready("now"), boom));
            JoinHandle<String> b = ex.spawn("b", new HandFrame<>("app.B", "b", 2, a));
            JoinHandle<String> c = ex.spawn("c", new HandFrame<>("app.C", "c", 3, b));
            assertThrows(IllegalStateException.class, c::join);
        }
        List<String> messages = awaitedAt(boom).stream().map(Throwable::getMessage).toList();
        assertEquals(3, messages.size(), messages.toString());
        assertTrue(messages.get(0).matches("task \\d+ \\(a\\) failed; awaited by task \\d+ \\(b\\)"), messages.get(0));
        assertTrue(messages.get(1).matches("task \\d+ \\(b\\) failed; awaited by task \\d+ \\(c\\)"), messages.get(1));
        assertTrue(messages.get(2).matches("task \\d+ \\(c\\) failed; awaited by thread .*"), messages.get(2));
    }

    @Test
    void aScopeChildsFailureCarriesWhereTheScopeWasAwaited() {
        IllegalStateException boom = new IllegalStateException("boom");
        Future<String> scoped = Scope.run(scope -> {
            scope.spawn("failing-child", failingAfter(Async.ready("now"), boom));
            return new Probe<String>();
        });
        assertThrows(IllegalStateException.class, () -> Async.blockOn(scoped));
        List<AwaitedAt> crossings = awaitedAt(boom);
        assertEquals(1, crossings.size(), crossings.toString());
        assertTrue(crossings.get(0).getMessage().matches("task \\d+ \\(failing-child\\) failed; awaited by thread .*"),
                crossings.get(0).getMessage());
        assertTrue(hasMethod(crossings.get(0), "aScopeChildsFailureCarriesWhereTheScopeWasAwaited"),
                "the scope's owner is this thread, in blockOn: " + Arrays.toString(crossings.get(0).getStackTrace()));
        assertTrue(Arrays.stream(crossings.get(0).getStackTrace()).noneMatch(f -> f.getClassName().startsWith("dev.weft.Scope")
                || f.getClassName().equals("dev.weft.Fanout")), "the scope's own frames are Weft's, left out");
    }

    @Test
    void aCancellationCarriesNone() {
        Probe<String> never = new Probe<>();
        JoinHandle<String> h = Async.spawn(never);
        h.cancel();
        CancellationException e = assertThrows(CancellationException.class, h::join);
        assertEquals(0, e.getSuppressed().length);
    }

    private static boolean hasMethod(Throwable t, String method) {
        return Arrays.stream(t.getStackTrace()).anyMatch(f -> f.getMethodName().equals(method));
    }

    private static List<AwaitedAt> awaitedAt(Throwable t) {
        return Arrays.stream(t.getSuppressed()).filter(AwaitedAt.class::isInstance).map(AwaitedAt.class::cast).toList();
    }

    /** Fails with {@code failure} once {@code gate} is ready. */
    private static Future<String> failingAfter(Future<String> gate, RuntimeException failure) {
        return cx -> {
            if (!gate.poll(cx).isReady()) {
                return Poll.pending();
            }
            throw failure;
        };
    }
}
