package dev.weft.scheduler;

import dev.weft.StressSize;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The {@link TaskRaces} run many times on real threads, on whatever JVM runs the build (the model
 * checker in {@link TaskStateModelCheckTest} does not work on every JDK we support).
 */
@Tag("stress")
class TaskStateStressTest {
    private static final int RUNS = StressSize.of(1_500);

    @Test
    void wakeVsPoll() {
        for (int i = 0; i < RUNS; i++) {
            TaskRaces.wakeVsPoll();
        }
    }

    @Test
    void wakeVsComplete() {
        for (int i = 0; i < RUNS; i++) {
            TaskRaces.wakeVsComplete();
        }
    }

    @Test
    void cancelVsPoll() {
        for (int i = 0; i < RUNS; i++) {
            TaskRaces.cancelVsPoll(i % 2 == 0);
        }
    }

    @Test
    void manyWakers() {
        for (int i = 0; i < RUNS / 3; i++) {
            TaskRaces.manyWakers();
        }
    }

    @Test
    void cancelVsWake() {
        for (int i = 0; i < RUNS; i++) {
            TaskRaces.cancelVsWake();
        }
    }

    @Test
    void queuedCancelVsAbandon() {
        for (int i = 0; i < RUNS; i++) {
            TaskRaces.queuedCancelVsAbandon();
        }
    }

    @Test
    void selfWakeVsWake() {
        for (int i = 0; i < RUNS; i++) {
            TaskRaces.selfWakeVsWake();
        }
    }

    @Test
    void selfWakeVsCancel() {
        for (int i = 0; i < RUNS; i++) {
            TaskRaces.selfWakeVsCancel();
        }
    }

    @Test
    void joinVsComplete() {
        for (int i = 0; i < RUNS; i++) {
            TaskRaces.joinVsComplete();
        }
    }

    @Test
    void ownedEntryVsWake() {
        for (int i = 0; i < RUNS; i++) {
            TaskRaces.ownedEntryVsWake();
        }
    }

    @Test
    void ownedEntryVsCancel() {
        for (int i = 0; i < RUNS; i++) {
            TaskRaces.ownedEntryVsCancel();
        }
    }
}
