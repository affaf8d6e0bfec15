package dev.weft;

import java.util.NoSuchElementException;

/**
 * One answer of {@link AsyncStream#next()}: an element, or the end of the stream. An element may
 * be null; the end is told apart by {@link #present()}, never by a null.
 *
 * <pre>{@code
 * for (Item<String> i; (i = await(lines.next())).present(); ) {
 *     System.out.println(i.value());
 * }
 * }</pre>
 *
 * @param <T> the element type
 */
public final class Item<T> {
    private static final Item<?> END = new Item<>(null);

    private final T value;

    private Item(T value) {
        this.value = value;
    }

    /** An element. */
    public static <T> Item<T> of(T value) {
        return new Item<>(value);
    }

    /** The end of the stream; a shared instance. */
    @SuppressWarnings("unchecked")
    public static <T> Item<T> end() {
        return (Item<T>) END;
    }

    /** Whether this is an element rather than the end. */
    public boolean present() {
        return this != END;
    }

    /**
     * The element.
     *
     * @throws NoSuchElementException at the end of the stream
     */
    public T value() {
        if (this == END) {
            throw new NoSuchElementException("the stream has ended");
        }
        return value;
    }

    @Override
    public String toString() {
        return this == END ? "End" : "Item(" + value + ")";
    }
}
