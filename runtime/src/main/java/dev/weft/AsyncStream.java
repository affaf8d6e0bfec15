package dev.weft;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

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
     * Each element through {@code f}, as it arrives.
     *
     * <pre>{@code
     * AsyncStream<Integer> lengths = lines.map(String::length);
     * }</pre>
     */
    public final <R> AsyncStream<R> map(Function<? super T, ? extends R> f) {
        return new MappedStream<>(this, Objects.requireNonNull(f, "f"));
    }

    /** The elements that pass {@code keep}; the others are dropped as they arrive. */
    public final AsyncStream<T> filter(Predicate<? super T> keep) {
        return new FilteredStream<>(this, Objects.requireNonNull(keep, "keep"));
    }

    /**
     * The first {@code n} elements. This stream is closed as soon as the n-th is handed over, so
     * its body's {@code finally} blocks run then.
     */
    public final AsyncStream<T> take(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("take(" + n + ")");
        }
        return new TakenStream<>(this, n);
    }

    /**
     * The same elements, with this stream running as a task of its own (spawned at the first poll,
     * as {@link Async#spawn} does) up to {@code n} elements ahead of the consumer: the only operator
     * that lets a producer run without being asked. Closing the result cancels that task, which
     * closes this stream on its executor.
     */
    public final AsyncStream<T> buffer(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("buffer(" + n + "): the capacity must be at least 1");
        }
        return new BufferedStream<>(this, n);
    }

    /**
     * The elements of all {@code streams} in the order they arrive, each stream's in its own
     * order; it ends when all have ended. A failure of one closes the others.
     *
     * <pre>{@code
     * AsyncStream<Event> events = AsyncStream.merge(clicks, keys, ticks);
     * }</pre>
     */
    @SafeVarargs
    public static <T> AsyncStream<T> merge(AsyncStream<? extends T>... streams) {
        for (AsyncStream<? extends T> s : streams) {
            Objects.requireNonNull(s, "a merged stream is null");
        }
        return new MergedStream<>(streams);
    }

    /**
     * Every element, in order, once the stream ends; it fails with the stream's failure.
     * Cancelling it closes the stream.
     *
     * <pre>{@code
     * List<Integer> evens = await(numbers.filter(x -> x % 2 == 0).toList());
     * }</pre>
     */
    public final Future<List<T>> toList() {
        return new StreamToList<>(this);
    }

    /**
     * Stops the stream: the body is cancelled where it waits and its {@code finally} blocks run on
     * this thread; an operator closes its upstream streams. Idempotent, does not throw.
     */
    public void close() {}
}
