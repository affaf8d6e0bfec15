package dev.weft.internal;

import dev.weft.Waker;
import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;

/**
 * A non-blocking channel registered with the reactor, with one waker slot for the read side
 * (read, accept) and one for the write side (write, connect). Not for users.
 *
 * <p>The pattern for an I/O future is: try the operation; if it would block, call
 * {@link #awaitReadable} (or write/connect) and answer Pending; when polled again, try again.
 * The selector is level-triggered, so readiness that arrives between the failed attempt and the
 * interest registration is still reported. The reactor clears an interest bit when it fires, so a
 * ready-but-unread socket does not make the selector spin; the next would-block sets it again.
 *
 * <pre>
 * state    event                         next     effect
 * ------   ---------------------------   ------   ------------------------------------------------
 * OPEN     awaitX(waker)                 OPEN     waker stored, interest bit set, reactor woken
 * OPEN     event on the key (reactor)    OPEN     interest bit cleared, that side's waker called
 * OPEN     close (any thread)            CLOSED   key cancelled, channel closed, both wakers called
 * CLOSED   awaitX                        CLOSED   throws ClosedChannelException
 * </pre>
 *
 * <p>Each side holds one waker: one read and one write may be pending at a time (a second
 * concurrent read replaces the first one's waker).
 */
public final class IoRegistration {
    private static final int READ_SIDE = SelectionKey.OP_READ | SelectionKey.OP_ACCEPT;
    private static final int WRITE_SIDE = SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT;

    private final Reactor reactor;
    private final SelectableChannel channel;
    private final SelectionKey key;
    private volatile Waker readWaker;
    private volatile Waker writeWaker;
    private volatile boolean closed;

    private IoRegistration(Reactor reactor, SelectableChannel channel) throws IOException {
        this.reactor = reactor;
        this.channel = channel;
        channel.configureBlocking(false);
        // Since JDK 11 register does not wait for a select in progress; interest 0 means the key
        // does nothing until a future asks for an event.
        this.key = channel.register(reactor.selector(), 0, this);
    }

    /** Puts {@code channel} in non-blocking mode and registers it with {@code reactor}. */
    public static IoRegistration register(Reactor reactor, SelectableChannel channel) throws IOException {
        return new IoRegistration(reactor, channel);
    }

    public SelectableChannel channel() {
        return channel;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Calls {@code w} once the channel is readable (or acceptable, for a server channel). */
    public void awaitReadable(Waker w) throws ClosedChannelException {
        readWaker = w;
        interest(SelectionKey.OP_READ & channel.validOps() | SelectionKey.OP_ACCEPT & channel.validOps());
    }

    /** Calls {@code w} once the channel is writable. */
    public void awaitWritable(Waker w) throws ClosedChannelException {
        writeWaker = w;
        interest(SelectionKey.OP_WRITE);
    }

    /** Calls {@code w} once a pending connect can be finished. */
    public void awaitConnectable(Waker w) throws ClosedChannelException {
        writeWaker = w;
        interest(SelectionKey.OP_CONNECT);
    }

    /** Forgets {@code w} if it is the read side's waker: a cancelled read holds nothing. */
    public void forgetReader(Waker w) {
        if (readWaker == w) {
            readWaker = null;
        }
    }

    /** Forgets {@code w} if it is the write side's waker. */
    public void forgetWriter(Waker w) {
        if (writeWaker == w) {
            writeWaker = null;
        }
    }

    private void interest(int op) throws ClosedChannelException {
        // The waker is written before closed is read, and close() writes closed before it reads the
        // wakers, so either we see closed here or close() calls the waker we just stored.
        if (closed) {
            throw new ClosedChannelException();
        }
        try {
            if ((key.interestOps() & op) != op) {
                key.interestOpsOr(op);
                reactor.wakeup();
            }
        } catch (CancelledKeyException e) {
            throw new ClosedChannelException();
        }
    }

    /** Reactor thread: an event arrived for this key. */
    void onReady(SelectionKey k) {
        int ready;
        try {
            ready = k.readyOps();
            // Clear before reading the wakers: a concurrent awaitX that sets the bit again after
            // this stored its waker first, so that waker is the one called below.
            k.interestOpsAnd(~ready);
        } catch (CancelledKeyException e) {
            ready = READ_SIDE | WRITE_SIDE;
        }
        if ((ready & READ_SIDE) != 0) {
            Waker w = readWaker;
            if (w != null) {
                Reactor.wake(w);
            }
        }
        if ((ready & WRITE_SIDE) != 0) {
            Waker w = writeWaker;
            if (w != null) {
                Reactor.wake(w);
            }
        }
    }

    /**
     * Cancels the key, closes the channel and wakes both sides so their pending futures fail when
     * they poll again. Idempotent.
     */
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            key.cancel();
            channel.close();
        } finally {
            // The selector finishes closing a registered channel when it deregisters the key,
            // which happens in its next select: wake it so the peer sees the close now.
            reactor.wakeup();
            Waker r = readWaker;
            Waker w = writeWaker;
            readWaker = null;
            writeWaker = null;
            if (r != null) {
                Reactor.wake(r);
            }
            if (w != null) {
                Reactor.wake(w);
            }
        }
    }
}
