package dev.weft.reactor;

import dev.weft.Waker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketException;
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
 *
 * <p>A registration with a {@link ReadAhead} (TCP streams) keeps its read interest set instead:
 * when the socket turns readable while a reader is parked, the reactor reads for it into the
 * stream's own buffer, which drains the socket, so the level-triggered selector falls quiet
 * without an interest change. Each interest change costs an {@code epoll_ctl} on the reactor
 * thread (and often a wakeup), so a stream that alternates reads and writes saves two or three
 * system calls per read. The read interest is cleared, as above, only when the socket is readable
 * and nobody is waiting or the buffer still holds unread bytes.
 *
 * <pre>
 * read side with ReadAhead    event                       effect
 * -------------------------   -------------------------   -----------------------------------------
 * reader parked               readable, fill() FILLED     interest stays; reader woken
 * reader parked               readable, fill() EMPTY      nothing (no bytes after all)
 * reader parked               readable, fill() HOLDING    interest cleared; reader woken
 * no reader                   readable                    interest cleared
 * </pre>
 */
public final class IoRegistration {
    private static final int READ_SIDE = SelectionKey.OP_READ | SelectionKey.OP_ACCEPT;
    private static final int WRITE_SIDE = SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT;

    private final Reactor reactor;
    private final SelectableChannel channel;
    private final SelectionKey key;
    private volatile Waker readWaker;
    private volatile Waker writeWaker;
    private volatile ReadAhead readAhead;
    private volatile boolean closed;

    /**
     * Reads on the reactor thread for a parked reader, into a buffer the reader's next attempt
     * takes bytes from first, so no byte is lost when that reader is cancelled.
     */
    public interface ReadAhead {
        /** Bytes, end of stream or a failure now wait for the reader. */
        int FILLED = 0;
        /** The socket had nothing to read after all. */
        int EMPTY = 1;
        /** Bytes read earlier still wait for the reader; nothing was read. */
        int HOLDING = 2;

        /** Reactor thread, the channel is readable and a reader is parked: one non-blocking read. */
        int fill();

        /**
         * Reactor thread: the channel is readable and its read interest is about to be cleared
         * (nobody waits, or bytes are still held), so the next read must try the socket itself.
         */
        void readable();
    }

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

    /** Lets the reactor read for parked readers (see the class comment). Set it before the first read. */
    public void readAhead(ReadAhead r) {
        readAhead = r;
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

    /**
     * Forgets {@code w} if it is the read side's waker: a cancelled read holds nothing, and with a
     * {@link ReadAhead} a completed read must say so too, so the reactor knows nobody is waiting.
     */
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
        } catch (CancelledKeyException e) {
            wake(readWaker);
            wake(writeWaker);
            return;
        }
        if ((ready & WRITE_SIDE) != 0) {
            clear(k, ready & WRITE_SIDE);
            wake(writeWaker);
        }
        if ((ready & READ_SIDE) != 0) {
            ReadAhead ahead = readAhead;
            Waker w = readWaker;
            if (ahead != null && w != null) {
                int filled = ahead.fill();
                if (filled == ReadAhead.FILLED) {
                    Reactor.wake(w);
                    return;
                }
                if (filled == ReadAhead.EMPTY) {
                    return;
                }
            }
            if (ahead != null) {
                ahead.readable();
            }
            clear(k, ready & READ_SIDE);
            wake(readWaker);
        }
    }

    /**
     * Clears interest bits that fired. Callers read the waker after this: a concurrent awaitX that
     * sets the bit again stored its waker first, so either it sees the bit cleared and sets it again,
     * or the waker read after this is its waker.
     */
    private static void clear(SelectionKey k, int ops) {
        try {
            k.interestOpsAnd(~ops);
        } catch (CancelledKeyException e) {
            // closing: close() wakes both sides
        }
    }

    private static void wake(Waker w) {
        if (w != null) {
            Reactor.wake(w);
        }
    }

    /** Fails an operation on {@code owner} (a listener or stream) once it is closed. */
    public void ensureOpen(Object owner) throws SocketException {
        if (closed) {
            throw new SocketException("closed: " + owner);
        }
    }

    /**
     * {@link #close()} for an {@code AutoCloseable} {@code owner}: the rare close failure the
     * operating system reports becomes an {@link UncheckedIOException} naming it.
     */
    public void closeFor(Object owner) {
        try {
            close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing " + owner, e);
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
