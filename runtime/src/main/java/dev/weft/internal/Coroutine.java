package dev.weft.internal;

import dev.weft.Cancellable;
import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;

/**
 * The base of every frame class the weaver generates: the frame of one call of a coroutine method,
 * which is itself the {@link Future} that call returned.
 *
 * <pre>
 * state      meaning
 * --------   -------------------------------------------------------------
 * 0          created, body not started (calling the method ran nothing)
 * k &gt; 0      suspended at await site k; {@link #awaiting} holds its future
 * DONE (-1)  returned or threw; polling again is an error
 * </pre>
 *
 * <p>The woven body sets {@code state} and {@code awaiting} when it suspends; {@link #step} marks
 * the frame done when the body returns a value or throws, and {@link #cancel} marks it done
 * without running the rest of the body.
 *
 * @param <T> the coroutine's output type
 */
public abstract class Coroutine<T> implements Future<T>, Cancellable {
    /** What a woven body returns when it suspended instead of finishing. */
    public static final Object SUSPENDED = new Object() {
        @Override
        public String toString() {
            return "SUSPENDED";
        }
    };

    public static final int DONE = -1;

    /** The resume point: 0 before the first poll, k while suspended at await site k. */
    public int state;

    /** The future the body is suspended on, polled again on resume. */
    public Object awaiting;

    /** Runs the woven body from {@link #state}; returns the output or {@link #SUSPENDED}. */
    protected abstract Object resume(Context cx);

    /**
     * Advances the body once. Parents call this directly instead of {@link #poll}, so awaiting a
     * coroutine allocates nothing.
     */
    public final Object step(Context cx) {
        if (state == DONE) {
            throw new IllegalStateException(getClass().getName() + " polled after it completed");
        }
        try {
            Object result = resume(cx);
            if (result != SUSPENDED) {
                state = DONE;
                awaiting = null;
            }
            return result;
        } catch (Throwable t) {
            state = DONE;
            awaiting = null;
            throw t;
        }
    }

    /**
     * Abandons the body where it is suspended: the awaited future is cancelled so it releases what
     * it holds. The rest of the body, including its {@code finally} blocks, never runs.
     */
    @Override
    public final void cancel() {
        if (state == DONE) {
            return;
        }
        Object suspendedOn = awaiting;
        state = DONE;
        awaiting = null;
        Cancellable.cancel(suspendedOn);
    }

    @Override
    @SuppressWarnings("unchecked")
    public final Poll<T> poll(Context cx) {
        Object result = step(cx);
        return result == SUSPENDED ? Poll.pending() : Poll.ready((T) result);
    }
}
