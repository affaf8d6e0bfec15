package dev.weft;

/** The executor the composition stress tests run on: work-stealing, so wakes cross real threads. */
final class StressExecutors {
    private StressExecutors() {}

    static Executor create() {
        return Executor.workStealing(3);
    }
}
