package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.time.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TaskLocalTest {
    private static final TaskLocal<String> REQUEST = new TaskLocal<>("request");
    private static final TaskLocal<String> USER = new TaskLocal<>("user");

    /** Pending at its first poll, ready at the second: a suspension point. */
    private static final class Pause implements Future<Void> {
        private boolean paused;

        @Override
        public Poll<Void> poll(Context cx) {
            if (paused) {
                return Poll.ready(null);
            }
            paused = true;
            return Poll.pending();
        }
    }

    /** Records, at each poll, the thread, the task-local and the MDC it sees. */
    private static Future<Void> recording(List<String> seen, Future<?> wait) {
        return cx -> {
            seen.add(REQUEST.orElse("-") + "/" + Mdc.get("request"));
            return wait.poll(cx).isReady() ? Poll.ready(null) : Poll.pending();
        };
    }

    @Test
    void aValueAndABindingFollowTheFutureFromThreadToThreadAndLeaveNothingBehind() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        Future<Void> bound = REQUEST.with("r-1",
                new Mdc.Binding(Map.of("request", "r-1")).around(recording(seen, new Pause())));
        Context cx = new Steps.CountingWaker().context();
        List<String> after = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread t = new Thread(() -> {
                Mdc.put("request", "thread's own");
                bound.poll(cx);
                after.add(REQUEST.orElse("-") + "/" + Mdc.get("request"));
            });
            t.start();
            t.join();
        }
        assertEquals(List.of("r-1/r-1", "r-1/r-1"), seen);
        assertEquals(List.of("-/thread's own", "-/thread's own"), after);
    }

    @Test
    void anInnerBindingHidesTheOuterOneForTheInnerFutureOnly() {
        List<String> seen = new ArrayList<>();
        Future<Void> f = REQUEST.with("outer", Steps.then(
                REQUEST.with("inner", recording(seen, Async.ready(null))),
                v -> recording(seen, Async.ready(null))));
        Async.blockOn(f);
        assertEquals(List.of("inner/null", "outer/null"), seen);
    }

    @Test
    void anUnboundTaskLocalSaysSo() {
        assertFalse(REQUEST.isBound());
        assertThrows(NoSuchElementException.class, REQUEST::get);
        assertEquals("none", REQUEST.orElse("none"));
        Future<Boolean> bound = cx -> Poll.ready(REQUEST.isBound());
        assertTrue(Async.blockOn(REQUEST.with("x", bound)));
    }

    @Test
    void scopeChildrenInheritValuesAndBindingsButDetachedTasksDoNot() {
        List<String> children = new CopyOnWriteArrayList<>();
        AtomicReference<String> detached = new AtomicReference<>();
        try (Executor ex = Executor.workStealing(2)) {
            Future<String> request = REQUEST.with("r-2", new Mdc.Binding(Map.of("request", "r-2")).around(
                    USER.with("ada", Scope.run(scope -> {
                        for (int i = 0; i < 3; i++) {
                            scope.spawn(cx -> {
                                children.add(REQUEST.get() + "/" + USER.get() + "/" + Mdc.get("request"));
                                return Poll.ready(null);
                            });
                        }
                        JoinHandle<Void> d = Async.spawn(cx -> {
                            detached.set(REQUEST.orElse("-") + "/" + Mdc.get("request"));
                            return Poll.ready(null);
                        });
                        return Steps.then(d, v -> Async.ready("done"));
                    }))));
            assertEquals("done", ex.blockOn(request));
        }
        assertEquals(List.of("r-2/ada/r-2", "r-2/ada/r-2", "r-2/ada/r-2"), children);
        assertEquals("-/null", detached.get());
    }

    @Test
    void aCancelledFutureUnwindsInsideItsContext() {
        AtomicReference<String> atCancel = new AtomicReference<>();
        class Resource implements Future<Void>, Cancellable {
            @Override
            public Poll<Void> poll(Context cx) {
                return Poll.pending();
            }

            @Override
            public void cancel() {
                atCancel.set(REQUEST.get() + "/" + Mdc.get("request"));
            }
        }
        Future<Void> f = REQUEST.with("r-3", new Mdc.Binding(Map.of("request", "r-3")).around(new Resource()));
        Context cx = new Steps.CountingWaker().context();
        assertTrue(f.poll(cx).isPending());
        ((Cancellable) f).cancel();
        assertEquals("r-3/r-3", atCancel.get());
        assertNull(Mdc.get("request"), "nothing left on the cancelling thread");
    }

    /**
     * Many requests sleeping on the work-stealing executor, so each resumes on whichever worker
     * takes the reactor's wake: every poll sees its own request's values, and an unbound task
     * running on the same workers never sees any.
     */
    @StressTest
    void valuesStayWithTheirTaskAcrossWorkerHops() {
        int requests = 40;
        int hops = StressSize.of(20);
        Set<String> threadsPerRequest = ConcurrentHashMap.newKeySet();
        List<String> wrong = new CopyOnWriteArrayList<>();
        try (Executor ex = Executor.workStealing(4)) {
            List<JoinHandle<Void>> all = new ArrayList<>();
            for (int r = 0; r < requests; r++) {
                String id = "r" + r;
                Future<Void> steps = Steps.repeat(hops, i -> {
                    Future<Void> sleep = Timer.sleep(Duration.ofMillis(1));
                    return (Future<Void>) cx -> {
                        threadsPerRequest.add(id + " " + Thread.currentThread().getName());
                        if (!id.equals(REQUEST.get()) || !id.equals(Mdc.get("request"))) {
                            wrong.add(id + " saw " + REQUEST.orElse("-") + "/" + Mdc.get("request"));
                        }
                        return sleep.poll(cx);
                    };
                });
                all.add(ex.spawn(REQUEST.with(id, new Mdc.Binding(Map.of("request", id)).around(steps))));
            }
            all.add(ex.spawn(Steps.repeat(hops * 10, i -> {
                Future<Void> yield = Async.yieldNow();
                return (Future<Void>) cx -> {
                    if (REQUEST.isBound() || Mdc.get("request") != null) {
                        wrong.add("an unbound task saw " + REQUEST.orElse("-") + "/" + Mdc.get("request"));
                    }
                    return yield.poll(cx);
                };
            })));
            for (JoinHandle<Void> h : all) {
                h.join();
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(threadsPerRequest.size() > requests, "no request ever moved to another worker");
    }
}
