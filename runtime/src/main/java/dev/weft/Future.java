package dev.weft;

/**
 * A lazy computation that an executor drives by polling.
 *
 * <p>{@code poll} answers {@link Poll#ready(Object)} when the value is available, or
 * {@link Poll#pending()} after arranging for {@code cx.waker().wake()} to be called once progress
 * is possible. A future fails by throwing from {@code poll}. Nothing happens until the first poll.
 *
 * <pre>{@code
 * Future<Integer> answer = cx -> Poll.ready(42);
 * int v = Async.blockOn(answer);
 * }</pre>
 *
 * <p>Most code does not implement {@code poll} by hand: a method that returns {@code Future} and
 * calls {@link Async#await(Future)} is turned into a future by the Weft agent.
 *
 * @param <T> the type of the value the future completes with
 */
@FunctionalInterface
public interface Future<T> {
    /**
     * Tries to make progress.
     *
     * @param cx gives the waker to call when polling again may make progress
     * @return ready with the output, or pending after the waker was registered
     */
    Poll<T> poll(Context cx);
}
