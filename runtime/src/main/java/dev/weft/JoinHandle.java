package dev.weft;

import java.util.concurrent.CompletableFuture;

/**
 * A spawned task's result. Awaiting or polling it gives the task's output or rethrows its failure;
 * a cancelled task fails with {@link java.util.concurrent.CancellationException}.
 *
 * <pre>{@code
 * JoinHandle<Integer> h = Async.spawn(compute());
 * int v = h.join();            // blocks this thread
 * int w = await(h);            // inside a coroutine: suspends instead
 * }</pre>
 *
 * @param <T> the task's output type
 */
public interface JoinHandle<T> extends Future<T> {
    /**
     * Cancels the task if it has not completed: it is never polled again and its handle fails with
     * {@link java.util.concurrent.CancellationException}. If the task is being polled at that
     * moment and that poll completes it, the task completes with that outcome instead: the poll
     * may have taken something (a channel element, a permit, a connection) that only its output
     * carries, and the handle delivers it rather than lose it.
     *
     * @return true if the task had not finished when this call asked it to stop (it will then
     *     be cancelled, unless a poll already running completes it)
     */
    boolean cancel();

    /** Whether the task completed, failed or was cancelled. */
    boolean isDone();

    /** Blocks the calling thread until the task is done; rethrows its failure unchanged. */
    T join();

    /** A {@code CompletableFuture} completed with the task's outcome. */
    CompletableFuture<T> toCompletableFuture();
}
