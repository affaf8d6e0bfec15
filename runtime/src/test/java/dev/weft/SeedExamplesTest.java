package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.time.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** The seeds' first examples, written by hand against the poll API. */
class SeedExamplesTest {

    /** The seeds' TimerFuture: shared state plus a stored waker, completed by a timer thread. */
    static final class TimerFuture implements Future<Void> {
        private final Object lock = new Object();
        private boolean completed;
        private Waker waker;

        TimerFuture(Duration d) {
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(d.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                Waker w;
                synchronized (lock) {
                    completed = true;
                    w = waker;
                }
                if (w != null) {
                    w.wake();
                }
            });
            t.setDaemon(true);
            t.start();
        }

        @Override
        public Poll<Void> poll(Context cx) {
            synchronized (lock) {
                if (completed) {
                    return Poll.ready(null);
                }
                waker = cx.waker();
                return Poll.pending();
            }
        }
    }

    @Test
    void howdyThenDoneWhileTheExecutorThreadIsFree() {
        List<String> log = new CopyOnWriteArrayList<>();
        try (Executor ex = Executor.singleThreaded()) {
            JoinHandle<Void> main = ex.spawn(new Future<Void>() {
                TimerFuture timer;

                @Override
                public Poll<Void> poll(Context cx) {
                    if (timer == null) {
                        log.add("howdy!");
                        timer = new TimerFuture(Duration.ofMillis(200));
                    }
                    if (timer.poll(cx).isPending()) {
                        return Poll.pending();
                    }
                    log.add("done!");
                    return Poll.ready(null);
                }
            });
            // runs on the same single thread while the first task sleeps
            ex.spawn(cx -> {
                log.add("meanwhile");
                return Poll.ready(null);
            }).join();
            main.join();
        }
        assertEquals(List.of("howdy!", "meanwhile", "done!"), log);
    }

    @Test
    void tenThousandSleepsTakeTheLongestNotTheSum() {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        long totalMillis = 0;
        long longest = 0;
        try (Executor ex = Executor.singleThreaded()) {
            JoinHandle<?>[] handles = new JoinHandle<?>[10_000];
            long start = System.nanoTime();
            for (int i = 0; i < handles.length; i++) {
                long ms = ThreadLocalRandom.current().nextLong(1, 51);
                totalMillis += ms;
                longest = Math.max(longest, ms);
                Future<Void> sleep = Timer.sleep(Duration.ofMillis(ms));
                handles[i] = ex.spawn(cx -> {
                    threads.add(Thread.currentThread());
                    return sleep.poll(cx);
                });
            }
            for (JoinHandle<?> h : handles) {
                h.join();
            }
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(1, threads.size(), "all tasks ran on the executor's one thread");
            // the sum is ~250 s; concurrent sleeps finish in about the longest (50 ms) plus overhead
            assertTrue(elapsedMillis < totalMillis / 20,
                    "took " + elapsedMillis + " ms for sleeps summing to " + totalMillis + " ms");
            assertTrue(elapsedMillis >= longest, "finished before its longest sleep");
        }
    }
}
