package dev.weft.sync;

import java.util.NoSuchElementException;

/**
 * What {@link Channel#tryReceive()} found: an element, nothing for now, or the end of the stream
 * (the channel is closed and drained, so no element will ever come). No exception either way.
 *
 * <pre>{@code
 * Received<Job> r = jobs.tryReceive();
 * if (r.hasElement()) {
 *     run(r.element());
 * } else if (r.isClosed()) {
 *     shutDown();
 * } // else: empty for now, try later or await(jobs.receive())
 * }</pre>
 *
 * @param <T> the element type
 */
public final class Received<T> {
    private static final Received<?> EMPTY = new Received<>(null, false);
    private static final Received<?> CLOSED = new Received<>(null, true);

    private final T element;
    private final boolean closed;

    private Received(T element, boolean closed) {
        this.element = element;
        this.closed = closed;
    }

    static <T> Received<T> of(T element) {
        return new Received<>(element, false);
    }

    @SuppressWarnings("unchecked")
    static <T> Received<T> empty() {
        return (Received<T>) EMPTY;
    }

    @SuppressWarnings("unchecked")
    static <T> Received<T> closed() {
        return (Received<T>) CLOSED;
    }

    /** Whether an element was taken (channel elements are never null). */
    public boolean hasElement() {
        return element != null;
    }

    /** Whether the channel is closed and was drained: nothing more will come. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * The element taken.
     *
     * @throws NoSuchElementException if there was none ({@link #hasElement()} is false)
     */
    public T element() {
        if (element == null) {
            throw new NoSuchElementException(closed ? "channel closed and drained" : "channel empty");
        }
        return element;
    }

    /** The element taken, or null if there was none. */
    public T elementOrNull() {
        return element;
    }

    @Override
    public String toString() {
        return element != null ? "Received[" + element + "]" : closed ? "Received[closed]" : "Received[empty]";
    }
}
