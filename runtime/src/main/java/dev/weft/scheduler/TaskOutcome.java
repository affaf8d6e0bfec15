package dev.weft.scheduler;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.JoinHandle;
import dev.weft.Poll;
import dev.weft.Waker;
import dev.weft.rethrow.Throw;
import dev.weft.woven.Coroutine;
import dev.weft.woven.UnboxedPoll;
import java.lang.invoke.ConstantBootstraps;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

/**
 * The future half and the outcome half of a task: the future it polls until it is done, then the
 * outcome, published once and read by joiners that poll, block, or ask for a
 * {@code CompletableFuture}. One atomic field holds all of it, so a task carries one word for its
 * future and its outcome, and publishing takes no lock:
 *
 * <pre>
 * result             meaning                                    next
 * ----------------   ----------------------------------------   ------------------------------------
 * a Future           not done, nobody waiting: the task's future   Joiner (a joiner registers), or done
 * Joiner             not done; a stack of joiners' wakers, each    a longer stack (CAS), or done
 *                    node holding the task's future too
 * NULL / value       done with that value (NULL: null; a value     final
 *                    that is a Future is boxed in FutureValue)
 * Failure            done with a failure (or cancelled)         final
 * </pre>
 *
 * Publishing swaps the done value in with one {@code getAndSet} (which drops the future at the same
 * moment) and wakes the stack it took, so a joiner either pushed before the swap (and is woken) or
 * sees the outcome when its CAS fails. The holder classes are private, so a task's value can never
 * be mistaken for one of them, and a value that is itself a {@code Future} is boxed, so it cannot
 * read as "not done".
 *
 * <p>A thread blocked in {@link #join()} that is interrupted parks again: the interrupt is kept
 * aside and set again when the join returns or throws, as {@code CompletableFuture.join()} does.
 * Waking up for it would leave nothing to do but park again, and {@code join} declares no
 * {@code InterruptedException} to report it with.
 *
 * <p>It extends {@link Context} only so that the {@link Task} below it is its own poll context
 * (and its own waker): one allocation per spawned task.
 */
abstract class TaskOutcome<T> extends Context implements JoinHandle<T>, UnboxedPoll {
    private static final Object NULL = new Object();
    private static final System.Logger LOG = System.getLogger(TaskOutcome.class.getName());
    private static final VarHandle RESULT =
            ConstantBootstraps.fieldVarHandle(MethodHandles.lookup(), "result", VarHandle.class, TaskOutcome.class, Object.class);

    @SuppressWarnings("unused") // accessed through RESULT
    private volatile Object result;

    /**
     * One registered joiner, and the task's future while it is not done (copied from the node
     * below, so the top of the stack has it); immutable, so a stack can be read while others push.
     */
    private record Joiner(Waker waker, Joiner next, Future<?> future) {}

    /** A published value that is a {@link Future}, which unboxed would read as the task's own. */
    private record FutureValue(Object value) {}

    TaskOutcome(Future<T> future) {
        result = future;
    }

    /** The future the task polls, or null once the outcome is published. */
    @SuppressWarnings("unchecked")
    final Future<T> future() {
        Object r = result;
        return (Future<T>) (r instanceof Joiner j ? j.future : r instanceof Future<?> f ? f : null);
    }

    /** A failed outcome; {@code unobserved} is set until someone reads the failure. */
    private static final class Failure {
        final Throwable cause;
        volatile UnobservedFailure unobserved;

        Failure(Throwable cause) {
            this.cause = cause;
        }
    }

    /** The joiner {@link #toCompletableFuture} registers: completes its future when woken. */
    private record Completer<T>(TaskOutcome<T> task, CompletableFuture<T> future) implements Waker {
        @Override
        public void wake() {
            task.complete(future);
        }
    }

    final void publishValue(T value) {
        publish(value == null ? NULL : value instanceof Future<?> ? new FutureValue(value) : value);
    }

    final void publishFailure(Throwable failure) {
        Failure f = new Failure(failure);
        if (!(failure instanceof CancellationException)) {
            f.unobserved = UnobservedFailure.watch(this, taskName(), failure);
        }
        publish(f);
    }

