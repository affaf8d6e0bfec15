package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BridgeTest {

    @Test
    void aStageCompletedOnAnotherThreadWakesItsFuture() throws Exception {
        CompletableFuture<String> cf = new CompletableFuture<>();
        Future<String> f = Bridge.fromStage(cf);
        Steps.CountingWaker w = new Steps.CountingWaker();
        assertTrue(f.poll(w.context()).isPending());
        Thread t = new Thread(() -> cf.complete("done"));
        t.start();
        t.join();
        assertEquals(1, w.wakes.get());
        assertEquals("done", f.poll(w.context()).value());
    }

    @Test
    void aFailedStageRethrowsItsCauseUnwrapped() {
        IOException boom = new IOException("boom");
        CompletableFuture<String> failed = CompletableFuture.supplyAsync(() -> "x").thenApply(x -> {
            throw new java.util.concurrent.CompletionException(boom);
        });
        assertSame(boom, assertThrows(IOException.class, () -> Async.blockOn(Bridge.fromStage(failed))));
    }

    @Test
    void aFutureRunAsACompletableFuturePassesOnValueAndFailureUnchanged() throws Exception {
        try (Executor ex = Executor.singleThreaded()) {
            assertEquals(7, Bridge.toCompletableFuture(Async.ready(7), ex).get(10, TimeUnit.SECONDS));
            IllegalStateException boom = new IllegalStateException("boom");
            CompletableFuture<Integer> cf = Bridge.toCompletableFuture(cx -> {
                throw boom;
            }, ex);
            ExecutionException e = assertThrows(ExecutionException.class, () -> cf.get(10, TimeUnit.SECONDS));
            assertSame(boom, e.getCause());
        }
    }

    @Test
    void cancellingTheCompletableFutureCancelsTheTaskAndWhatItWaitsOn() throws Exception {
        try (Executor ex = Executor.singleThreaded()) {
            Probe<String> waitingOn = new Probe<>();
            CompletableFuture<String> cf = Bridge.toCompletableFuture(waitingOn, ex);
            while (waitingOn.polls.get() == 0) {
                Thread.onSpinWait();
            }
            assertTrue(cf.cancel(true));
            ex.blockOn(Async.ready(null)); // any cancel the executor thread finishes is done by now
            assertEquals(1, waitingOn.cancels.get());
        }
    }
}
