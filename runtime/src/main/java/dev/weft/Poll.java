package dev.weft;

/**
 * The answer of {@link Future#poll(Context)}: ready with a value, or pending.
 *
 * <pre>{@code
 * Poll<String> p = Poll.ready("done");
 * if (p.isReady()) System.out.println(p.value());
 * }</pre>
 *
 * @param <T> the value's type
 */
public final class Poll<T> {
    private static final Poll<?> PENDING = new Poll<>(null);

    private final T value;

    private Poll(T value) {
        this.value = value;
    }

    /** A ready answer carrying {@code value} (which may be null). */
    public static <T> Poll<T> ready(T value) {
        return new Poll<>(value);
    }

    /** The pending answer; a shared instance, so it allocates nothing. */
    @SuppressWarnings("unchecked")
    public static <T> Poll<T> pending() {
        return (Poll<T>) PENDING;
    }

    public boolean isReady() {
        return this != PENDING;
    }

    public boolean isPending() {
        return this == PENDING;
    }

    /**
     * The ready value.
     *
     * @throws IllegalStateException if this answer is pending
     */
    public T value() {
        if (this == PENDING) {
            throw new IllegalStateException("Poll.value() called on a pending poll");
        }
        return value;
    }

    @Override
    public String toString() {
        return this == PENDING ? "Pending" : "Ready(" + value + ")";
    }
}
