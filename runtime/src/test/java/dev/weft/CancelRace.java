package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Races a cancel against a completing take, on real threads: a task is suspended on a take (a
 * receive, an acquire, an accept...), then one thread makes the take completable while this
 * thread cancels the task. Half the rounds cancel a random few spins after a shared start flag,
 * which lands before the task's next poll or after it; the other half cancel inside the poll that
 * completes the take (the probe holds that poll open, after the take returned ready, until the
 * cancel is in), where a take completed by the poll meets a cancel the poll did not see.
 *
 * <pre>{@code
 * try (CancelRace race = new CancelRace()) {
 *     CancelRace.Outcome<Integer> o = race.round(ex, ch.receive(), () -> ch.trySend(7));
 *     int kept = o.delivered() ? 1 : (ch.tryReceive().hasElement() ? 1 : 0);
 * }
 * }</pre>
 */
public final class CancelRace implements AutoCloseable {
    /** Something that makes the take completable; may throw anything. */
    public interface Give {
        void run() throws Exception;
    }

    /** How one round ended: the task delivered its take's output, or it was cancelled. */
    public record Outcome<T>(boolean delivered, T value) {}

    private final ExecutorService giver = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cancel-race-giver");
        t.setDaemon(true);
        return t;
    });

    /** Spawns {@code take} on {@code ex}, waits until it is suspended, then races {@code give} and a cancel. */
    public <T> Outcome<T> round(Executor ex, Future<T> take, Give give) throws Exception {
        Suspended<T> probe = new Suspended<>(take);
        JoinHandle<T> handle = ex.spawn(probe);
        assertTrue(probe.suspended.await(10, TimeUnit.SECONDS), "the take never suspended");
        AtomicBoolean go = new AtomicBoolean();
        java.util.concurrent.Future<?> gave = giver.submit(() -> {
            awaitAndSpin(go);
            give.run();
            return null;
        });
        go.set(true);
        if (probe.holdForCancel) {
            awaitCompletingPoll(probe);
        } else {
            spin(ThreadLocalRandom.current().nextInt(200));
        }
        handle.cancel();
        probe.cancelled = true;
        gave.get(10, TimeUnit.SECONDS);
        try {
            return new Outcome<>(true, handle.toCompletableFuture().get(10, TimeUnit.SECONDS));
        } catch (CancellationException cancelled) {
            return new Outcome<>(false, null);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CancellationException) {
                return new Outcome<>(false, null);
            }
            throw e;
        }
    }

    private static void awaitCompletingPoll(Suspended<?> probe) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!probe.took) {
            assertTrue(System.nanoTime() < deadline, "the take did not complete after the give");
            Thread.yield(); // the poller may need this core
        }
    }

    private static void awaitAndSpin(AtomicBoolean go) {
        while (!go.get()) {
            Thread.onSpinWait();
        }
        spin(ThreadLocalRandom.current().nextInt(200));
    }

    private static void spin(int times) {
        for (int i = 0; i < times; i++) {
            Thread.onSpinWait();
        }
    }

    @Override
    public void close() {
        giver.shutdownNow();
    }

    /**
     * Forwards to the take; says when its first poll came back pending and when a later one came
     * back ready. In a holding round that later poll does not return until the cancel is in.
     */
    private static final class Suspended<T> implements Future<T>, Cancellable {
        final CountDownLatch suspended = new CountDownLatch(1);
        final boolean holdForCancel = ThreadLocalRandom.current().nextBoolean();
        volatile boolean took;
        volatile boolean cancelled;
        private final Future<T> take;

        Suspended(Future<T> take) {
            this.take = take;
        }

        @Override
        public Poll<T> poll(Context cx) {
            Poll<T> p = take.poll(cx);
            if (p.isPending()) {
                suspended.countDown();
            } else if (suspended.getCount() == 0) {
                took = true;
                while (holdForCancel && !cancelled) {
                    Thread.onSpinWait();
                }
            }
            return p;
        }

        @Override
        public void cancel() {
            Cancellable.cancel(take);
        }
    }

    /** Where each round's one element went: delivered through the handle, given back, or lost. */
    public static final class Tally {
        private final int rounds;
        private final List<String> wrong = new ArrayList<>();
        private int round;
        private int delivered;
        private int givenBack;
        private int lost;

        public Tally(int rounds) {
            this.rounds = rounds;
        }

        /** Counts one round: whether the handle delivered, and how many the take gave back. */
        public void count(boolean wasDelivered, int back) {
            round++;
            if (wasDelivered) {
                delivered++;
            }
            givenBack += back;
            int kept = (wasDelivered ? 1 : 0) + back;
            if (kept == 0) {
                lost++;
            }
            if (kept != 1) {
                wrong.add("round " + round + ": kept " + kept + " (delivered " + wasDelivered + ")");
            }
        }

        public void assertNothingLostOrDuplicated(String what) {
            assertEquals(List.of(), wrong, what + ": " + lost + " lost in " + round + " races ("
                    + delivered + " delivered, " + givenBack + " given back)");
            assertEquals(rounds, delivered + givenBack);
            assertFalse(round == 0);
        }
    }
}
