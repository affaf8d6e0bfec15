package dev.weft;

/**
 * Runs futures as tasks. A task is polled only after it was woken (or first spawned), never by two
 * threads at once.
 *
 * <pre>{@code
 * try (Executor ex = Executor.singleThreaded()) {
 *     JoinHandle<String> h = ex.spawn(fetch());
 *     System.out.println(ex.blockOn(h));
 * }
 * }</pre>
 */
public interface Executor extends AutoCloseable {
    /** Starts {@code future} as a task on this executor. */
    <T> JoinHandle<T> spawn(Future<T> future);

    /**
     * Starts {@code future} as a task named {@code name}, which its handle's {@code toString()}
     * shows; see {@link Async#spawn(String, Future)}.
     */
    default <T> JoinHandle<T> spawn(String name, Future<T> future) {
        return spawn(InstalledScheduler.PROVIDER.named(name, future));
    }

    /**
     * Runs {@code future} as a task on this executor and blocks the calling thread until it is done.
     * Rethrows the future's failure unchanged.
     */
    <T> T blockOn(Future<T> future);

    /**
     * Stops the executor's threads. Tasks that have not completed are cancelled: their handles fail
     * with {@link java.util.concurrent.CancellationException}.
     */
    @Override
    void close();

    /** An executor with one thread, a ready queue and tasks that re-queue themselves when woken. */
    static Executor singleThreaded() {
        return InstalledScheduler.PROVIDER.singleThreaded("weft-single");
    }

    /**
     * An executor with {@code threads} worker threads (daemon, named {@code weft-ws-N-worker-I}),
     * started now. Each worker runs tasks from its own queue; a worker that runs dry steals half of
     * another's, and idle workers sleep until work arrives. A task spawned or woken on a worker stays
     * on that worker unless another one steals it; work from other threads goes through a shared
     * queue. {@link Async#spawn} inside its tasks spawns onto it too.
     *
     * <pre>{@code
     * try (Executor ex = Executor.workStealing(4)) {
     *     List<JoinHandle<Integer>> parts = new ArrayList<>();
     *     for (int i = 0; i < 100; i++) {
     *         parts.add(ex.spawn(countWords(chunk(i))));
     *     }
     *     int total = 0;
     *     for (JoinHandle<Integer> p : parts) {
     *         total += p.join();
     *     }
     * }
     * }</pre>
     *
     * @param threads how many worker threads; at least 1
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    static Executor workStealing(int threads) {
        return InstalledScheduler.PROVIDER.workStealing(threads, "weft-ws");
    }
}
