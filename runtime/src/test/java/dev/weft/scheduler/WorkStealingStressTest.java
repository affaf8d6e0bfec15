package dev.weft.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.Async;
import dev.weft.Context;
import dev.weft.Executor;
import dev.weft.Future;
import dev.weft.JoinHandle;
import dev.weft.Poll;
import dev.weft.StressSize;
import dev.weft.Waker;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Many tasks, many wakes, two cores. Every test checks that no task was ever polled by two threads
 * at once, and waits on a latch whose timeout names the stuck tasks.
 */
@Tag("stress")
class WorkStealingStressTest {
    private static final int WORKERS = 4; // more workers than cores, so stealing and parking both happen

    /** A task that finishes on its first poll. */
    private static Future<Void> trivial(TaskProbe probe, int id) {
        return cx -> {
            probe.enter(id);
            try {
                probe.finished(id);
                return Poll.ready(null);
            } finally {
                probe.exit(id);
            }
        };
    }

    @Test
    void aMillionSpawnedTasksAllComplete() throws Exception {
        int fromOutside = StressSize.of(500_000);
        int spawners = 4;
        int perSpawner = StressSize.of(125_000);
        int total = fromOutside + spawners * perSpawner;
        TaskProbe probe = new TaskProbe(total + spawners);
        try (Executor ex = Executor.workStealing(WORKERS)) {
            // half from inside tasks: local queues overflow into the injection queue and get stolen
            for (int s = 0; s < spawners; s++) {
                int base = fromOutside + s * perSpawner;
                int spawnerId = total + s;
                ex.spawn(cx -> {
                    probe.enter(spawnerId);
                    try {
                        for (int i = 0; i < perSpawner; i++) {
                            Async.spawn(trivial(probe, base + i));
                        }
                        probe.finished(spawnerId);
                        return Poll.ready(null);
                    } finally {
                        probe.exit(spawnerId);
                    }
                });
            }
            // half from this thread: the injection queue
            for (int i = 0; i < fromOutside; i++) {
                ex.spawn(trivial(probe, i));
            }
            probe.awaitAll(60);
        }
    }

