package dev.weft.scheduler;

import dev.weft.Context;
import dev.weft.JoinHandle;
import dev.weft.Poll;
import dev.weft.Waker;
import dev.weft.rethrow.Throw;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

/**
 * The outcome half of a task: published once, then read by joiners that poll, block, or ask for a
 * {@code CompletableFuture}. Joiners register a waker under the lock; publishing takes the list
 * under the same lock and wakes them outside it, so no joiner misses the outcome.
 *
 * <p>A thread blocked in {@link #join()} that is interrupted parks again: the interrupt is kept
 * aside and set again when the join returns or throws, as {@code CompletableFuture.join()} does.
 * Waking up for it would leave nothing to do but park again, and {@code join} declares no
 * {@code InterruptedException} to report it with.
 *
 * <p>It extends {@link Context} only so that the {@link Task} below it is its own poll context
 * (and its own waker): one allocation per spawned task.
 */
abstract class TaskOutcome<T> extends Context implements JoinHandle<T> {
    private static final Object NULL = new Object();
    private static final System.Logger LOG = System.getLogger(TaskOutcome.class.getName());

    private volatile Object outcome; // null until published; NULL for a null value; Failure
    private List<Waker> joiners;
    private CompletableFuture<T> completable;
    private volatile UnobservedFailure unobserved; // a failure no one has read yet

    private record Failure(Throwable cause) {}

    final void publishValue(T value) {
        publish(value == null ? NULL : value);
    }

    final void publishFailure(Throwable failure) {
        if (!(failure instanceof CancellationException)) {
            unobserved = UnobservedFailure.watch(this, taskName(), failure);
        }
        publish(new Failure(failure));
    }

    private void publish(Object result) {
        List<Waker> toWake;
        synchronized (this) {
            outcome = result;
            toWake = joiners;
            joiners = null;
        }
        if (toWake != null) {
            for (Waker w : toWake) {
                wakeContained(w);
            }
        }
    }

    /**
     * One joiner's waker that throws must not keep the others asleep, nor unwind the executor
     * thread that is publishing (it would stop serving): the failure is reported and that is all.
     */
    private void wakeContained(Waker w) {
        try {
            w.wake();
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.ERROR, "a joiner's waker threw when " + this
                    + " finished; the other joiners were still woken", t);
        }
    }

    @Override
    public final boolean isDone() {
        return outcome != null;
    }

    @Override
    public final Poll<T> poll(Context cx) {
        Object o = outcome;
        if (o == null && !addJoiner(cx.waker())) {
            return Poll.pending();
        }
        return Poll.ready(outcomeValue());
    }

    /** Registers {@code w} unless the outcome is already published; returns whether it is. */
    private synchronized boolean addJoiner(Waker w) {
        if (outcome != null) {
            return true;
        }
        if (joiners == null) {
            joiners = new ArrayList<>(2);
        }
        if (!joiners.contains(w)) {
            joiners.add(w);
        }
        return false;
    }

    @Override
    public final T join() {
        if (outcome == null) {
            ExecutorThread.refuseBlocking("JoinHandle.join()");
            Thread me = Thread.currentThread();
            if (!addJoiner(() -> LockSupport.unpark(me))) {
                parkUntilPublished();
            }
        }
        return outcomeValue();
    }

    private void parkUntilPublished() {
        boolean interrupted = false;
        while (outcome == null) {
            LockSupport.park(this);
            // a pending interrupt makes park return at once: set it aside, or this loop spins
            interrupted |= Thread.interrupted();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @SuppressWarnings("unchecked")
    private T outcomeValue() {
        Object o = outcome;
        if (o instanceof Failure f) {
            markObserved();
            throw Throw.unchecked(AsyncTrace.crossing(f.cause(), this));
        }
        return o == NULL ? null : (T) o;
    }

    @Override
    public final synchronized CompletableFuture<T> toCompletableFuture() {
        if (completable == null) {
            CompletableFuture<T> cf = new CompletableFuture<>();
            completable = cf;
            Runnable complete = () -> {
                Object o = outcome;
                if (o instanceof Failure f) {
                    markObserved();
                    cf.completeExceptionally(f.cause());
                } else {
                    cf.complete(o == NULL ? null : outcomeCast(o));
                }
            };
            if (outcome != null) {
                complete.run();
            } else {
                if (joiners == null) {
                    joiners = new ArrayList<>(2);
                }
                joiners.add(complete::run);
            }
        }
        return completable;
    }

    /** Whether the outcome is published and is a failure (cancellation included). */
    final boolean failed() {
        return outcome instanceof Failure;
    }

    /** The task's name, or null; for reports about it. */
    abstract String taskName();

    /** The task's id and name: {@code task 17 (fetch-user)}. */
    public abstract String describe();

    private void markObserved() {
        UnobservedFailure u = unobserved;
        if (u != null) {
            unobserved = null;
            u.observed();
        }
    }

    @SuppressWarnings("unchecked")
    private T outcomeCast(Object o) {
        return (T) o;
    }
}
