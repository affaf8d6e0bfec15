package dev.weft.bench.sched;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/** What the scheduler and channel benchmarks share: the peers' pool and the result checks. */
public final class Peers {
    /** Weft's work-stealing executor and the peers' pools all get this many threads. */
    public static final int THREADS = 2;

    private static final long TIMEOUT_SECONDS = 30;

    private Peers() {}

    /**
     * A {@link ForkJoinPool} with as many threads as Weft's executor, in FIFO ("async") mode: the
     * mode its javadoc recommends for event-style tasks that are never joined, and the one the
     * JDK's own virtual-thread scheduler uses.
     */
    public static ForkJoinPool forkJoinPool() {
        return new ForkJoinPool(THREADS, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);
    }

    /** Waits for {@code done}; a run that loses work fails instead of hanging or reporting a time. */
    public static void await(CountDownLatch done) {
        try {
            if (!done.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("work lost: " + done.getCount() + " count-downs missing");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Throws unless {@code actual == expected}. */
    public static long check(String what, long expected, long actual) {
        if (actual != expected) {
            throw new IllegalStateException(what + ": expected " + expected + ", got " + actual);
        }
        return actual;
    }

    /** Shuts {@code pool} down and waits for its threads. */
    public static void close(ExecutorService pool) {
        pool.shutdownNow();
        try {
            pool.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
