package dev.weft.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Context;
import dev.weft.Executor;
import dev.weft.Future;
import dev.weft.JoinHandle;
import dev.weft.Poll;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Issue #15 item 2: a future whose poll returns null instead of a Poll. */
class NullPollTest {
    static final class NullPolling implements Future<String> {
        @Override
        public Poll<String> poll(Context cx) {
            return null;
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutorKind.class)
    void theTaskFailsNamingTheFutureAndTheExecutorSurvives(ExecutorKind kind) throws Exception {
        try (Executor ex = kind.create()) {
            JoinHandle<String> task = ex.spawn(new NullPolling());
            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> task.toCompletableFuture().get(10, TimeUnit.SECONDS));
            assertNamesTheFuture(failed.getCause());
            for (int i = 0; i < 4; i++) {
                assertEquals(i, ex.spawn(Async.ready(i)).toCompletableFuture().get(10, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void blockOnFailsNamingTheFuture() {
        assertNamesTheFuture(assertThrows(IllegalStateException.class, () -> Async.blockOn(new NullPolling())));
    }

    private static void assertNamesTheFuture(Throwable failure) {
        assertTrue(failure instanceof IllegalStateException, "failed with " + failure);
        assertTrue(failure.getMessage().contains(NullPolling.class.getName()), failure.getMessage());
    }
}
