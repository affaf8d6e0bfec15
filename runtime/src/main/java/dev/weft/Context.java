package dev.weft;

import java.util.Objects;

/**
 * What a poll receives from its driver: the {@link Waker} to call when it is worth polling again.
 *
 * <pre>{@code
 * Context cx = Context.of(() -> System.out.println("woken"));
 * Poll<Void> p = Timer.sleep(Duration.ofMillis(5)).poll(cx);
 * }</pre>
 *
 * <p>A context that is its own waker (the runtime's task) holds no field here: every suspended
 * task carries one word less.
 */
public class Context {
    /**
     * For a driver that is its own waker: the runtime's task is its own context too, so spawning
     * allocates one object. Not for users: a subclass must implement {@link Waker}.
     */
    protected Context() {
        if (!(this instanceof Waker) && !(this instanceof Of)) {
            throw new ClassCastException(getClass().getName() + " is a Context without being a Waker");
        }
    }

    public static Context of(Waker waker) {
        return new Of(Objects.requireNonNull(waker, "waker"));
    }

    public Waker waker() {
        return (Waker) this;
    }

    /** A context around a separate waker: what {@link #of} makes. */
    private static final class Of extends Context {
        private final Waker waker;

        Of(Waker waker) {
            this.waker = waker;
        }

        @Override
        public Waker waker() {
            return waker;
        }
    }
}
