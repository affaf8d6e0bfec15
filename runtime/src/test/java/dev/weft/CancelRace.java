package dev.weft;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Races a cancel against a completing take, on real threads: a task is suspended on a take (a
 * receive, an acquire, an accept...), then one thread makes the take completable while this
 * thread cancels the task. In half the rounds the cancel waits a random few spins after a shared
 * start flag, which mostly lands before or long after the task's next poll; in the other half it
 * waits until that poll has begun, which lands inside it or just after, where a take completed
 * by the poll meets a cancel that the poll did not see.
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
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (random.nextBoolean()) {
            spin(random.nextInt(200));
        } else {
            while (probe.polls.get() < 2 && !gave.isDone()) {
                Thread.yield(); // the poller may need this core
            }
            spin(random.nextInt(20));
        }
        handle.cancel();
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

    /** Forwards to the take, and says when its first poll came back pending. */
    private static final class Suspended<T> implements Future<T>, Cancellable {
        final CountDownLatch suspended = new CountDownLatch(1);
        final AtomicInteger polls = new AtomicInteger();
        private final Future<T> take;

        Suspended(Future<T> take) {
            this.take = take;
        }

        @Override
        public Poll<T> poll(Context cx) {
            polls.incrementAndGet();
            Poll<T> p = take.poll(cx);
            if (p.isPending()) {
                suspended.countDown();
            }
            return p;
        }

        @Override
        public void cancel() {
            Cancellable.cancel(take);
        }
    }
}
