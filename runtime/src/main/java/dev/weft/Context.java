package dev.weft;

import java.util.Objects;

/**
 * What a poll receives from its driver: the {@link Waker} to call when it is worth polling again.
 *
 * <pre>{@code
 * Context cx = Context.of(() -> System.out.println("woken"));
 * Poll<Void> p = Timer.sleep(Duration.ofMillis(5)).poll(cx);
 * }</pre>
 */
public class Context {
    private final Waker waker;

    private Context(Waker waker) {
        this.waker = waker;
    }

    /**
     * For a driver that is its own waker: the runtime's task is its own context too, so spawning
     * allocates one object. Not for users: a subclass must implement {@link Waker}.
     */
    protected Context() {
        this.waker = (Waker) this;
    }

    public static Context of(Waker waker) {
        return new Context(Objects.requireNonNull(waker, "waker"));
    }

    public Waker waker() {
        return waker;
    }
}
