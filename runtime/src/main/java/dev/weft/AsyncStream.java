package dev.weft;

/**
 * A sequence of elements that arrive over time, computed by a body that may both {@code await}
 * and {@link #emit}: the async counterpart of {@link Generator}, like Rust's {@code Stream} or
 * Kotlin's {@code Flow}.
 *
 * <pre>{@code
 * import static dev.weft.Async.await;
 * import static dev.weft.AsyncStream.done;
 * import static dev.weft.AsyncStream.emit;
 *
 * static AsyncStream<Integer> ticks(int n) {
 *     for (int i = 0; i < n; i++) {
 *         await(Timer.sleep(Duration.ofMillis(10)));
 *         emit(i);
 *     }
 *     return done();
 * }
 *
 * static Future<Integer> sum(AsyncStream<Integer> s) {
 *     int sum = 0;
 *     for (Item<Integer> i; (i = await(s.next())).present(); ) {
 *         sum += i.value();
 *     }
 *     return ready(sum);
 * }
 * }</pre>
 *
 * <p><b>Cold and lazy.</b> Calling the method runs nothing. Each poll of {@link #next()} runs the
 * body until it emits (the future is ready with that element), suspends on an await (pending), or
 * returns (ready with {@link Item#end()}). A producer never runs ahead of its consumer, so there is
 * no buffer to bound: backpressure is the absence of a poll.
 *
 * <p><b>One consumer, one pass.</b> A stream is consumed once, like Rust's {@code Stream}; call
 * the method again for another pass. Ask for the next element only after the previous
 * {@code next()} completed.
 *
 * <p><b>Ending.</b> {@code return done()} ends the stream; returning another stream ends this body
 * and continues with that stream's elements. A failure thrown by the body fails the pending
 * {@code next()} with the same instance and ends the stream; to catch a checked one by its type,
 * await {@link #next(Class)}.
 *
 * <p><b>Cancellation.</b> Cancelling the pending {@code next()} future (as {@code Select},
 * {@code Timer.timeout} or a cancelled task do) or calling {@link #close()} cancels the body where
 * it waits, as cancelling a coroutine does: its pending await throws {@code CancellationException}
 * and its {@code finally} blocks run. A closed stream answers end of stream.
 *
 * @param <T> the element type
 */
public abstract class AsyncStream<T> {
    private static final Poll<Item<Object>> END = Poll.ready(Item.end());
    private static final AsyncStream<Object> EMPTY = new AsyncStream<>() {
        @Override
        public Future<Item<Object>> next() {
            return cx -> end();
        }
    };

    /** For the weaver's streams ({@code dev.weft.woven}), the operators and the adapters. */
    protected AsyncStream() {}

    /**
     * Hands {@code value} to the consumer and suspends the stream body until the next element is
     * asked for; the same call as {@link Generator#emit}, for a file that imports only this class.
     *
     * @throws IllegalStateException when reached unwoven or misplaced
     */
    public static <T> void emit(T value) {
        throw Async.notWoven("AsyncStream.emit");
    }

    /** What a stream body returns to end its stream; as a value, the empty stream. */
    @SuppressWarnings("unchecked")
    public static <T> AsyncStream<T> done() {
        return (AsyncStream<T>) EMPTY;
    }

    /** The ready answer "end of stream", shared. */
    @SuppressWarnings("unchecked")
    protected static <T> Poll<Item<T>> end() {
        return (Poll<Item<T>>) (Poll<?>) END;
    }

    /**
     * A future of the next element, or of {@link Item#end()} after the last; it fails with what the
     * body threw. Cancelling it closes the stream.
     */
    public abstract Future<Item<T>> next();

    /**
     * {@link #next()}, typed so that {@code await} declares the checked exception the body may
     * throw: {@code catch (IOException e)} around {@code await(lines.next(IOException.class))}.
     * The same failure arrives either way; only the type says so.
     */
    @SuppressWarnings("unchecked")
    public final <X extends Exception> FallibleFuture<Item<T>, X> next(Class<X> failure) {
        Future<Item<T>> next = next();
        return next instanceof FallibleFuture<?, ?> f ? (FallibleFuture<Item<T>, X>) f : next::poll;
    }

    /**
     * Stops the stream: the body is cancelled where it waits and its {@code finally} blocks run on
     * this thread; an operator closes its upstream streams. Idempotent, does not throw.
     */
    public void close() {}
}
