package dev.weft;

/** The executor {@link Async#spawn} uses outside any task: created on first use, daemon threads. */
final class DefaultExecutor {
    private DefaultExecutor() {}

    private static final class Holder {
        static final Executor INSTANCE = new SingleThreadedExecutor("weft-default");
    }

    static Executor get() {
        return Holder.INSTANCE;
    }
}
