package dev.weft.scheduler;

import dev.weft.Async;
import dev.weft.Executor;
/**
 * The executor {@link Async#spawn} uses outside any task: a work-stealing executor with one daemon
 * worker per available processor, created on first use and never closed.
 */
final class DefaultExecutor {
    private DefaultExecutor() {}

    private static final class Holder {
        static final Executor INSTANCE =
                new WorkStealingExecutor(Runtime.getRuntime().availableProcessors(), "weft-default");
    }

    static Executor get() {
        return Holder.INSTANCE;
    }
}
