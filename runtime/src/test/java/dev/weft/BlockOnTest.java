package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.rethrow.Throw;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class BlockOnTest {

    /**
     * The poll registers its waker, has another thread wake it, and then eats the thread's park
     * permit (as a contended lock inside poll would) before answering Pending. A driver that relies
     * on the permit parks forever here; one with a notified flag polls again.
     */
    @Test
    void wakeIsNotLostWhenPollEatsTheParkPermit() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> tricky = new Future<>() {
                int polls;

                @Override
                public Poll<String> poll(Context cx) {
                    if (++polls > 1) {
                        return Poll.ready("woken");
                    }
                    try {
                        pool.submit(cx.waker()::wake).get();
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                    LockSupport.parkNanos(1); // consumes the permit the wake left
                    return Poll.pending();
                }
            };
            AtomicReference<String> result = new AtomicReference<>();
            Thread driver = new Thread(() -> result.set(Async.blockOn(tricky)));
            driver.setDaemon(true);
            driver.start();
            driver.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(driver.isAlive(), "blockOn lost the wake and is parked forever");
            assertEquals("woken", result.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rethrowsTheSameCheckedThrowable() {
        IOException io = new IOException("disk on fire");
        Future<String> failing = cx -> {
            throw Throw.unchecked(io);
        };
        IOException thrown = assertThrows(IOException.class, () -> Async.blockOn(failing));
        assertSame(io, thrown);
    }

    @Test
    void readyFutureNeedsOnePoll() {
        assertEquals("x", Async.blockOn(Async.ready("x")));
        assertNull(Async.<Object>blockOn(Async.ready(null)));
    }

    @Test
    void pollValueWhenPendingThrows() {
        assertThrows(IllegalStateException.class, () -> Poll.pending().value());
        assertSame(Poll.pending(), Poll.pending());
    }

    @Test
    void awaitOutsideWovenCodeSaysHowToAttachTheAgent() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Async.await(Async.ready(1)));
        String m = e.getMessage();
        assertTrue(m.contains("-javaagent:weft-agent.jar") && m.contains("WeftAgent.install()"), m);
        assertTrue(m.contains("BlockOnTest"), "names the caller: " + m);
    }

    private static void assertTrue(boolean b, String m) {
        org.junit.jupiter.api.Assertions.assertTrue(b, m);
    }
}
