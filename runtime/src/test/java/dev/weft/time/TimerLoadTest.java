package dev.weft.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Context;
import dev.weft.Future;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Many timers at once: what a pending timer costs, and how late timers fire under load. */
@Timeout(60)
@Tag("stress")
class TimerLoadTest {

    @Test
    void aMillionPendingSleepsCostAboutOneSmallObjectEach() {
        int n = 1_000_000;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        Future<?>[] sleeps = new Future<?>[n];
        Context cx = Context.of(() -> {});
        int wheelBefore = TimerTest.timersInWheel();
        long heapBefore = usedHeapAfterGc(memory);

        for (int i = 0; i < n; i++) {
            Future<Void> s = Timer.sleep(Duration.ofHours(1).plusMillis(i % 5000));
            assertTrue(s.poll(cx).isPending());
            sleeps[i] = s;
        }
        assertEquals(wheelBefore + n, TimerTest.timersInWheel());
        long heapAfter = usedHeapAfterGc(memory);
        System.out.printf("[timers] %,d pending sleeps: %,d bytes of heap, %.1f bytes per timer%n",
                n, heapAfter - heapBefore, (heapAfter - heapBefore) / (double) n);

        for (Future<?> s : sleeps) {
            assertTrue(((Sleep) s).release());
        }
        assertEquals(wheelBefore, TimerTest.timersInWheel(), "every cancelled sleep left the wheel");
    }

    private static long usedHeapAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    @Test
    void aHundredThousandTimersFireWithinAFewMillisecondsOfTheirDeadline() throws InterruptedException {
        int n = 100_000;
        long[] expected = new long[n];
        long[] woke = new long[n];
        CountDownLatch done = new CountDownLatch(n);
        SplittableRandom rnd = new SplittableRandom(100);
        Future<?>[] sleeps = new Future<?>[n];
        for (int i = 0; i < n; i++) {
            long ms = rnd.nextLong(1, 1000);
            int index = i;
            Context cx = Context.of(() -> {
                if (woke[index] == 0) {
                    woke[index] = System.nanoTime();
                    done.countDown();
                }
            });
            sleeps[i] = Timer.sleep(Duration.ofMillis(ms));
            expected[i] = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
            assertTrue(sleeps[i].poll(cx).isPending());
        }
        assertTrue(done.await(20, TimeUnit.SECONDS), "timers still pending: " + done.getCount());

        long[] lateMicros = new long[n];
        for (int i = 0; i < n; i++) {
            assertTrue(sleeps[i].poll(Context.of(() -> {})).isReady());
            lateMicros[i] = (woke[i] - expected[i]) / 1000;
        }
        Arrays.sort(lateMicros);
        System.out.printf("[timers] %,d timers, lateness in µs: min %d, p50 %d, p90 %d, p99 %d, p99.9 %d, max %d%n",
                n, lateMicros[0], pct(lateMicros, 50), pct(lateMicros, 90), pct(lateMicros, 99),
                pct(lateMicros, 99.9), lateMicros[n - 1]);
        assertTrue(lateMicros[0] >= 0, "a timer fired early by " + -lateMicros[0] + " µs");
        // Generous bounds: the tail measures CPU contention more than the wheel (two cores shared
        // with other builds; GC may pause the reactor), so only gross lateness fails the test.
        assertTrue(pct(lateMicros, 50) < 25_000, "median lateness " + pct(lateMicros, 50) + " µs");
        assertTrue(lateMicros[n - 1] < 1_000_000, "max lateness " + lateMicros[n - 1] + " µs");
    }

    private static long pct(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(sorted.length * p / 100))];
    }
}
