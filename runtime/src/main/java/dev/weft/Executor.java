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
        return new SingleThreadedExecutor("weft-single");
    }
}
