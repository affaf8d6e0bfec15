package dev.weft.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Context;
import dev.weft.Executor;
import dev.weft.Future;
import dev.weft.JoinHandle;
import dev.weft.Poll;
import dev.weft.Waker;
import dev.weft.reactor.Reactor;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TimerTest {
    /** The wheel's exact size, read on the reactor thread after everything queued so far. */
    static int timersInWheel() {
        CompletableFuture<Integer> n = new CompletableFuture<>();
        Reactor.shared().execute(() -> n.complete(Reactor.shared().timerCount()));
        return n.join();
    }

    static final class CountingWaker implements Waker {
        final AtomicInteger wakes = new AtomicInteger();

        @Override
        public void wake() {
            wakes.incrementAndGet();
        }
    }

    private static final Future<Void> NEVER = cx -> Poll.pending();

    @Test
    void sleepStartsItsClockAtTheFirstPollNotAtCreation() {
        int before = timersInWheel();
        Future<Void> s = Timer.sleep(Duration.ofHours(1));
        assertEquals(before, timersInWheel(), "creating a sleep must not register anything");
        assertTrue(s.poll(Context.of(new CountingWaker())).isPending());
        assertEquals(before + 1, timersInWheel());
        ((Sleep) s).cancel();
        assertEquals(before, timersInWheel());
    }

    @Test
    void cancelledSleepLeavesTheWheelAndFailsIfPolledAgain() {
        int before = timersInWheel();
        Sleep s = (Sleep) Timer.sleep(Duration.ofMinutes(5));
        CountingWaker w = new CountingWaker();
        Context cx = Context.of(w);
        assertTrue(s.poll(cx).isPending());
        assertEquals(before + 1, timersInWheel());
        assertTrue(s.release());
        assertFalse(s.release(), "a second cancel reports nothing left to cancel");
        assertEquals(before, timersInWheel());
        assertThrows(CancellationException.class, () -> s.poll(cx));
        assertEquals(0, w.wakes.get(), "a cancelled sleep never wakes");
    }

    @Test
    void theLongestPossibleSleepWaitsInsteadOfOverflowing() {
        int before = timersInWheel();
        CountingWaker w = new CountingWaker();
        Sleep s = (Sleep) Timer.sleep(Duration.ofNanos(Long.MAX_VALUE));
        assertTrue(s.poll(Context.of(w)).isPending());
        assertEquals(before + 1, timersInWheel(), "still waiting after the reactor saw it");
        assertEquals(0, w.wakes.get());
        assertTrue(s.release());
        assertEquals(before, timersInWheel());
    }

    @Test
    void zeroSleepIsReadyAtOnceWithoutATimer() {
        assertTrue(Timer.sleep(Duration.ZERO).poll(Context.of(() -> {})).isReady());
    }

    @Test
    void sleepWakesAfterItsDurationAndNotBefore() {
        long start = System.nanoTime();
        Async.blockOn(Timer.sleep(Duration.ofMillis(30)));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMs >= 30, "woke after " + tookMs + " ms");
    }

    @Test
    void timeoutFailsWithTimeoutExceptionAndCancelsTheInnerSleep() {
        int before = timersInWheel();
        Sleep inner = (Sleep) Timer.sleep(Duration.ofHours(1));
        TimeoutException e = assertThrows(TimeoutException.class,
                () -> Async.blockOn(Timer.timeout(inner, Duration.ofMillis(20))));
        assertEquals(Duration.ofMillis(20), e.duration());
        assertFalse(inner.release(), "the timeout already cancelled the inner sleep");
        assertEquals(before, timersInWheel(), "neither the inner timer nor the timeout's own is left");
    }

    @Test
    void timeoutPassesTheInnerValueThroughAndDropsItsTimer() {
        int before = timersInWheel();
        Future<String> slowHello = new Future<>() {
            final Future<Void> nap = Timer.sleep(Duration.ofMillis(5));

            @Override
            public Poll<String> poll(Context cx) {
                return nap.poll(cx).isReady() ? Poll.ready("hello") : Poll.pending();
            }
        };
        assertEquals("hello", Async.blockOn(Timer.timeout(slowHello, Duration.ofSeconds(10))));
        assertEquals(before, timersInWheel(), "the 10 s timer was removed when the inner future won");
    }

    @Test
    void timeoutPassesTheInnerFailureThroughUnchanged() {
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        Future<Void> failing = cx -> {
            throw boom;
        };
        assertEquals(boom, assertThrows(IllegalArgumentException.class,
                () -> Async.blockOn(Timer.timeout(failing, Duration.ofSeconds(1)))));
    }

    @Test
    void timeoutCancelsASpawnedTask() {
        try (Executor ex = Executor.singleThreaded()) {
            JoinHandle<Void> task = ex.spawn(NEVER);
            assertThrows(TimeoutException.class, () -> Async.blockOn(Timer.timeout(task, Duration.ofMillis(10))));
            assertThrows(CancellationException.class, task::join);
        }
    }

    @Test
    void cancellingATimeoutCancelsBothTimers() {
        int before = timersInWheel();
        Sleep inner = (Sleep) Timer.sleep(Duration.ofHours(1));
        Future<Void> t = Timer.timeout(inner, Duration.ofHours(2));
        assertTrue(t.poll(Context.of(() -> {})).isPending());
        assertEquals(before + 2, timersInWheel());
        assertTrue(((dev.weft.time.Timeout<Void>) t).release());
        assertEquals(before, timersInWheel());
    }
}