    @Test
    void wakeStormFromEightThreadsOnAThousandTasks() throws Exception {
        int tasks = 1000;
        int stormThreads = 8;
        int rounds = StressSize.of(100);
        TaskProbe probe = new TaskProbe(tasks);
        AtomicReferenceArray<Waker> wakers = new AtomicReferenceArray<>(tasks);
        AtomicIntegerArray released = new AtomicIntegerArray(tasks);
        CountDownLatch allPolled = new CountDownLatch(tasks);
        try (Executor ex = Executor.workStealing(WORKERS)) {
            for (int i = 0; i < tasks; i++) {
                int id = i;
                ex.spawn(cx -> {
                    probe.enter(id);
                    try {
                        if (wakers.getAndSet(id, cx.waker()) == null) {
                            allPolled.countDown();
                        }
                        if (released.get(id) == 1) {
                            probe.finished(id);
                            return Poll.ready(null);
                        }
                        // wakes from workers too, so the LIFO slot and the budget see traffic
                        if (probe.polls(id) % 3 == 0) {
                            Waker next = wakers.get((id + 1) % tasks);
                            if (next != null) {
                                next.wake();
                            }
                        }
                        return Poll.pending();
                    } finally {
                        probe.exit(id);
                    }
                });
            }
            if (!allPolled.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError(allPolled.getCount() + " tasks never got their first poll");
            }
            CountDownLatch go = new CountDownLatch(1);
            Thread[] storm = new Thread[stormThreads];
            for (int t = 0; t < stormThreads; t++) {
                int offset = t * (tasks / stormThreads);
                storm[t] = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int r = 0; r < rounds; r++) {
                        for (int i = 0; i < tasks; i++) {
                            wakers.get((offset + i) % tasks).wake();
                        }
                    }
                }, "storm-" + t);
                storm[t].start();
            }
            go.countDown();
            for (Thread t : storm) {
                t.join(TimeUnit.SECONDS.toMillis(60));
            }
            for (int i = 0; i < tasks; i++) {
                released.set(i, 1);
                wakers.get(i).wake();
            }
            probe.awaitAll(60);
        }
    }

    @Test
    void tasksSpawningTasksRecursively() throws Exception {
        int depth = 13; // 2^14 - 1 tasks in a binary tree
        int nodes = (1 << (depth + 1)) - 1;
        TaskProbe probe = new TaskProbe(nodes);
        try (Executor ex = Executor.workStealing(WORKERS)) {
            JoinHandle<Integer> root = ex.spawn(treeNode(probe, 0, depth));
            probe.awaitAll(60);
            assertEquals(1 << depth, root.join());
        }
    }

    /** Spawns its two children on its first poll, then is ready with the sum of their leaf counts. */
    private static Future<Integer> treeNode(TaskProbe probe, int id, int depth) {
        return new Future<>() {
            JoinHandle<Integer> left;
            JoinHandle<Integer> right;

            @Override
            public Poll<Integer> poll(Context cx) {
                probe.enter(id);
                try {
                    if (depth == 0) {
                        probe.finished(id);
                        return Poll.ready(1);
                    }
                    if (left == null) {
                        left = Async.spawn(treeNode(probe, 2 * id + 1, depth - 1));
                        right = Async.spawn(treeNode(probe, 2 * id + 2, depth - 1));
                    }
                    Poll<Integer> l = left.poll(cx);
                    Poll<Integer> r = right.poll(cx);
                    if (l.isPending() || r.isPending()) {
                        return Poll.pending();
                    }
                    probe.finished(id);
                    return Poll.ready(l.value() + r.value());
                } finally {
                    probe.exit(id);
                }
            }
        };
    }

    @Test
    void chainOfSpawnsEachSpawningTheNext() throws Exception {
        int length = StressSize.of(20_000);
        TaskProbe probe = new TaskProbe(length);
        try (Executor ex = Executor.workStealing(WORKERS)) {
            ex.spawn(chainLink(probe, 0, length));
            probe.awaitAll(60);
        }
    }

    private static Future<Void> chainLink(TaskProbe probe, int id, int length) {
        return cx -> {
            probe.enter(id);
            try {
                if (id + 1 < length) {
                    Async.spawn(chainLink(probe, id + 1, length));
                }
                probe.finished(id);
                return Poll.ready(null);
            } finally {
                probe.exit(id);
            }
        };
    }

    /** A one-value mailbox between two tasks: the receiver registers its waker, then looks again. */
    static final class Mailbox {
        private volatile Integer value;
        private volatile Waker receiver;

        void put(int v) {
            value = v;
            Waker w = receiver;
            if (w != null) {
                w.wake();
            }
        }

        Integer take(Context cx) {
            Integer v = value;
            if (v == null) {
                receiver = cx.waker();
                v = value;
                if (v == null) {
                    return null;
                }
            }
            value = null;
            return v;
        }
    }

    @Test
    void pingPongBetweenPairsOfTasks() throws Exception {
        int pairs = 8;
        int exchanges = 5_000;
        TaskProbe probe = new TaskProbe(pairs * 2);
        AtomicInteger wrongOrder = new AtomicInteger();
        try (Executor ex = Executor.workStealing(WORKERS)) {
            for (int p = 0; p < pairs; p++) {
                Mailbox toPing = new Mailbox();
                Mailbox toPong = new Mailbox();
                ex.spawn(player(probe, 2 * p, toPing, toPong, exchanges, true, wrongOrder));
                ex.spawn(player(probe, 2 * p + 1, toPong, toPing, exchanges, false, wrongOrder));
            }
            probe.awaitAll(60);
        }
        assertEquals(0, wrongOrder.get(), "messages arrived out of order");
    }

    /** Ping sends 0, 2, 4...; pong answers each n with n + 1; both stop after {@code exchanges} rounds. */
    private static Future<Void> player(TaskProbe probe, int id, Mailbox inbox, Mailbox outbox, int exchanges,
            boolean serves, AtomicInteger wrongOrder) {
        return new Future<>() {
            int round;
            boolean sent;

            @Override
            public Poll<Void> poll(Context cx) {
                probe.enter(id);
                try {
                    for (;;) {
                        if (round == exchanges) {
                            probe.finished(id);
                            return Poll.ready(null);
                        }
                        if (serves && !sent) {
                            outbox.put(2 * round);
                            sent = true;
                        }
                        Integer got = inbox.take(cx);
                        if (got == null) {
                            return Poll.pending();
                        }
                        if (got != (serves ? 2 * round + 1 : 2 * round)) {
                            wrongOrder.incrementAndGet();
                        }
                        if (!serves) {
                            outbox.put(got + 1);
                        }
                        round++;
                        sent = false;
                    }
                } finally {
                    probe.exit(id);
                }
            }
        };
    }
}
