package dev.weft.woven;

import dev.weft.Cancellable;
import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.rethrow.Throw;
import java.util.concurrent.CancellationException;

/**
 * The base of every frame class the weaver generates: the frame of one call of a coroutine method,
 * which is itself the {@link Future} that call returned.
 *
 * <pre>
 * phase      event                                  next       effect
 * --------   ------------------------------------   --------   -----------------------------------------
 * NEW        step                                   STARTED    the body starts
 * NEW        cancel                                 DONE       nothing ran, nothing is owed
 * STARTED    body returns or throws                 DONE       step returns the output or throws
 * STARTED    body finishes under a resume from      HANDED     the output waits in this frame for the
 *            below (see below)                                 parent's await to take it (a failure:
 *                                                              HANDED_FAILURE, taken the same way)
 * STARTED    body suspends                          STARTED    step returns SUSPENDED (the body waits at
 *                                                              the await site its frame recorded)
 * HANDED     step (the parent's await)              DONE       returns the output, or throws the failure
 * DONE       step                                   (error)    IllegalStateException
 * </pre>
 *
 * <p><b>Resuming from below.</b> A chain of coroutines awaiting coroutines suspends because its
 * innermost coroutine awaits some other future. Each await that suspends on a coroutine records
 * itself as that child's parent ({@code up}) and takes over the child's {@code innermost}, so every
 * coroutine of a suspended chain knows the deepest coroutine below it (null: it awaits another
 * kind of future itself). {@link #step}, whoever calls it (a task, {@code blockOn}, a combinator
 * through {@link #poll}, or a parent's await), resumes that deepest coroutine directly. If it
 * suspends again, step returns {@code SUSPENDED} and the chain above it is not touched; if it
 * finishes, its output or failure is handed to its parent (HANDED), and the parent's body resumes
 * at its await, which takes it, and so on upward until this coroutine's own body runs. So a wake
 * costs one body re-entry per level that finishes, not one per level of the chain. A future that
 * is not a coroutine ({@code Join}, {@code Select}, a hand-written future, an
 * {@link EagerCoroutine}'s result) ends the chain: it polls what it holds through {@link #poll},
 * and each coroutine polled that way resumes its own chain from below in turn.
 *
 * <p>Only the coroutine that last suspended, and the one that called its step, learn the new
 * deepest coroutine; the levels in between keep an older one. Those levels are not stepped again
 * until their child has finished, since a future has one owner at a time, so nothing reads it.
 *
 * <p>Which await site the body is suspended at, and the future it awaits there, are fields of the
 * generated frame class, package-private in the host's package: only the woven body, which stayed
 * in the host, reads and writes them, so code holding the future can neither read the saved locals
 * nor move the resume point.
 *
 * <p><b>Cancellation</b> ({@link #cancel}) unwinds a suspended body the way an exception would:
 * the body is resumed with the distinguished context {@link #CANCELLING}, and {@link Await#poll}
 * makes the pending {@code await} throw {@link CancellationException} at its site, so the user's
 * {@code catch} and {@code finally} blocks run (releasing a lock held across the await, closing a
 * stream). Before it throws, the awaited future is cancelled: a leaf future through
 * {@link Cancellable#cancel(Object)}, a nested coroutine by cancelling it in turn, so nested
 * coroutines unwind from the innermost outward (cancelling enters each level from the top, not from
 * below). While unwinding, every further {@code await} throws {@code CancellationException} at
 * once, without polling (as in Kotlin, a cancelled coroutine cannot suspend again); a body that
 * catches the exception may still return normally, and its output is dropped. A coroutine
 * cancelled before its first poll runs nothing.
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

    private static final byte NEW = 0;
    private static final byte STARTED = 1;
    private static final byte HANDED = 2;
    private static final byte HANDED_FAILURE = 3;
    private static final byte DONE = 4;

    private byte phase;
    /**
     * What goes up the chain: until this body finishes, the coroutine whose await it last suspended
     * under (null if none); in HANDED, the output; in HANDED_FAILURE, the failure. One field for
     * both, since a frame is allocated per call and the parent is no longer needed once the output
     * is handed to it.
     */
    private Object up;
    /** While suspended: the deepest coroutine of the chain this one awaits; null if it awaits another kind of future. */
    private Coroutine<?> innermost;

    /** Runs the woven body from where it suspended; returns the output or {@link #SUSPENDED}. */
    protected abstract Object resume(Context cx);

    /**
     * Advances the coroutine once, from its innermost suspended coroutine (see the class comment).
     * Parents call this directly instead of {@link #poll}, so awaiting a coroutine allocates
     * nothing. Returns the output or {@link #SUSPENDED}; failures propagate unchanged.
     */
    public final Object step(Context cx) {
        if (phase >= HANDED) {
            return take();
        }
        Coroutine<?> from = innermost;
        return from == null ? run(cx) : resumeFrom(from, cx);
    }

    /** Resumes {@code c}, a coroutine below this one, and hands outputs upward until one suspends or this body finishes. */
    private Object resumeFrom(Coroutine<?> c, Context cx) {
        while (c != this) {
            Coroutine<?> parent = (Coroutine<?>) c.up;
            try {
                Object output = c.run(cx);
                if (output == SUSPENDED) {
                    innermost = c.innermost == null ? c : c.innermost;
                    return SUSPENDED;
                }
                c.phase = HANDED;
                c.up = output;
            } catch (Throwable t) {
                c.phase = HANDED_FAILURE;
                c.up = t;
            }
            c = parent;
        }
        return run(cx);
    }

    /** Runs this body itself; the await it suspends at, if any, records the chain below it anew. */
    private Object run(Context cx) {
        phase = STARTED;
        innermost = null;
        try {
            Object result = resume(cx);
            if (result != SUSPENDED) {
                phase = DONE;
            }
            return result;
        } catch (Throwable t) {
            phase = DONE;
            throw t;
        }
    }

    private Object take() {
        if (phase == DONE) {
            throw new IllegalStateException(getClass().getName() + " polled after it completed");
        }
        Object out = up;
        up = null;
        if (phase == HANDED_FAILURE) {
            phase = DONE;
            throw Throw.unchecked((Throwable) out);
        }
        phase = DONE;
        return out;
    }

    /** An await in {@code parent}'s body found this coroutine pending: the chain now runs through it. */
    final void suspendedUnder(Coroutine<?> parent) {
        up = parent;
        parent.innermost = innermost == null ? this : innermost;
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
        if (phase == NEW || phase >= HANDED) {
            phase = DONE; // never started, no try block was entered; or finished: nothing is owed
            up = null;
            return;
        }
        run(CANCELLING);
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

    /** Started and not done: what the frame's state says is the await it last suspended at. */
    final boolean isSuspended() {
        return phase == STARTED;
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
        if (phase != NEW) {
            throw new IllegalStateException("only a frame that has not started can be copied");
        }
        try {
            return (Coroutine<T>) clone();
        } catch (CloneNotSupportedException impossible) {
            throw new AssertionError(impossible);
        }
    }

    @Override
    public final Poll<T> poll(Context cx) {
        return UnboxedPoll.boxed(step(cx));
    }
}
