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
 * EMPTY     send(v)                  SENT      receiver woken; send answers true
 * EMPTY     close()                  CLOSED    receiver woken; its poll throws ChannelClosedException
 * EMPTY     cancel() (receiver)      DROPPED   later sends answer false
 * SENT      cancel() (receiver)      DROPPED   v goes to the undelivered consumer
 * SENT      poll                     TAKEN     ready with v
 * any other send / close / cancel    unchanged send answers false
 * </pre>
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
    // The state is the slot itself: one of these markers, or (SENT) the value sent, NULL for null.
    // One field for both keeps a one-shot at 24 bytes; a million suspended receivers hold a million.
    private static final Object EMPTY = new Object();
    private static final Object CLOSED = new Object();
    private static final Object DROPPED = new Object();
    private static final Object TAKEN = new Object();
    private static final Object NULL = new Object();

    private Object slot = EMPTY; // guarded by this
    private Waker waker;         // guarded by this
    private final Consumer<? super T> undelivered;

    /** A one-shot that drops a sent value its cancelled receiver never took. */
    public OneShot() {
        this(value -> {});
    }

    /**
     * A one-shot that passes a sent value its receiver never took (it was cancelled first) to
     * {@code undelivered}, on the thread that cancels. What {@code undelivered} throws goes to that
     * thread's uncaught-exception handler.
     */
    public OneShot(Consumer<? super T> undelivered) {
        this.undelivered = Objects.requireNonNull(undelivered, "undelivered");
    }

    /**
     * Delivers {@code v} to the receiver.
     *
     * @return false if a value was already sent, the sender closed, or the receiver cancelled
     */
    public boolean send(T v) {
        Waker w;
        synchronized (this) {
            if (slot != EMPTY) {
                return false;
            }
            slot = v == null ? NULL : v;
            w = waker;
            waker = null;
        }
        if (w != null) {
            w.wake();
        }
        return true;
    }

    /** The sender gives up without a value: the receiver fails with {@link ChannelClosedException}. */
    public void close() {
        Waker w;
        synchronized (this) {
            if (slot != EMPTY) {
                return;
            }
            slot = CLOSED;
            w = waker;
            waker = null;
        }
        if (w != null) {
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
            Object s = slot;
            if (s == EMPTY) {
                waker = cx.waker();
                return Coroutine.SUSPENDED;
            }
            if (s == CLOSED) {
                throw new ChannelClosedException("one-shot closed without a value");
            }
            if (s == DROPPED || s == TAKEN) {
                throw new IllegalStateException("one-shot polled after it finished or was cancelled");
            }
            slot = TAKEN;
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
        synchronized (this) {
            Object s = slot;
            if (s == CLOSED || s == DROPPED || s == TAKEN) {
                return;
            }
            slot = DROPPED;
            waker = null;
            if (s == EMPTY) {
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

    /** The value a SENT slot holds. */
    @SuppressWarnings("unchecked")
    private T valueOf(Object sent) {
        return sent == NULL ? null : (T) sent;
    }
}
