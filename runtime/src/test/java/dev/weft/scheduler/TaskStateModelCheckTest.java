package dev.weft.scheduler;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jetbrains.lincheck.Lincheck;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Lincheck's model checker explores thread interleavings of the {@link TaskRaces}, step by step on
 * every shared-memory access, instead of hoping a stress run hits them.
 *
 * <p>Lincheck 3.7 runs on JDK 17 but, on JDK 25, passes code with an obvious race without finding
 * it. So the class first checks a canary race it must find; where it does not, these tests are
 * skipped (reported as such) and {@link TaskStateStressTest} is what covers the races.
 */
class TaskStateModelCheckTest {
    private static final int INVOCATIONS = 2_000;

    private static final class Counter {
        int value;
    }

    private static Boolean checkerWorks;

    /** Each test asks, so a JVM where the checker is blind shows every test as skipped, with the reason. */
    private static void assumeCheckerWorks() {
        if (checkerWorks == null) {
            checkerWorks = findsAKnownRace();
        }
        Assumptions.assumeTrue(checkerWorks, "Lincheck's model checker does not find a plain lost update on Java "
                + Runtime.version() + "; TaskStateStressTest covers these races here");
    }

    private static boolean findsAKnownRace() {
        boolean found;
        try {
            Lincheck.runConcurrentTest(500, () -> {
                Counter c = new Counter();
                Thread a = new Thread(() -> c.value++);
                Thread b = new Thread(() -> c.value++);
                a.start();
                b.start();
                try {
                    a.join();
                    b.join();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                if (c.value != 2) {
                    throw new AssertionError("lost update");
                }
            });
            found = false;
        } catch (Throwable expected) {
            found = true;
        }
        return found;
    }

    @Test
    void wakeVsPoll() {
        assumeCheckerWorks();
        Lincheck.runConcurrentTest(INVOCATIONS, TaskRaces::wakeVsPoll);
    }

    @Test
    void wakeVsComplete() {
        assumeCheckerWorks();
        Lincheck.runConcurrentTest(INVOCATIONS, TaskRaces::wakeVsComplete);
    }

    @Test
    void cancelVsPollThatSuspends() {
        assumeCheckerWorks();
        Lincheck.runConcurrentTest(INVOCATIONS / 4, () -> TaskRaces.cancelVsPoll(false));
    }

    @Test
    void cancelVsPollThatCompletes() {
        assumeCheckerWorks();
        Lincheck.runConcurrentTest(INVOCATIONS / 4, () -> TaskRaces.cancelVsPoll(true));
    }

    @Test
    void manyWakers() {
        assumeCheckerWorks();
        Lincheck.runConcurrentTest(INVOCATIONS, TaskRaces::manyWakers);
    }

    @Test
    void cancelVsWake() {
        assumeCheckerWorks();
        Lincheck.runConcurrentTest(INVOCATIONS / 4, TaskRaces::cancelVsWake);
    }

    @Test
    void queuedCancelVsAbandon() {
        assumeCheckerWorks();
        Lincheck.runConcurrentTest(INVOCATIONS, TaskRaces::queuedCancelVsAbandon);
    }

    @Test
    void selfWakeVsWake() {
        assumeCheckerWorks();
        Lincheck.runConcurrentTest(INVOCATIONS, TaskRaces::selfWakeVsWake);
    }

    @Test
    void selfWakeVsCancel() {
        assumeCheckerWorks();
        Lincheck.runConcurrentTest(INVOCATIONS / 4, TaskRaces::selfWakeVsCancel);
    }

    @Test
    void ownedEntryVsWake() {
        assumeCheckerWorks();
        Lincheck.runConcurrentTest(INVOCATIONS / 4, TaskRaces::ownedEntryVsWake);
    }

    @Test
    void ownedEntryVsCancel() {
        assumeCheckerWorks();
        Lincheck.runConcurrentTest(INVOCATIONS / 4, TaskRaces::ownedEntryVsCancel);
    }

    @Test
    void joinVsComplete() {
        assumeCheckerWorks();
        Lincheck.runConcurrentTest(INVOCATIONS, TaskRaces::joinVsComplete);
    }

    /** The checker is only worth something if it catches a broken state word; this one is. */
    @Test
    void catchesATaskThatForgetsAWakeDuringItsPoll() {
        assumeCheckerWorks();
        assertThrows(Throwable.class, () -> Lincheck.runConcurrentTest(INVOCATIONS, () -> {
            TaskRaces.RecordingScheduler s = new TaskRaces.RecordingScheduler();
            TaskRaces.Gate gate = new TaskRaces.Gate();
            // a "waker" that only queues an idle task, the way a naive executor would
            Task<String> task = new Task<>(gate, s);
            Runnable naiveWake = () -> {
                if (task.state() == Task.IDLE) {
                    task.wake();
                }
            };
            Thread poller = new Thread(task::run);
            Thread waker = new Thread(() -> {
                gate.ready = true;
                naiveWake.run();
            });
            poller.start();
            waker.start();
            try {
                poller.join();
                waker.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            s.drain();
            if (task.state() != Task.COMPLETE) {
                throw new AssertionError("wake lost");
            }
        }));
    }
}
