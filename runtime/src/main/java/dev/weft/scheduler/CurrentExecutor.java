package dev.weft.scheduler;

import dev.weft.Async;
import dev.weft.Executor;
/** The executor whose worker is the current thread, so {@link Async#spawn} stays on it. */
final class CurrentExecutor {
    private static final ThreadLocal<Executor> CURRENT = new ThreadLocal<>();

    private CurrentExecutor() {}

    static Executor get() {
        return CURRENT.get();
    }

    static void set(Executor executor) {
        if (executor == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(executor);
        }
    }
}
