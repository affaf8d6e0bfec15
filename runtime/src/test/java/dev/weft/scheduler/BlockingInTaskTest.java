package dev.weft.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Executor;
import dev.weft.Future;
import dev.weft.JoinHandle;
import dev.weft.Poll;
import dev.weft.Probe;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue #15 item 4: blocking the thread inside a task. On a one-thread executor it parks the only
 * thread forever; it must throw instead, naming the task and saying to await.
 */
class BlockingInTaskTest {
    enum Blocking {
        ASYNC_BLOCK_ON(Async::blockOn),
        JOIN(future -> DefaultExecutor.get().spawn(future).join());

        final Function<Future<String>, String> call;

        Blocking(Function<Future<String>, String> call) {
            this.call = call;
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutorKind.class)
    void asyncBlockOnInsideATaskThrows(ExecutorKind kind) throws Exception {
        refused(kind, Blocking.ASYNC_BLOCK_ON);
    }

    @ParameterizedTest
    @EnumSource(ExecutorKind.class)
    void joinInsideATaskThrows(ExecutorKind kind) throws Exception {
        refused(kind, Blocking.JOIN);
    }

    private static void refused(ExecutorKind kind, Blocking blocking) throws Exception {
        Probe<String> never = new Probe<>();
        Executor ex = kind.create();
        try {
            JoinHandle<String> task = ex.spawn(cx -> Poll.ready(blocking.call.apply(never)));
            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> task.toCompletableFuture().get(10, TimeUnit.SECONDS));
            Throwable cause = failed.getCause();
            assertTrue(cause instanceof IllegalStateException, "failed with " + cause);
            assertTrue(cause.getMessage().contains("Task[") && cause.getMessage().contains("await"), cause.getMessage());
            assertEquals("still serving", ex.spawn(Async.ready("still serving")).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS));
        } finally {
            never.complete("released"); // before the fix the executor's thread is parked on it: let close() end
            ex.close();
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutorKind.class)
    void joiningAFinishedTaskInsideATaskIsAllowed(ExecutorKind kind) throws Exception {
        try (Executor ex = kind.create()) {
            JoinHandle<String> first = ex.spawn(Async.ready("first"));
            assertEquals("first", first.join());
            JoinHandle<String> second = ex.spawn(cx -> Poll.ready(first.join() + " again"));
            assertEquals("first again", second.toCompletableFuture().get(10, TimeUnit.SECONDS));
        }
    }
}
