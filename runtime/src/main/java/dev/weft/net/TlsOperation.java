package dev.weft.net;

import dev.weft.Cancellable;
import dev.weft.Context;
import dev.weft.FallibleFuture;
import dev.weft.Poll;
import dev.weft.rethrow.Throw;
import java.io.IOException;
import java.util.concurrent.CancellationException;

/**
 * Base of a {@link TlsStream}'s futures. A TLS stream runs one operation at a time, because
 * reading may need to write (a handshake message, the reply to close_notify) and the engine's
 * buffers are shared; the stream's {@code busy} slot says which operation holds it.
 *
 * <pre>
 * state       event                                  next        effect
 * ---------   ------------------------------------   ---------   ------------------------------------
 * LIVE        first poll, stream idle                 LIVE        takes the stream
 * LIVE        first poll, another operation holds it  DONE        IllegalStateException
 * LIVE        poll: progress, not finished            LIVE        waker parked in the socket
 * LIVE        poll: finished or throws                DONE        value or exception out; stream free
 * LIVE        cancel                                  CANCELLED   socket waits cancelled; stream free;
 *                                                                 buffered bytes kept for the next op
 * DONE        poll                                    DONE        IllegalStateException
 * CANCELLED   poll                                    CANCELLED   CancellationException
 * </pre>
 */
abstract class TlsOperation<T> implements FallibleFuture<T, IOException>, Cancellable {
    private enum State { LIVE, DONE, CANCELLED }

    final TlsStream stream;
    private State state = State.LIVE;

    TlsOperation(TlsStream stream) {
        this.stream = stream;
    }

    @Override
    public final synchronized Poll<T> poll(Context cx) {
        if (state != State.LIVE) {
            throw state == State.DONE
                    ? new IllegalStateException(this + " polled after it completed")
                    : new CancellationException(this + " was cancelled");
        }
        if (!stream.take(this)) {
            state = State.DONE;
            throw new IllegalStateException(this + ": another operation on " + stream + " is pending;"
                    + " a TLS stream runs one read, write or handshake at a time");
        }
        Poll<T> p;
        try {
            p = attempt(stream.records(), cx);
        } catch (Throwable t) {
            finish();
            throw Throw.unchecked(t);
        }
        if (p.isReady()) {
            finish();
        }
        return p;
    }

    abstract Poll<T> attempt(TlsRecords records, Context cx) throws IOException;

    @Override
    public final synchronized void cancel() {
        if (state == State.LIVE) {
            state = State.CANCELLED;
            if (stream.holds(this)) {
                stream.records().abandonPending();
                stream.release(this);
            }
        }
    }

    private void finish() {
        state = State.DONE;
        stream.release(this);
    }
}
