package dev.weft.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Context;
import dev.weft.Executor;
import dev.weft.Future;
import dev.weft.JoinHandle;
import dev.weft.Poll;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A failed task whose handle is collected before anyone read the failure is logged, with its
 * stack; one whose failure was read is not. Runs the real cleaner under real collections.
 */
class UnobservedFailureTest {
    private final Logger logger = Logger.getLogger(UnobservedFailure.LOGGER);
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void listen() {
        logger.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(capture);
    }

    private static Future<String> failing(RuntimeException failure) {
        return new Future<>() {
            @Override
            public Poll<String> poll(Context cx) {
                throw failure;
            }
        };
    }

    @Test
    void aFailureNobodyReadIsLoggedWhenItsHandleIsCollected() throws Exception {
        RuntimeException lost = new RuntimeException("lost failure");
        try (Executor ex = Executor.singleThreaded()) {
            WeakReference<JoinHandle<String>> handle = new WeakReference<>(ex.spawn("lost", failing(lost)));
            ex.blockOn(cx -> Poll.ready(null)); // FIFO: the failing task has run
            awaitCollected(handle);
        }
        LogRecord r = awaitRecord("lost failure");
        assertEquals(Level.WARNING, r.getLevel());
        assertSame(lost, r.getThrown());
        assertTrue(r.getMessage().contains("task 'lost'"), r.getMessage());
    }

    @Test
    void aFailureThatWasReadIsNotLogged() throws Exception {
        RuntimeException seen = new RuntimeException("seen failure");
        RuntimeException sentinel = new RuntimeException("sentinel failure");
        try (Executor ex = Executor.singleThreaded()) {
            JoinHandle<String> joined = ex.spawn(failing(seen));
            assertSame(seen, assertThrows(RuntimeException.class, joined::join));
            WeakReference<JoinHandle<String>> joinedRef = new WeakReference<>(joined);
            joined = null;
            awaitCollected(joinedRef);
            WeakReference<JoinHandle<String>> lost = new WeakReference<>(ex.spawn(failing(sentinel)));
            ex.blockOn(cx -> Poll.ready(null));
            awaitCollected(lost);
        }
        awaitRecord("sentinel failure");
        assertTrue(records.stream().noneMatch(r -> r.getThrown() == seen), "a read failure was reported");
    }

    private static void awaitCollected(WeakReference<?> ref) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (ref.get() != null) {
            assertTrue(System.nanoTime() < deadline, "the handle was never collected");
            System.gc();
            Thread.sleep(10); // gives the collector time; correctness does not depend on it
        }
    }

    private LogRecord awaitRecord(String failureMessage) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (;;) {
            for (LogRecord r : records) {
                if (r.getThrown() != null && failureMessage.equals(r.getThrown().getMessage())) {
                    return r;
                }
            }
            assertTrue(System.nanoTime() < deadline, "no report of " + failureMessage);
            System.gc();
            Thread.sleep(10);
        }
    }
}
