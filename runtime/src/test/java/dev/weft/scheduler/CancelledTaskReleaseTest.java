package dev.weft.scheduler;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Executor;
import dev.weft.JoinHandle;
import dev.weft.Poll;
import java.lang.ref.WeakReference;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Issue #15 item 6: an executor forgets a task once it is cancelled, not at close(). */
class CancelledTaskReleaseTest {

    @ParameterizedTest
    @EnumSource(ExecutorKind.class)
    void aTaskCancelledWhileSuspendedCanBeCollected(ExecutorKind kind) throws Exception {
        try (Executor ex = kind.create()) {
            WeakReference<JoinHandle<String>> task = spawnPollAndCancel(ex);
            for (int i = 0; i < 50 && task.get() != null; i++) {
                System.gc();
            }
            assertTrue(task.get() == null, "the executor still holds the cancelled task");
        }
    }

    private static WeakReference<JoinHandle<String>> spawnPollAndCancel(Executor ex) throws InterruptedException {
        CountDownLatch polled = new CountDownLatch(1);
        JoinHandle<String> h = ex.spawn(cx -> {
            polled.countDown();
            return Poll.pending(); // keeps no waker: only the executor can reach the task
        });
        assertTrue(polled.await(10, TimeUnit.SECONDS));
        assertTrue(h.cancel());
        assertThrows(CancellationException.class, h::join);
        return new WeakReference<>(h);
    }
}
