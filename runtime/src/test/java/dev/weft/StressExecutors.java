package dev.weft;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor the stress tests run on. Until the work-stealing executor lands this spreads tasks
 * round-robin over several single-threaded executors, so wakes cross real threads; switch
 * {@link #create()} to {@code Executor.workStealing(n)} once it exists.
 */
final class StressExecutors {
    private StressExecutors() {}

    static Executor create() {
        return new RoundRobin(3);
    }

    private static final class RoundRobin implements Executor {
        private final Executor[] workers;
        private final AtomicInteger next = new AtomicInteger();

        RoundRobin(int n) {
            workers = new Executor[n];
            for (int i = 0; i < n; i++) {
                workers[i] = Executor.singleThreaded();
            }
        }

        @Override
        public <T> JoinHandle<T> spawn(Future<T> future) {
            return workers[Math.floorMod(next.getAndIncrement(), workers.length)].spawn(future);
        }

        @Override
        public <T> T blockOn(Future<T> future) {
            return spawn(future).join();
        }

        @Override
        public void close() {
            for (Executor w : workers) {
                w.close();
            }
        }
    }
}
