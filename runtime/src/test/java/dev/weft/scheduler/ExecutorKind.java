package dev.weft.scheduler;

import dev.weft.Executor;

/** The executors a robustness test runs on, so each fault is checked on every one it applies to. */
enum ExecutorKind {
    SINGLE_THREADED {
        @Override
        Executor create() {
            return Executor.singleThreaded();
        }
    },
    WORK_STEALING {
        @Override
        Executor create() {
            return Executor.workStealing(2);
        }
    };

    abstract Executor create();
}
