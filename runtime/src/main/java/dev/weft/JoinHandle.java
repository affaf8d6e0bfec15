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
     * Asks the task to stop, if it has not completed, and returns at once: it is never polled
     * again, and its unwinding (the {@code catch} and {@code finally} blocks of the coroutine where
     * it is suspended) runs on the task's executor, like any poll. The handle then fails with
     * {@link java.util.concurrent.CancellationException}; {@link #join()} or {@code await} it to
     * wait for the unwinding to end. Only when the executor is closed, and runs nothing more, does
     * the unwinding run on the caller. (Cancelling a bare coroutine, {@code Cancellable.cancel()} on
     * a frame that is not a task, unwinds it on the calling thread before it returns.) If the task
     * is being polled at that moment and that poll completes it, the task completes with that
     * outcome instead: the poll may have taken something (a channel element, a permit, a
     * connection) that only its output carries, and the handle delivers it rather than lose it.
     *
     * <pre>{@code
     * JoinHandle<Void> poller = Async.spawn(pollForever());
     * poller.cancel();       // returns without running poller's finally blocks
     * try {
     *     poller.join();     // they have run once this throws
     * } catch (CancellationException expected) {
     * }
     * }</pre>
     *
     * @return true if the task had not finished when this call asked it to stop (it will then
     *     be cancelled, unless a poll already running completes it)
     */
    boolean cancel();

    /** Whether the task completed, failed or was cancelled. */
    boolean isDone();

    /**
     * Blocks the calling thread until the task is done; rethrows its failure unchanged. An interrupt
     * does not end the wait: the thread parks again and its interrupt status is set again when
     * {@code join} returns or throws (as with {@code CompletableFuture.join()}).
     *
     * @throws IllegalStateException when the task is not done and this is called inside a task,
     *     whose executor's thread it would block (forever, on a one-thread executor); {@code await}
     *     the handle there instead
     */
    T join();

    /** A {@code CompletableFuture} completed with the task's outcome. */
    CompletableFuture<T> toCompletableFuture();
}
