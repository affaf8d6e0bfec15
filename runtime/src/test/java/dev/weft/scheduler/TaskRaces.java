package dev.weft.scheduler;

import dev.weft.Cancellable;
import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Races on one task's state word, each a self-contained run: build a task on a queue the race
 * controls, start the racing threads, join them, drain the queue, check the invariants. The same
 * runs feed the model checker ({@link TaskStateModelCheckTest}) and the repeated stress
 * ({@link TaskStateStressTest}).
 *
 * <p>Invariants checked everywhere: at most one queue entry per task at any moment; never two
 * polls at once; a wake after the future became ready is never lost (the task ends COMPLETE);
 * {@link Scheduler#released} exactly once per task that reached a final state.
 */
final class TaskRaces {
    private TaskRaces() {}

    /** A scheduler that records entries and releases, and complains about a second entry. */
    static final class RecordingScheduler implements Scheduler {
        final ConcurrentLinkedQueue<Task<?>> queue = new ConcurrentLinkedQueue<>();
        final AtomicInteger outstanding = new AtomicInteger();
        final AtomicInteger released = new AtomicInteger();

        @Override
        public void schedule(Task<?> task) {
            if (outstanding.incrementAndGet() > 1) {
                throw new AssertionError("task queued twice");
            }
            queue.add(task);
        }

        @Override
        public void released(Task<?> task) {
            released.incrementAndGet();
        }

        /** Runs one queued entry, if any; returns whether there was one. */
        boolean runOne() {
            Task<?> t = queue.poll();
            if (t == null) {
                return false;
            }
            outstanding.decrementAndGet();
            runEntry(t);
            return true;
        }

        void drain() {
            while (runOne()) {
                // keep going: a poll may queue the task again
            }
        }
    }

    /**
     * Runs one queue entry as an executor does: on an executor's thread through
     * {@link ExecutorThread#runTask}, so a wake from inside the poll takes the poller's own path.
     */
    static void runEntry(Task<?> task) {
        if (Thread.currentThread() instanceof ExecutorThread e) {
            e.runTask(task);
        } else {
            task.run();
        }
    }

    /**
     * Pending until {@code ready}; records overlapping polls and how often it was cancelled. With
     * {@code wakesItself}, its first poll wakes the task from inside the poll, as a yield does.
     */
    static final class Gate implements Future<String>, Cancellable {
        final AtomicBoolean inPoll = new AtomicBoolean();
        final AtomicInteger polls = new AtomicInteger();
        final AtomicInteger cancels = new AtomicInteger();
        volatile boolean ready;
        volatile boolean wakesItself;
        volatile boolean overlapped;

        @Override
        public Poll<String> poll(Context cx) {
            if (!inPoll.compareAndSet(false, true)) {
                overlapped = true;
            }
            try {
                if (polls.incrementAndGet() == 1 && wakesItself) {
                    cx.waker().wake();
                    return Poll.pending();
                }
                return ready ? Poll.ready("done") : Poll.pending();
            } finally {
                inPoll.set(false);
            }
        }

        @Override
        public void cancel() {
            if (inPoll.get()) {
                overlapped = true; // the unwinding must never run during a poll
            }
            cancels.incrementAndGet();
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }

    /** Runs each action on its own executor thread (so {@link #runEntry} polls as a worker would) and joins them. */
    private static void runAll(Runnable... actions) {
        Thread[] threads = new Thread[actions.length];
        for (int i = 0; i < actions.length; i++) {
            threads[i] = new ExecutorThread(actions[i], "race-" + i);
        }
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static String outcome(Task<String> task) {
        try {
            Poll<String> p = task.poll(Context.of(() -> {}));
            return p.isReady() ? p.value() : "pending";
        } catch (CancellationException e) {
            return "cancelled";
        }
    }

    /**
     * The first poll finds the gate shut and answers Pending while another thread opens it and
     * wakes: whichever order, the task must end COMPLETE (wake vs poll: RUNNING→NOTIFIED or
     * IDLE→SCHEDULED, never lost).
     */
    static void wakeVsPoll() {
        RecordingScheduler s = new RecordingScheduler();
        Gate gate = new Gate();
        Task<String> task = new Task<>(gate, s);
        runAll(task::run, () -> {
            gate.ready = true;
            task.wake();
        });
        s.drain();
        check(task.state() == Task.COMPLETE, "wake lost: state " + task.state() + " after " + gate.polls + " polls");
        check(gate.polls.get() <= 2, "polled " + gate.polls + " times");
        check(!gate.overlapped, "two polls at once");
        check(s.released.get() == 1, "released " + s.released + " times");
        check("done".equals(outcome(task)), "outcome " + outcome(task));
    }

    /** A wake racing the poll that completes the task is ignored: no entry, one poll, one release. */
    static void wakeVsComplete() {
        RecordingScheduler s = new RecordingScheduler();
        Gate gate = new Gate();
        gate.ready = true;
        Task<String> task = new Task<>(gate, s);
        runAll(task::run, task::wake);
        check(s.queue.isEmpty(), "a completed task was queued");
        check(task.state() == Task.COMPLETE, "state " + task.state());
        check(gate.polls.get() == 1, "polled " + gate.polls + " times");
        check(s.released.get() == 1, "released " + s.released + " times");
    }

    /**
     * Cancel races a poll (that would complete the task when {@code completes}). Exactly one of the
     * two wins; the handle agrees with cancel's answer, except that a cancel arriving during a poll
     * that completes the task lets that outcome through (it may carry what the poll took); the task
     * is never polled after it was cancelled, and released once.
     */
    static void cancelVsPoll(boolean completes) {
        RecordingScheduler s = new RecordingScheduler();
        Gate gate = new Gate();
        gate.ready = completes;
        Task<String> task = new Task<>(gate, s);
        AtomicBoolean cancelled = new AtomicBoolean();
        runAll(task::run, () -> cancelled.set(task.cancel()));
        int pollsBeforeWake = gate.polls.get();
        gate.ready = true;
        task.wake();
        s.drain();
        String out = outcome(task);
        if (cancelled.get()) {
            boolean pollWon = completes && "done".equals(out) && task.state() == Task.COMPLETE;
            check(pollWon || "cancelled".equals(out), "cancel() said true but outcome is " + out);
            check(pollWon || task.state() == Task.CANCELLED, "state " + task.state());
            check(gate.polls.get() == pollsBeforeWake, "polled after cancel");
            // a poll that won completed its future: there is nothing to unwind
            check(gate.cancels.get() == (pollWon ? 0 : 1), "unwound " + gate.cancels + " times");
        } else {
            check("done".equals(out), "cancel() said false but outcome is " + out);
            check(task.state() == Task.COMPLETE, "state " + task.state());
        }
        check(!gate.overlapped, "two polls at once");
        check(s.released.get() == 1, "released " + s.released + " times");
    }

    /**
     * Three threads wake a suspended task while a fourth runs queue entries as they appear, then the
     * gate opens with a final wake. Never more than one entry, never two polls at once, and the task
     * completes.
     */
    static void manyWakers() {
        RecordingScheduler s = new RecordingScheduler();
        Gate gate = new Gate();
        Task<String> task = new Task<>(gate, s);
        task.run(); // now IDLE, waiting for a wake
        AtomicInteger wakersLeft = new AtomicInteger(3);
        Runnable waker = () -> {
            task.wake();
            task.wake();
            wakersLeft.decrementAndGet();
        };
        Runnable poller = () -> {
            while (wakersLeft.get() > 0) {
                if (!s.runOne()) {
                    Thread.yield();
                }
            }
            s.runOne();
        };
        runAll(waker, waker, waker, poller);
        s.drain();
        check(task.state() == Task.IDLE, "state " + task.state() + " after wakes with the gate shut");
        gate.ready = true;
        task.wake();
        s.drain();
        check(task.state() == Task.COMPLETE, "state " + task.state());
        check(!gate.overlapped, "two polls at once");
        check(gate.polls.get() <= 2 + 6, "polled " + gate.polls + " times for 6 wakes");
        check(s.released.get() == 1, "released " + s.released + " times");
    }

    /**
     * A suspended task is cancelled while another thread wakes it and a third runs queue entries:
     * whichever comes first, the task is queued at most once, never polled again, unwound exactly
     * once (by the thread running the queue, never inside a poll), and ends CANCELLED.
     */
    static void cancelVsWake() {
        RecordingScheduler s = new RecordingScheduler();
        Gate gate = new Gate();
        Task<String> task = new Task<>(gate, s);
        task.run(); // now IDLE
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicBoolean racing = new AtomicBoolean(true);
        Runnable runner = () -> {
            while (racing.get()) {
                if (!s.runOne()) {
                    Thread.yield();
                }
            }
        };
        Thread running = new Thread(runner);
        running.start();
        runAll(task::wake, () -> cancelled.set(task.cancel()));
        racing.set(false);
        try {
            running.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        s.drain();
        check(cancelled.get(), "cancelling a suspended task answered false");
        check(task.state() == Task.CANCELLED, "state " + task.state());
        check("cancelled".equals(outcome(task)), "outcome " + outcome(task));
        check(gate.cancels.get() == 1, "unwound " + gate.cancels + " times");
        check(!gate.overlapped, "a poll overlapped another poll or the unwinding");
        check(s.released.get() == 1, "released " + s.released + " times");
    }

    /**
     * A cancel queued for the executor races the executor closing, which abandons the task on its
     * own thread: exactly one of them unwinds it, once.
     */
    static void queuedCancelVsAbandon() {
        RecordingScheduler s = new RecordingScheduler();
        Gate gate = new Gate();
        Task<String> task = new Task<>(gate, s);
        task.run(); // now IDLE
        check(task.cancel(), "cancel answered false");
        runAll(s::drain, task::abandon);
        check(task.state() == Task.CANCELLED, "state " + task.state());
        check(gate.cancels.get() == 1, "unwound " + gate.cancels + " times");
        check(s.released.get() == 1, "released " + s.released + " times");
        check("cancelled".equals(outcome(task)), "outcome " + outcome(task));
    }

    /**
     * The first poll wakes the task from inside itself, on its poller's thread (the flag path, no
     * CAS), while another thread wakes it too: the two wakes make one entry, the task is polled
     * once more and completes. A poller that dropped its own wake would leave it IDLE whenever the
     * other wake came first.
     */
    static void selfWakeVsWake() {
        RecordingScheduler s = new RecordingScheduler();
        Gate gate = new Gate();
        gate.wakesItself = true;
        gate.ready = true;
        Task<String> task = new Task<>(gate, s);
        runAll(() -> runEntry(task), task::wake);
        s.drain();
        check(task.state() == Task.COMPLETE, "wake lost: state " + task.state() + " after " + gate.polls + " polls");
        check(gate.polls.get() == 2, "polled " + gate.polls + " times");
        check(!gate.overlapped, "two polls at once");
        check(s.released.get() == 1, "released " + s.released + " times");
        check("done".equals(outcome(task)), "outcome " + outcome(task));
    }

    /**
     * A cancel races the poll that wakes its own task: the task is still cancelled (not re-polled
     * as if the self-wake won), unwound once, released once.
     */
    static void selfWakeVsCancel() {
        RecordingScheduler s = new RecordingScheduler();
        Gate gate = new Gate();
        gate.wakesItself = true;
        Task<String> task = new Task<>(gate, s);
        AtomicBoolean cancelled = new AtomicBoolean();
        runAll(() -> runEntry(task), () -> cancelled.set(task.cancel()));
        s.drain();
        check(cancelled.get(), "cancelling a pending task answered false");
        check(task.state() == Task.CANCELLED, "state " + task.state());
        check(gate.polls.get() <= 1, "polled " + gate.polls + " times: once more after the cancel");
        check(gate.cancels.get() == 1, "unwound " + gate.cancels + " times");
        check(!gate.overlapped, "a poll overlapped another poll or the unwinding");
        check(s.released.get() == 1, "released " + s.released + " times");
        check("cancelled".equals(outcome(task)), "outcome " + outcome(task));
    }

    /**
     * The task's first poll wakes itself, so the word stays RUNNING and its entry is owned. Then
     * a wake (after opening the gate) races a thread running that entry: a wake before the entry
     * runs makes it NOTIFIED, which the entry must still poll; whichever order, the task completes.
     */
    static void ownedEntryVsWake() {
        RecordingScheduler s = new RecordingScheduler();
        Gate gate = new Gate();
        gate.wakesItself = true;
        Task<String> task = new Task<>(gate, s);
        runAll(() -> runEntry(task));
        check(task.state() == Task.RUNNING && s.queue.size() == 1, "no owned entry: state " + task.state());
        runAll(s::drain, () -> {
            gate.ready = true;
            task.wake();
        });
        s.drain();
        check(task.state() == Task.COMPLETE, "wake lost: state " + task.state() + " after " + gate.polls + " polls");
        check(!gate.overlapped, "two polls at once");
        check(s.released.get() == 1, "released " + s.released + " times");
        check("done".equals(outcome(task)), "outcome " + outcome(task));
    }

    /**
     * A cancel races the run of an owned entry (the word RUNNING, nobody polling): before the run,
     * the run unwinds it; during the poll, the poller does; after, the cancel queues it. The task
     * ends CANCELLED, unwound once and never during a poll.
     */
    static void ownedEntryVsCancel() {
        RecordingScheduler s = new RecordingScheduler();
        Gate gate = new Gate();
        gate.wakesItself = true;
        Task<String> task = new Task<>(gate, s);
        runAll(() -> runEntry(task));
        AtomicBoolean cancelled = new AtomicBoolean();
        runAll(s::drain, () -> cancelled.set(task.cancel()));
        s.drain();
        check(cancelled.get(), "cancelling a pending task answered false");
        check(task.state() == Task.CANCELLED, "state " + task.state());
        check(gate.cancels.get() == 1, "unwound " + gate.cancels + " times");
        check(!gate.overlapped, "a poll overlapped another poll or the unwinding");
        check(s.released.get() == 1, "released " + s.released + " times");
    }

    /** A closed executor abandons a task whose owned entry it will never run: it ends CANCELLED. */
    static void ownedEntryAbandoned() {
        RecordingScheduler s = new RecordingScheduler();
        Gate gate = new Gate();
        gate.wakesItself = true;
        Task<String> task = new Task<>(gate, s);
        runAll(() -> runEntry(task));
        task.abandon();
        check(task.state() == Task.CANCELLED, "state " + task.state());
        check(gate.cancels.get() == 1, "unwound " + gate.cancels + " times");
        check("cancelled".equals(outcome(task)), "outcome " + outcome(task));
        s.drain(); // the stale entry does nothing
        check(gate.polls.get() == 1, "polled " + gate.polls + " times");
        check(s.released.get() == 1, "released " + s.released + " times");
    }

    /**
     * Two joiners poll the handle while the task completes: each either sees the outcome at once or
     * is woken exactly once after it is published (the joiner stack and the outcome share one
     * atomic field; a push racing the publication must not be lost).
     */
    static void joinVsComplete() {
        RecordingScheduler s = new RecordingScheduler();
        Gate gate = new Gate();
        gate.ready = true;
        Task<String> task = new Task<>(gate, s);
        AtomicInteger readyAtOnce = new AtomicInteger();
        AtomicInteger woken = new AtomicInteger();
        Runnable joiner = () -> {
            if (task.poll(Context.of(woken::incrementAndGet)).isReady()) {
                readyAtOnce.incrementAndGet();
            }
        };
        runAll(task::run, joiner, joiner);
        check(readyAtOnce.get() + woken.get() == 2,
                readyAtOnce + " joiners saw the outcome at once and " + woken + " were woken, of 2");
        check("done".equals(outcome(task)), "outcome " + outcome(task));
    }
}
