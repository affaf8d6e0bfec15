package dev.weft.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Poll;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class LocalQueueTest {
    private static Task<?>[] tasks(int n) {
        Task<?>[] ts = new Task<?>[n];
        for (int i = 0; i < n; i++) {
            ts[i] = new Task<>(cx -> Poll.ready(null), t -> {});
        }
        return ts;
    }

    @Test
    void ownerPopsOldestFirst() {
        LocalQueue q = new LocalQueue();
        Task<?>[] ts = tasks(10);
        ArrayDeque<Task<?>> overflow = new ArrayDeque<>();
        for (Task<?> t : ts) {
            assertFalse(q.push(t, overflow));
        }
        assertEquals(10, q.size());
        for (Task<?> t : ts) {
            assertSame(t, q.pop());
        }
        assertNull(q.pop());
        assertTrue(q.isEmpty());
    }

    @Test
    void fullQueueMovesItsOlderHalfAndTheNewTaskToOverflow() {
        LocalQueue q = new LocalQueue();
        int cap = LocalQueue.CAPACITY;
        Task<?>[] ts = tasks(cap + 1);
        ArrayDeque<Task<?>> overflow = new ArrayDeque<>();
        for (int i = 0; i < cap; i++) {
            assertFalse(q.push(ts[i], overflow));
        }
        assertTrue(q.push(ts[cap], overflow));
        assertEquals(cap / 2 + 1, overflow.size());
        for (int i = 0; i < cap / 2; i++) {
            assertSame(ts[i], overflow.poll());
        }
        assertSame(ts[cap], overflow.poll());
        for (int i = cap / 2; i < cap; i++) {
            assertSame(ts[i], q.pop());
        }
        assertNull(q.pop());
    }

    @Test
    void stealTakesHalfRoundedUpAndHandsOneBack() {
        LocalQueue victim = new LocalQueue();
        LocalQueue thief = new LocalQueue();
        Task<?>[] ts = tasks(7);
        ArrayDeque<Task<?>> overflow = new ArrayDeque<>();
        for (Task<?> t : ts) {
            victim.push(t, overflow);
        }
        Task<?> runNow = victim.stealHalfInto(thief);
        assertSame(ts[3], runNow, "the newest of the stolen four runs now");
        assertEquals(3, thief.size());
        assertSame(ts[0], thief.pop());
        assertSame(ts[1], thief.pop());
        assertSame(ts[2], thief.pop());
        assertEquals(3, victim.size());
        assertSame(ts[4], victim.pop());
        assertNull(new LocalQueue().stealHalfInto(thief), "nothing to steal from an empty queue");
    }

    /**
     * The owner pushes and pops while two thieves steal and drain their own queues: every task must
     * come out exactly once, through a pop, a steal, or the overflow queue.
     */
    @Test
    void concurrentPushPopAndStealLoseAndDuplicateNothing() throws Exception {
        int n = 300_000;
        Task<?>[] ts = tasks(n);
        Map<Task<?>, Integer> ids = new IdentityHashMap<>();
        for (int i = 0; i < n; i++) {
            ids.put(ts[i], i);
        }
        AtomicIntegerArray seen = new AtomicIntegerArray(n);
        LocalQueue owned = new LocalQueue();
        ConcurrentLinkedQueue<Task<?>> overflow = new ConcurrentLinkedQueue<>();
        AtomicBoolean ownerDone = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(3);
        Thread owner = new Thread(() -> {
            for (int i = 0; i < n; i++) {
                owned.push(ts[i], overflow);
                if (i % 3 == 0) {
                    Task<?> t = owned.pop();
                    if (t != null) {
                        seen.incrementAndGet(ids.get(t));
                    }
                }
            }
            for (Task<?> t; (t = owned.pop()) != null; ) {
                seen.incrementAndGet(ids.get(t));
            }
            ownerDone.set(true);
            finished.countDown();
        }, "owner");
        Thread[] thieves = new Thread[2];
        for (int k = 0; k < thieves.length; k++) {
            LocalQueue mine = new LocalQueue();
            thieves[k] = new Thread(() -> {
                for (;;) {
                    boolean last = ownerDone.get();
                    Task<?> t = owned.stealHalfInto(mine);
                    if (t != null) {
                        seen.incrementAndGet(ids.get(t));
                    }
                    for (Task<?> u; (u = mine.pop()) != null; ) {
                        seen.incrementAndGet(ids.get(u));
                    }
                    if (last && t == null) {
                        break;
                    }
                }
                finished.countDown();
            }, "thief-" + k);
        }
        owner.start();
        for (Thread t : thieves) {
            t.start();
        }
        assertTrue(finished.await(60, TimeUnit.SECONDS), "owner or thieves did not finish");
        for (Task<?> t; (t = overflow.poll()) != null; ) {
            seen.incrementAndGet(ids.get(t));
        }
        for (int i = 0; i < n; i++) {
            assertEquals(1, seen.get(i), "task " + i + " came out " + seen.get(i) + " times");
        }
    }
}
