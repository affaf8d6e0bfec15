package dev.weft.internal;

/** Rethrows any throwable unchanged, checked or not, so awaits propagate failures as they are. */
final class Sneaky {
    private Sneaky() {}

    @SuppressWarnings("unchecked")
    static <E extends Throwable> E rethrow(Throwable t) throws E {
        throw (E) t;
    }
}
