package dev.weft.net;

import dev.weft.Cancellable;
import dev.weft.Context;
import dev.weft.Described;
import dev.weft.FallibleFuture;
import dev.weft.Poll;
import dev.weft.rethrow.Throw;
import dev.weft.woven.Coroutine;
import dev.weft.woven.UnboxedPoll;
import java.io.IOException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CancellationException;

/**
 * Base of the socket futures: one attempt per poll, failures thrown unchanged (an
 * {@link IOException} is thrown as itself, not wrapped, and their type says so, which makes
 * {@code await} of one declare it), and a {@code cancel()} that gives the registration's waker
 * slot back.
 *
 * <pre>
 * state       event                               next        effect
 * ---------   ---------------------------------   ---------   ----------------------------------
 * LIVE        poll: attempt ready                 DONE        value out
 * LIVE        poll: attempt would block           LIVE        waker parked in the registration
 * LIVE        poll: attempt throws                DONE        the exception out, unchanged
 * LIVE        cancel                              CANCELLED   waker forgotten, {@link #release}
 * DONE        poll                                DONE        IllegalStateException
 * CANCELLED   poll                                CANCELLED   CancellationException
 * </pre>
 */
abstract class IoFuture<T> implements FallibleFuture<T, IOException>, UnboxedPoll, Cancellable, Described {
    private static final byte LIVE = 0;
    private static final byte DONE = 1;
    private static final byte CANCELLED = 2;

    private volatile byte state = LIVE;

    @Override
    public final Poll<T> poll(Context cx) {
        return UnboxedPoll.boxed(pollUnboxed(cx));
    }

    @Override
    public final Object pollUnboxed(Context cx) {
        byte s = state;
        if (s != LIVE) {
            throw s == DONE
                    ? new IllegalStateException(this + " polled after it completed")
                    : new CancellationException(this + " was cancelled");
        }
        Object p;
        try {
            p = attempt(cx);
        } catch (ClosedChannelException e) {
            // The JDK's exception has no message; say which operation met the closed socket.
            state = DONE;
            SocketException closed = new SocketException(this + ": the socket was closed");
            closed.initCause(e);
            throw Throw.unchecked(closed);
        } catch (Throwable t) {
            state = DONE;
            throw Throw.unchecked(t);
        }
        if (p != Coroutine.SUSPENDED) {
            state = DONE;
        }
        return p;
    }

    /**
     * One try at the operation: its value, or, if it would block, {@link Coroutine#SUSPENDED} after
     * parking {@code cx}'s waker (no {@code Poll}, so an await of a ready operation allocates none).
     */
    abstract Object attempt(Context cx) throws IOException;

    /** Gives back what a pending attempt holds (a waker slot, a half-open channel). */
    abstract void release();

    @Override
    public final void cancel() {
        stop();
    }

    /** Each subclass's {@code toString()} names its operation and socket: {@code read(TcpStream[a -> b])}. */
    @Override
    public String describe() {
        return "socket, waiting to " + this;
    }

    /** Gives the registration's waker slot back; true if this call stopped a pending operation. */
    final boolean stop() {
        if (state != LIVE) {
            return false;
        }
        state = CANCELLED;
        release();
        return true;
    }
}
