package dev.weft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ScopeTest {
    @Test
    void theScopeFinishesWithTheBodysOutputOnlyAfterEveryChild() {
        Order order = new Order();
        Probe<String> child = new Probe<>();
        try (Executor ex = Executor.singleThreaded()) {
            JoinHandle<String> h = ex.spawn(Scope.run(scope -> {
                scope.spawn(Steps.then(child, v -> {
                    order.expect(1);
                    return Async.ready(v);
                }));
                order.expect(0);
                return Async.ready("body");
            }));
            awaitPolled(child);
            assertFalse(h.isDone(), "the body finished, but a child still runs");
            child.complete("child");
            assertEquals("body", h.join());
            order.expect(2);
        }
    }

    @Test
    void theFirstFailureCancelsTheBodyAndEveryOtherChild() {
        Probe<String> body = new Probe<>();
        Probe<String> sibling = new Probe<>();
        Probe<String> failing = new Probe<>();
        AtomicReference<JoinHandle<String>> siblingHandle = new AtomicReference<>();
        try (Executor ex = Executor.singleThreaded()) {
            JoinHandle<String> h = ex.spawn(Scope.run(scope -> {
                siblingHandle.set(scope.spawn(sibling));
                scope.spawn(failing);
                return body;
            }));
            awaitPolled(sibling);
            awaitPolled(failing);
            RuntimeException boom = new RuntimeException("boom");
            failing.fail(boom);
            assertSame(boom, assertThrows(RuntimeException.class, h::join));
            assertTrue(body.cancelled(), "body cancelled");
            assertTrue(sibling.cancelled(), "sibling cancelled before the scope finished");
            assertThrows(CancellationException.class, siblingHandle.get()::join);
            assertEquals(0, failuresSuppressedBy(boom).length, "the sibling's cancellation is not a failure");
        }
    }

    @Test
    void failuresAfterTheFirstAreAddedAsSuppressed() {
        Probe<String> p0 = new Probe<>();
        Probe<String> p1 = new Probe<>();
        List<JoinHandle<String>> children = new CopyOnWriteArrayList<>();
        Future<String> scoped = Scope.run(scope -> {
            children.add(scope.spawn(p0));
            children.add(scope.spawn(p1));
            return new Probe<>();
        });
        Steps.CountingWaker waker = new Steps.CountingWaker();
        Context cx = waker.context();
        assertTrue(scoped.poll(cx).isPending());
        awaitPolled(p0);
        awaitPolled(p1);
        RuntimeException first = new RuntimeException("first");
        IllegalStateException second = new IllegalStateException("second");
        // each failure must have woken the scope before the next one happens, so they queue in order
        p0.fail(first);
        awaitWakes(waker, 1);
        p1.fail(second);
        awaitWakes(waker, 2);
        assertSame(first, assertThrows(RuntimeException.class, () -> scoped.poll(cx)));
        assertArrayEquals(new Throwable[] {second}, failuresSuppressedBy(first));
    }

    @Test
    void aChildCancelledThroughItsHandleIsNotAFailure() {
        Probe<String> child = new Probe<>();
        String out = Async.blockOn(Scope.run(scope -> {
            scope.spawn(child).cancel();
            return Async.ready("body");
        }));
        assertEquals("body", out);
        assertTrue(child.cancelled());
    }

    @Test
    void aChildFailingAfterTheBodyFinishedFailsTheScope() {
        Probe<String> child = new Probe<>();
        try (Executor ex = Executor.singleThreaded()) {
            JoinHandle<String> h = ex.spawn(Scope.run(scope -> {
                scope.spawn(child);
                return Async.ready("body");
            }));
            awaitPolled(child);
            IllegalStateException late = new IllegalStateException("late");
            child.fail(late);
            assertSame(late, assertThrows(IllegalStateException.class, h::join));
        }
    }

    @Test
    void cancellingTheScopesTaskCancelsTheBodyAndItsChildren() {
        Probe<String> body = new Probe<>();
        Probe<String> a = new Probe<>();
        Probe<String> b = new Probe<>();
        List<JoinHandle<String>> children = new CopyOnWriteArrayList<>();
        try (Executor ex = Executor.singleThreaded()) {
            JoinHandle<String> h = ex.spawn(Scope.run(scope -> {
                children.add(scope.spawn(a));
                children.add(scope.spawn(b));
                return body;
            }));
            awaitPolled(a);
            awaitPolled(b);
            assertTrue(h.cancel());
            for (JoinHandle<String> c : children) {
                assertThrows(CancellationException.class, c::join);
            }
            assertTrue(body.cancelled());
            assertTrue(a.cancelled());
            assertTrue(b.cancelled());
        }
    }

    @Test
    void aChildMaySpawnIntoItsScopeFromAnotherTask() {
        Probe<String> grandchild = new Probe<>();
        try (Executor ex = Executor.workStealing(2)) {
            JoinHandle<String> h = ex.spawn(Scope.run(scope -> {
                scope.spawn(cx -> {
                    scope.spawn(grandchild);
                    return Poll.ready("child");
                });
                return Async.ready("body");
            }));
            awaitPolled(grandchild);
            assertFalse(h.isDone(), "the grandchild still runs");
            grandchild.complete("grandchild");
            assertEquals("body", h.join());
        }
    }

    @Test
    void spawnIsRefusedOnceTheScopeFinished() {
        AtomicReference<Scope> kept = new AtomicReference<>();
        Async.blockOn(Scope.run(scope -> {
            kept.set(scope);
            return Async.ready(null);
        }));
        assertThrows(IllegalStateException.class, () -> kept.get().spawn(Async.ready(1)));
    }

    @Test
    void aChildSpawnedWhileTheScopeIsCancellingIsCancelledAtOnce() {
        AtomicReference<JoinHandle<String>> late = new AtomicReference<>();
        Probe<String> failing = new Probe<>();
        try (Executor ex = Executor.singleThreaded()) {
            JoinHandle<String> h = ex.spawn(Scope.run(scope -> new CancellableBody(() ->
                    late.set(scope.spawn(new Probe<>())), scope, failing)));
            awaitPolled(failing);
            RuntimeException boom = new RuntimeException("boom");
            failing.fail(boom);
            assertSame(boom, assertThrows(RuntimeException.class, h::join));
            assertThrows(CancellationException.class, late.get()::join);
        }
    }

    /** A body that spawns {@code child} at its first poll and runs {@code onCancel} when cancelled. */
    private static final class CancellableBody implements Future<String>, Cancellable {
        private final Runnable onCancel;
        private final Scope scope;
        private final Future<String> child;
        private boolean spawned;

        CancellableBody(Runnable onCancel, Scope scope, Future<String> child) {
            this.onCancel = onCancel;
            this.scope = scope;
            this.child = child;
        }

        @Override
        public Poll<String> poll(Context cx) {
            if (!spawned) {
                spawned = true;
                scope.spawn(child);
            }
            return Poll.pending();
        }

        @Override
        public void cancel() {
            onCancel.run();
        }
    }

    static void awaitPolled(Probe<?> p) {
        while (p.polls.get() == 0) {
            Thread.onSpinWait();
        }
    }

    private static void awaitWakes(Steps.CountingWaker waker, int wakes) {
        while (waker.wakes.get() < wakes) {
            Thread.onSpinWait();
        }
    }

    /** The suppressed failures, without the {@link AwaitedAt} each crossing of a handle adds. */
    private static Throwable[] failuresSuppressedBy(Throwable t) {
        return Arrays.stream(t.getSuppressed()).filter(s -> !(s instanceof AwaitedAt)).toArray(Throwable[]::new);
    }
}
