package dev.weft;

import java.util.Iterator;
import java.util.List;

/**
 * A sequence computed lazily by a method body that suspends at each {@link #emit}: the body runs
 * only as far as the consumer asks, one element at a time, and keeps only the locals live at each
 * emit between elements (the agent weaves it into a state machine, like a coroutine).
 *
 * <pre>{@code
 * import static dev.weft.Generator.done;
 * import static dev.weft.Generator.emit;
 *
 * static Generator<Integer> runningSums(int[] xs) {
 *     int sum = 0;
 *     for (int x : xs) {
 *         sum += x;
 *         emit(sum);
 *     }
 *     return done();
 * }
 *
 * for (int s : runningSums(new int[] {1, 2, 3})) System.out.println(s); // 1 3 6
 * }</pre>
 *
 * <p><b>Iterating again.</b> Each {@link #iterator()} runs the body afresh from the start, with
 * the receiver and arguments of the call, as calling the method again would. What the body reads
 * from the receiver or from a mutable argument is read again.
 *
 * <p><b>Ending.</b> {@code return done()} ends the sequence. Returning another generator instead
 * ends this body and continues with that generator's elements ({@code return rest(xs, i + 1)}).
 * A failure thrown by the body reaches the consumer unchanged from {@code hasNext()} or
 * {@code next()}, and ends the iteration. Leaving a loop early leaves the body where it is; close
 * the iterator (it is {@link AutoCloseable}) to run the body's {@code finally} blocks.
 *
 * <p>A generator body may not {@code await}: it runs inside {@code next()}, which cannot wait.
 * Use an {@link AsyncStream} for a body that awaits between elements.
 *
 * @param <T> the element type
 */
public abstract class Generator<T> implements Iterable<T> {
    private static final Generator<?> EMPTY = over(List.of());

    /** For the weaver's generators ({@code dev.weft.woven}) and {@link #over}. */
    protected Generator() {}

    /**
     * Hands {@code value} to the consumer and suspends the generator body until the next element
     * is asked for. Only a method returning {@code Generator} or {@link AsyncStream} may call it,
     * directly in its body (not in a lambda in it, nor under {@code synchronized}).
     *
     * @throws IllegalStateException when reached unwoven or misplaced; the agent names the reason
     *     when the class loads
     */
    public static <T> void emit(T value) {
        throw Async.notWoven("Generator.emit");
    }

    /** What a generator body returns to end its sequence; as a value, the empty generator. */
    @SuppressWarnings("unchecked")
    public static <T> Generator<T> done() {
        return (Generator<T>) EMPTY;
    }

    /** A generator over the elements of {@code source}, for code that wants one without a body. */
    public static <T> Generator<T> over(Iterable<T> source) {
        return new Generator<>() {
            @Override
            public Cursor<T> iterator() {
                Iterator<T> it = source.iterator();
                return new Cursor<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public T next() {
                        return it.next();
                    }
                };
            }
        };
    }

    /** Starts one pass over the sequence; the body runs as {@code hasNext()} asks for elements. */
    @Override
    public abstract Cursor<T> iterator();

    /**
     * One pass over a generator. {@link #close()} stops the body where it is suspended and runs its
     * {@code finally} blocks; closing a finished or closed cursor does nothing.
     *
     * <pre>{@code
     * try (Generator.Cursor<String> c = lines(file).iterator()) {
     *     String header = c.next(); // the body's finally (closing the file) runs at the end of try
     * }
     * }</pre>
     *
     * @param <T> the element type
     */
    public interface Cursor<T> extends Iterator<T>, AutoCloseable {
        /** Stops the pass; see the interface comment. Does not throw. */
        @Override
        default void close() {}
    }
}
