package dev.weft.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Context;
import dev.weft.Executor;
import dev.weft.JoinHandle;
import dev.weft.Probe;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Issue #15 item 1: a joiner's waker that throws when the task completes. */
class ThrowingJoinerTest {

    @ParameterizedTest
    @EnumSource(ExecutorKind.class)
    void theOtherJoinersAreWokenAndTheExecutorKeepsServing(ExecutorKind kind) throws Exception {
        try (Executor ex = kind.create()) {
            Probe<String> gate = new Probe<>();
            JoinHandle<String> task = ex.spawn(gate);
            assertTrue(task.poll(Context.of(() -> {
                throw new IllegalStateException("this joiner's waker fails");
            })).isPending());
            CountDownLatch woken = new CountDownLatch(1);
            assertTrue(task.poll(Context.of(woken::countDown)).isPending());

            gate.complete("done"); // the task completes on the executor, waking both joiners

            assertTrue(woken.await(10, TimeUnit.SECONDS), "the joiner after the throwing one was never woken");
            assertEquals("done", task.toCompletableFuture().get(10, TimeUnit.SECONDS));
            for (int i = 0; i < 4; i++) { // more tasks than workers: every thread still serves
                assertEquals(i, ex.spawn(Async.ready(i)).toCompletableFuture().get(10, TimeUnit.SECONDS));
            }
        }
    }
}
