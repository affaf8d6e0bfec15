package dev.weft.bench.core;

import dev.weft.Async;
import dev.weft.Executor;
import dev.weft.Future;
import dev.weft.JoinHandle;
import dev.weft.sync.OneShot;
import dev.weft.bench.VirtualThreads;
import dev.weft.bench.kotlin.Suspended;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * The child JVM of {@link HeapPerTask}: suspends {@value #TASKS} tasks of one implementation,
 * measures the heap they retain, then completes them and checks every result, and prints
 * {@code RESULT <bytes per task>}.
 */
public final class SuspendedTasks {
    static final int TASKS = 1_000_000;

    private SuspendedTasks() {}

    public static void main(String[] args) throws Exception {
        long before = usedAfterGc();
        long[] during = new long[1];
        long sum;
        switch (args[0]) {
            case "weft": sum = weft(null, () -> during[0] = measured()); break;
            case "weftSingleThreaded": sum = weftOn(Executor.singleThreaded(), () -> during[0] = measured()); break;
            case "virtualThreads": sum = virtualThreads(() -> during[0] = measured()); break;
            case "kotlin": sum = Suspended.suspendMany(TASKS, () -> during[0] = measured()); break;
            default: throw new IllegalArgumentException("unknown side " + args[0]);
        }
        long expected = (long) TASKS * (TASKS - 1) / 2;
        if (sum != expected) {
            throw new IllegalStateException("tasks returned " + sum + ", expected " + expected);
        }
        System.out.println("RESULT " + (double) (during[0] - before) / TASKS);
    }

    private static long weftOn(Executor executor, Runnable measure) throws InterruptedException {
        try (executor) {
            return weft(executor, measure);
        }
    }

    /** On {@code executor}, or with {@code Async.spawn} (the default work-stealing executor) when null. */
    private static long weft(Executor executor, Runnable measure) throws InterruptedException {
        @SuppressWarnings("unchecked")
        OneShot<Integer>[] values = new OneShot[TASKS];
        @SuppressWarnings("unchecked")
        JoinHandle<Integer>[] handles = new JoinHandle[TASKS];
        CountDownLatch started = new CountDownLatch(TASKS);
        for (int i = 0; i < TASKS; i++) {
            values[i] = new OneShot<>();
            Future<Integer> task = SuspendedTasksWoven.waitFor(values[i], started);
            handles[i] = executor == null ? Async.spawn(task) : executor.spawn(task);
        }
        started.await();
        measure.run();
        for (int i = 0; i < TASKS; i++) {
            values[i].send(i);
        }
        long sum = 0;
        for (JoinHandle<Integer> h : handles) {
            sum += h.join();
        }
        return sum;
    }

    private static long virtualThreads(Runnable measure) throws InterruptedException {
        @SuppressWarnings("unchecked")
        CompletableFuture<Integer>[] values = new CompletableFuture[TASKS];
        Thread[] threads = new Thread[TASKS];
        long[] results = new long[TASKS];
        CountDownLatch started = new CountDownLatch(TASKS);
        for (int i = 0; i < TASKS; i++) {
            CompletableFuture<Integer> value = new CompletableFuture<>();
            int slot = i;
            values[i] = value;
            threads[i] = VirtualThreads.start(() -> {
                started.countDown();
                results[slot] = value.join();
            });
        }
        started.await();
        for (Thread t : threads) {
            while (t.getState() != Thread.State.WAITING) {
                Thread.onSpinWait(); // counted down but not parked yet; the measurement wants it parked
            }
        }
        measure.run();
        for (int i = 0; i < TASKS; i++) {
            values[i].complete(i);
        }
        long sum = 0;
        for (int i = 0; i < TASKS; i++) {
            threads[i].join();
            sum += results[i];
        }
        return sum;
    }

    /**
     * The heap used while the tasks are suspended; with {@code -Dweft.bench.histogram=N}, also
     * prints the N biggest classes of the live heap (after the reading, so it does not change it).
     */
    private static long measured() {
        long used = usedAfterGc();
        int top = Integer.getInteger("weft.bench.histogram", 0);
        if (top > 0) {
            System.out.println(ClassHistogram.top(top));
        }
        return used;
    }

    static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
