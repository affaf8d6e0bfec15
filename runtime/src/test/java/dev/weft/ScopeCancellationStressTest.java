package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.scheduler.StressExecutors;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scopes whose children spin on a work-stealing executor, ended by a child's failure or by
 * cancelling the scope's task from another thread at a random moment: no child is polled after
 * its cancellation, and none outlives its scope.
 */
class ScopeCancellationStressTest {
    private static final int CHILDREN = 6;

    /**
     * Yields for a while, so cancellation meets it mid-poll or queued, then waits forever; counts
     * polls after its cancellation, which must never happen.
     */
    private static final class Spinner implements Future<Void>, Cancellable {
        static final AtomicInteger pollsAfterCancel = new AtomicInteger();
        private volatile boolean cancelled;
        private int polls;

        @Override
        public Poll<Void> poll(Context cx) {
            if (cancelled) {
                pollsAfterCancel.incrementAndGet();
            }
            if (++polls < 100) {
                cx.waker().wake();
            }
            return Poll.pending();
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    @StressTest
    void aFailingChildEndsEveryChildBeforeTheScopeFails() {
        try (Executor ex = StressExecutors.create()) {
            for (int round = 0; round < StressSize.of(200); round++) {
                List<JoinHandle<Void>> children = new CopyOnWriteArrayList<>();
                RuntimeException boom = new RuntimeException("round " + round);
                int polls = ThreadLocalRandom.current().nextInt(1, 20);
                JoinHandle<Void> h = ex.spawn(Scope.run(scope -> {
                    for (int i = 0; i < CHILDREN; i++) {
                        children.add(scope.spawn(new Spinner()));
                    }
                    children.add(scope.spawn(Steps.then(Steps.repeat(polls, i -> Async.yieldNow()),
                            v -> new Failing<Void>(boom))));
                    return new Spinner();
                }));
                assertSame(boom, assertThrows(RuntimeException.class, h::join));
                for (JoinHandle<Void> c : children) {
                    assertTrue(c.isDone(), "a child outlived its failed scope");
                }
            }
            assertEquals(0, Spinner.pollsAfterCancel.get());
        }
    }

    @StressTest
    void cancellingTheScopesTaskEndsEveryChild() throws Exception {
        try (Executor ex = StressExecutors.create()) {
            for (int round = 0; round < StressSize.of(200); round++) {
                List<JoinHandle<Void>> children = new CopyOnWriteArrayList<>();
                AtomicInteger started = new AtomicInteger();
                int spawnBeforeCancel = ThreadLocalRandom.current().nextInt(0, CHILDREN + 1);
                JoinHandle<Void> h = ex.spawn(Scope.run(scope -> {
                    for (int i = 0; i < CHILDREN; i++) {
                        children.add(scope.spawn(new Spinner()));
                        started.incrementAndGet();
                    }
                    return new Spinner();
                }));
                while (started.get() < spawnBeforeCancel) {
                    Thread.onSpinWait();
                }
                Thread canceller = new Thread(h::cancel);
                canceller.start();
                canceller.join();
                assertThrows(CancellationException.class, h::join);
                for (JoinHandle<Void> c : children) {
                    assertThrows(CancellationException.class, c::join);
                }
            }
            assertEquals(0, Spinner.pollsAfterCancel.get());
        }
    }
}
