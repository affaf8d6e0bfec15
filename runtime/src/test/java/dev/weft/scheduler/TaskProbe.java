package dev.weft.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches many test tasks by id: whether two threads were ever inside one task's poll at once,
 * how often each was polled, which finished, and, when a wait times out, which ones are stuck.
 */
final class TaskProbe {
    private final AtomicIntegerArray inPoll;
    private final AtomicIntegerArray polls;
    private final AtomicIntegerArray done;
    private final AtomicLong overlaps = new AtomicLong();
    private final CountDownLatch remaining;
    private volatile int firstOverlap = -1;

    TaskProbe(int tasks) {
        inPoll = new AtomicIntegerArray(tasks);
        polls = new AtomicIntegerArray(tasks);
        done = new AtomicIntegerArray(tasks);
        remaining = new CountDownLatch(tasks);
    }

    /** Call first thing in task {@code id}'s poll. */
    void enter(int id) {
        if (!inPoll.compareAndSet(id, 0, 1)) {
            overlaps.incrementAndGet();
            firstOverlap = id;
        }
        polls.incrementAndGet(id);
    }

    /** Call on every exit from task {@code id}'s poll. */
    void exit(int id) {
        inPoll.set(id, 0);
    }

    /** Task {@code id} produced its output; counted once. */
    void finished(int id) {
        if (done.compareAndSet(id, 0, 1)) {
            remaining.countDown();
        }
    }

    int polls(int id) {
        return polls.get(id);
    }

    /** Waits for every task to finish, then checks that no poll overlapped another of the same task. */
    void awaitAll(long seconds) throws InterruptedException {
        if (!remaining.await(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError(remaining.getCount() + " tasks still unfinished after " + seconds + " s; "
                    + stuckSummary());
        }
        assertNoOverlap();
    }

    void assertNoOverlap() {
        if (overlaps.get() != 0) {
            throw new AssertionError(overlaps.get() + " polls overlapped another poll of the same task (e.g. task "
                    + firstOverlap + ")");
        }
    }

    private String stuckSummary() {
        List<String> stuck = new ArrayList<>();
        int count = 0;
        for (int i = 0; i < done.length(); i++) {
            if (done.get(i) == 0) {
                if (stuck.size() < 20) {
                    stuck.add("#" + i + " (polled " + polls.get(i) + "x" + (inPoll.get(i) == 1 ? ", in poll now" : "") + ")");
                }
                count++;
            }
        }
        return "stuck: " + stuck + (count > stuck.size() ? " and " + (count - stuck.size()) + " more" : "");
    }
}
