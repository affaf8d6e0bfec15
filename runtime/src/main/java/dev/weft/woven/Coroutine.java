package dev.weft.woven;

import dev.weft.Cancellable;
import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import java.util.concurrent.CancellationException;

/**
 * The base of every frame class the weaver generates: the frame of one call of a coroutine method,
 * which is itself the {@link Future} that call returned.
 *
 * <pre>
 * state      meaning
 * --------   -------------------------------------------------------------
 * new        created, body not started (calling the method ran nothing)
 * started    the body ran; suspended at the await site the frame recorded
 * done       returned or threw; polling again is an error
 * </pre>
 *
 * <p>Which await site the body is suspended at, and the future it awaits there, are fields of the
 * generated frame class, package-private in the host's package: only the woven body, which stayed
 * in the host, reads and writes them, so code holding the future can neither read the saved locals
 * nor move the resume point. This class keeps only new/started/done, privately.
 *
 * <p><b>Cancellation</b> ({@link #cancel}) unwinds a suspended body the way an exception would:
 * the body is resumed with the distinguished context {@link #CANCELLING}, and {@link Await#poll}
 * makes the pending {@code await} throw {@link CancellationException} at its site, so the user's
 * {@code catch} and {@code finally} blocks run (releasing a lock held across the await, closing a
 * stream). Before it throws, the awaited future is cancelled: a leaf future through
 * {@link Cancellable#cancel(Object)}, a nested coroutine by cancelling it in turn, so nested
 * coroutines unwind from the innermost outward. While unwinding, every further {@code await}
 * throws {@code CancellationException} at once, without polling (as in Kotlin, a cancelled
 * coroutine cannot suspend again); a body that catches the exception may still return normally,
 * and its output is dropped. A coroutine cancelled before its first poll runs nothing.
 *
 * @param <T> the coroutine's output type
 */
public abstract class Coroutine<T> implements Future<T>, Cancellable, Cloneable {
    /** What a woven body returns when it suspended instead of finishing. */
    public static final Object SUSPENDED = new Object() {
        @Override
        public String toString() {
            return "SUSPENDED";
        }
    };

    /**
     * The context a cancelled body is resumed with; {@link Await#poll} recognises it by identity.
     * Its waker does nothing: a cancelled coroutine is never polled again.
     */
    public static final Context CANCELLING = Context.of(() -> {});

    private boolean started;
    private boolean done;

    /** Runs the woven body from where it suspended; returns the output or {@link #SUSPENDED}. */
    protected abstract Object resume(Context cx);

    /**
     * Advances the body once. Parents call this directly instead of {@link #poll}, so awaiting a
     * coroutine allocates nothing.
     */
    public final Object step(Context cx) {
        if (done) {
            throw new IllegalStateException(getClass().getName() + " polled after it completed");
        }
        started = true;
        try {
            Object result = resume(cx);
            done = result != SUSPENDED;
            return result;
        } catch (Throwable t) {
            done = true;
            throw t;
        }
    }

    /**
     * Cancels the body where it is suspended: its pending {@code await} throws
     * {@link CancellationException}, after the future it awaited is cancelled, and the body's
     * {@code catch} and {@code finally} blocks run on this thread; see the class comment. A body
     * not started yet is only marked done. Like every {@link Cancellable#cancel}, this does not
     * throw: anything other than the cancellation that escapes the body (a {@code finally} that
     * throws) goes to the thread's uncaught-exception handler.
     */
    @Override
    public final void cancel() {
        try {
            unwind();
        } catch (CancellationException expected) {
            // the body let the cancellation propagate: the usual ending
        } catch (Throwable t) {
            Thread me = Thread.currentThread();
            me.getUncaughtExceptionHandler().uncaughtException(me, t);
        }
    }

    /**
     * Runs the body's unwinding and rethrows what escapes it (normally the
     * {@code CancellationException} its pending await threw). {@link Await#poll} calls this for a
     * nested coroutine so that what the child's {@code finally} throws reaches the parent's
     * handlers, as it would for any exception.
     */
    final void unwind() {
        if (done) {
            return;
        }
        if (!started) {
            done = true; // never started: no try block was entered, so nothing is owed
            return;
        }
        step(CANCELLING);
    }

    /**
     * Where the body is suspended: the host class, method, source file and line of the pending
     * await, or null when the body has not started, has finished, or the weaver wrote no line
     * table. The weaver overrides this in each frame class from a per-state line table; it is
     * protected so that only this package (the task dump) reads it, not code holding the future.
     */
    protected StackTraceElement suspendedAt() {
        return null;
    }

    /**
     * The future the pending await waits on (another coroutine, or a leaf future), or null when the
     * body is not suspended. Generated frames override this; protected for the same reason as
     * {@link #suspendedAt()}.
     */
    protected Object awaitedFuture() {
        return null;
    }

    /**
     * A frame that starts the body afresh with the same receiver and arguments, as calling the
     * method again would: how a {@code Generator} iterates more than once. Only a frame that has
     * not started holds nothing but its entry values, so only such a frame is copied.
     */
    @SuppressWarnings("unchecked")
    final Coroutine<T> copyUnstarted() {
        if (started) {
            throw new IllegalStateException("only a frame that has not started can be copied");
        }
        try {
            return (Coroutine<T>) clone();
        } catch (CloneNotSupportedException impossible) {
            throw new AssertionError(impossible);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public final Poll<T> poll(Context cx) {
        Object result = step(cx);
        return result == SUSPENDED ? Poll.pending() : Poll.ready((T) result);
    }
}