    private void publish(Object done) {
        Object waiting = RESULT.getAndSet(this, done);
        for (Joiner j = waiting instanceof Joiner first ? first : null; j != null; j = j.next) {
            wakeContained(j.waker);
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

    private static boolean isOutcome(Object r) {
        return !(r instanceof Joiner) && !(r instanceof Future<?>);
    }

    /** The stack's top in a not-done word: null if it is the bare future. */
    private static Joiner stackOf(Object r) {
        return r instanceof Joiner j ? j : null;
    }

    /** The future in a not-done word. */
    private static Future<?> futureIn(Object r) {
        return r instanceof Joiner j ? j.future : (Future<?>) r;
    }

    @Override
    public final boolean isDone() {
        return isOutcome(result);
    }

    @Override
    public final Poll<T> poll(Context cx) {
        return UnboxedPoll.boxed(pollUnboxed(cx));
    }

    /** {@link #poll} without the {@code Poll}, for an await of the handle in woven code. */
    @Override
    public final Object pollUnboxed(Context cx) {
        if (!isOutcome(result) && !addJoiner(cx.waker())) {
            return Coroutine.SUSPENDED;
        }
        return outcomeValue();
    }

    /**
     * Registers {@code w} unless the outcome is already published; returns whether it is. A waker
     * already on the stack is not pushed again, so a joiner polled many times does not grow it.
     */
    private boolean addJoiner(Waker w) {
        for (;;) {
            Object r = result;
            if (isOutcome(r)) {
                return true;
            }
            Joiner top = stackOf(r);
            for (Joiner j = top; j != null; j = j.next) {
                if (j.waker.equals(w)) {
                    return false;
                }
            }
            if (RESULT.compareAndSet(this, r, new Joiner(w, top, futureIn(r)))) {
                return false;
            }
        }
    }

    @Override
    public final T join() {
        if (!isOutcome(result)) {
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
        while (!isOutcome(result)) {
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
        Object o = result;
        if (o instanceof Failure f) {
            markObserved(f);
            throw Throw.unchecked(AsyncTrace.crossing(f.cause, this));
        }
        return valueIn(o);
    }

    @SuppressWarnings("unchecked")
    private static <T> T valueIn(Object o) {
        return o == NULL ? null : o instanceof FutureValue b ? (T) b.value() : (T) o;
    }

    /** While the task runs, every call answers the same future; once it is done, a completed one. */
    @Override
    public final CompletableFuture<T> toCompletableFuture() {
        for (;;) {
            Object r = result;
            if (isOutcome(r)) {
                CompletableFuture<T> cf = new CompletableFuture<>();
                complete(cf);
                return cf;
            }
            Joiner top = stackOf(r);
            for (Joiner j = top; j != null; j = j.next) {
                if (j.waker instanceof Completer<?> c && c.task == this) {
                    @SuppressWarnings("unchecked")
                    CompletableFuture<T> existing = (CompletableFuture<T>) c.future;
                    return existing;
                }
            }
            CompletableFuture<T> cf = new CompletableFuture<>();
            if (RESULT.compareAndSet(this, r, new Joiner(new Completer<>(this, cf), top, futureIn(r)))) {
                return cf;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void complete(CompletableFuture<T> cf) {
        Object o = result;
        if (o instanceof Failure f) {
            markObserved(f);
            cf.completeExceptionally(f.cause);
        } else {
            cf.complete(TaskOutcome.<T>valueIn(o));
        }
    }

    /** Whether the outcome is published and is a failure (cancellation included). */
    final boolean failed() {
        return result instanceof Failure;
    }

    /** The task's name, or null; for reports about it. */
    abstract String taskName();

    /** The task's id and name: {@code task 17 (fetch-user)}. */
    public abstract String describe();

    private static void markObserved(Failure f) {
        UnobservedFailure u = f.unobserved;
        if (u != null) {
            f.unobserved = null;
            u.observed();
        }
    }
}
