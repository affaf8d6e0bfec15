package dev.weft.rethrow;

/**
 * Rethrows any throwable, checked or not, without wrapping it: {@code await} and the combinators
 * promise to rethrow a failure as the same instance.
 */
public final class Throw {
    private Throw() {}

    /** Throws {@code t} unchanged; declared to return so callers can write {@code throw unchecked(t)}. */
    public static RuntimeException unchecked(Throwable t) {
        throw Throw.<RuntimeException>sneaky(t);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable t) throws E {
        throw (E) t;
    }
}
