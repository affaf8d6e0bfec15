package dev.weft.scheduler;

import dev.weft.Executor;
/** The executor the composition stress tests run on: work-stealing, so wakes cross real threads. */
public final class StressExecutors {
    private StressExecutors() {}

    public static Executor create() {
        return Executor.workStealing(3);
    }
}
