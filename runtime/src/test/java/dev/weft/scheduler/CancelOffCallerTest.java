package dev.weft.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Cancellable;
import dev.weft.Context;
import dev.weft.Executor;
import dev.weft.Future;
import dev.weft.JoinHandle;
import dev.weft.Poll;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue #15 item 9: {@link JoinHandle#cancel()} only requests the cancellation. The unwinding (what
 * a suspended coroutine's {@code catch}/{@code finally} blocks do, here a future's own cancel) runs
 * on the task's executor, and the handle completes once it is done.
 */
class CancelOffCallerTest {
    /** Pending until cancelled; its cancel stands for a coroutine's unwinding and records where it ran. */
    static final class Unwinding implements Future<String>, Cancellable {
        final CountDownLatch polled = new CountDownLatch(1);
        volatile Thread unwoundOn;
        volatile boolean unwound;

        @Override
        public Poll<String> poll(Context cx) {
            polled.countDown();
            return Poll.pending();
        }

        @Override
        public void cancel() {
            unwoundOn = Thread.currentThread();
            unwound = true;
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutorKind.class)
    void aSuspendedTaskUnwindsOnItsExecutor(ExecutorKind kind) throws Exception {
        try (Executor ex = kind.create()) {
            Unwinding future = new Unwinding();
            JoinHandle<String> task = ex.spawn(future);
            assertTrue(future.polled.await(10, TimeUnit.SECONDS));
            assertTrue(task.cancel());
            assertThrows(CancellationException.class, () -> task.toCompletableFuture().get(10, TimeUnit.SECONDS));
            assertTrue(future.unwound, "the handle completed before the unwinding ran");
            assertNotSame(Thread.currentThread(), future.unwoundOn, "the unwinding ran on the caller of cancel()");
            assertTrue(future.unwoundOn.getName().startsWith("weft-"), "unwound on " + future.unwoundOn);
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutorKind.class)
    void aSecondCancelAnswersFalseAndTheTaskIsCancelledOnce(ExecutorKind kind) throws Exception {
        try (Executor ex = kind.create()) {
            Unwinding future = new Unwinding();
            JoinHandle<String> task = ex.spawn(future);
            assertTrue(future.polled.await(10, TimeUnit.SECONDS));
            assertTrue(task.cancel());
            assertEquals(false, task.cancel());
            assertThrows(CancellationException.class, task::join);
        }
    }
}
