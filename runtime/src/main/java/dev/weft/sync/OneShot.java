package dev.weft.sync;

import dev.weft.Cancellable;
import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.Waker;
import dev.weft.woven.Coroutine;
import dev.weft.woven.UnboxedPoll;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A channel for exactly one value: one side {@linkplain #send sends} it, the other awaits this
 * future. The sending side may run on any thread, inside a task or not.
 *
 * <pre>{@code
 * OneShot<Response> reply = new OneShot<>();
 * requests.send(new Request(query, reply));   // a server task calls reply.send(answer)
 * Response r = await(reply);
 * }</pre>
 *
 * <pre>
 * state     event                    next      effect
 * --------  -----------------------  --------  ------------------------------------------------
 * EMPTY     poll                     WAITING   the receiver's waker is kept; pending
 * WAITING   poll                     WAITING   the newer waker replaces the kept one; pending
 * EMPTY/WAITING  send(v)             SENT      the kept waker, if any, is woken; send answers true
 * EMPTY/WAITING  close()             CLOSED    the kept waker, if any, is woken; the receiver's
 *                                              poll throws ChannelClosedException
 * EMPTY/WAITING  cancel() (receiver) DROPPED   later sends answer false
 * SENT      cancel() (receiver)      DROPPED   v goes to the undelivered consumer
 * SENT      poll                     TAKEN     ready with v
 * any other send / close / cancel    unchanged send answers false
 * </pre>
 *
 * <p>The state is one field, {@code slot}, which is itself the state's content: the marker EMPTY;
 * the kept {@link Waker} (WAITING); the value sent (SENT: NULL for null, and a value that is itself
 * a {@code Waker} boxed, so that it cannot read as WAITING); or the marker of a final state. So a
 * one-shot is 16 bytes, and a million suspended receivers hold a million of them. A one-shot built
 * with an {@code undelivered} consumer keeps that state in a {@code Keeper} beside the consumer
 * until it reaches a final state.
 *
 * <p>A null value may be sent. Only one task may await a {@code OneShot}.
 *
 * <p><b>Cancellation.</b> A receiver cancelled before it polled a value that was already sent
 * cannot give it back to the sender, whose {@code send} has answered true. Such a value goes to the
 * {@code undelivered} consumer given at construction, so a value that owns something (a
 * connection, a pooled buffer) is released rather than leaked:
 *
 * <pre>{@code
 * OneShot<Connection> reply = new OneShot<>(Connection::close);
 * }</pre>
 *
 * <p>Without one, such a value is dropped. A value whose send answered false stays with the sender.
 *
 * @param <T> the value's type
 */
public final class OneShot<T> implements Future<T>, UnboxedPoll, Cancellable {
    private static final Object EMPTY = new Object();
    private static final Object CLOSED = new Object();
    private static final Object DROPPED = new Object();
    private static final Object TAKEN = new Object();
    private static final Object NULL = new Object();

    /** A sent value that is a {@link Waker}, which unboxed would read as a waiting receiver. */
    private record Boxed(Object value) {}

    /** The state of a one-shot that has an undelivered consumer, until it is final. */
    private static final class Keeper {
        Object slot = EMPTY; // guarded by the one-shot
        final Consumer<?> undelivered;

        Keeper(Consumer<?> undelivered) {
            this.undelivered = undelivered;
        }
    }

    private Object slot; // guarded by this: the state (see the class comment), or a Keeper holding it

    /** A one-shot that drops a sent value its cancelled receiver never took. */
    public OneShot() {
        slot = EMPTY;
    }

    /**
     * A one-shot that passes a sent value its receiver never took (it was cancelled first) to
     * {@code undelivered}, on the thread that cancels. What {@code undelivered} throws goes to that
     * thread's uncaught-exception handler.
     */
    public OneShot(Consumer<? super T> undelivered) {
        slot = new Keeper(Objects.requireNonNull(undelivered, "undelivered"));
    }

    /** The state, wherever it is kept. Under the lock. */
    private Object state() {
        return slot instanceof Keeper k ? k.slot : slot;
    }

    /** Moves to EMPTY, WAITING or SENT. Under the lock. */
    private void open(Object state) {
        if (slot instanceof Keeper k) {
            k.slot = state;
        } else {
            slot = state;
        }
    }

    /** Moves to a final state; a Keeper is no longer needed. Under the lock. */
    private void end(Object marker) {
        slot = marker;
    }

    /** Nothing sent yet (EMPTY or WAITING). */
    private static boolean unsent(Object state) {
        return state == EMPTY || state instanceof Waker;
    }

    /**
     * Delivers {@code v} to the receiver.
     *
     * @return false if a value was already sent, the sender closed, or the receiver cancelled
     */
    public boolean send(T v) {
        Object s;
        synchronized (this) {
            s = state();
            if (!unsent(s)) {
                return false;
            }
            open(v == null ? NULL : v instanceof Waker ? new Boxed(v) : v);
        }
        if (s instanceof Waker w) {
            w.wake();
        }
        return true;
    }

    /** The sender gives up without a value: the receiver fails with {@link ChannelClosedException}. */
    public void close() {
        Object s;
        synchronized (this) {
            s = state();
            if (!unsent(s)) {
                return;
            }
            end(CLOSED);
        }
        if (s instanceof Waker w) {
            w.wake();
        }
    }

    /** Whether the receiver has gone (cancelled), so computing a value is no longer useful. */
    public synchronized boolean isReceiverGone() {
        return slot == DROPPED;
    }

    @Override
    public Poll<T> poll(Context cx) {
        return UnboxedPoll.boxed(pollUnboxed(cx));
    }

    /** {@link #poll} without the {@code Poll}, for an await in woven code (not for users). */
    @Override
    public Object pollUnboxed(Context cx) {
        synchronized (this) {
            Object s = state();
            if (unsent(s)) {
                open(cx.waker());
                return Coroutine.SUSPENDED;
            }
            if (s == CLOSED) {
                throw new ChannelClosedException("one-shot closed without a value");
            }
            if (s == DROPPED || s == TAKEN) {
                throw new IllegalStateException("one-shot polled after it finished or was cancelled");
            }
            end(TAKEN);
            return valueOf(s);
        }
    }

    /**
     * The receiver stops waiting: a later {@link #send} answers false; a value already sent goes to
     * the {@code undelivered} consumer.
     */
    @Override
    public void cancel() {
        T orphan;
        Consumer<? super T> undelivered;
        synchronized (this) {
            Object s = state();
            if (s == CLOSED || s == DROPPED || s == TAKEN) {
                return;
            }
            undelivered = undeliveredConsumer();
            end(DROPPED);
            if (unsent(s) || undelivered == null) {
                return;
            }
            orphan = valueOf(s);
        }
        try {
            undelivered.accept(orphan);
        } catch (Throwable t) {
            Thread me = Thread.currentThread();
            me.getUncaughtExceptionHandler().uncaughtException(me, t);
        }
    }

    /** The consumer given at construction, or null (drop). Under the lock, before a final state. */
    @SuppressWarnings("unchecked")
    private Consumer<? super T> undeliveredConsumer() {
        return slot instanceof Keeper k ? (Consumer<? super T>) k.undelivered : null;
    }

    /** The value a SENT state holds. */
    @SuppressWarnings("unchecked")
    private T valueOf(Object sent) {
        return sent == NULL ? null : sent instanceof Boxed b ? (T) b.value() : (T) sent;
    }
}
