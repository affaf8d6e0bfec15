package dev.weft.net;

import dev.weft.reactor.IoRegistration;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The bytes the reactor read ahead for a stream's parked reader, and the only way the stream's
 * reads reach its socket, so bytes come out in the order they arrived whoever read them.
 *
 * <p>The reactor fills it only while a reader is parked, and no more than that reader asked for
 * (at most {@value #MAX_AHEAD} bytes); a full inbox is left alone, so a stream nobody reads
 * stops being read, as before. The buffer is on the heap (the JDK reads through its per-thread
 * direct buffer, so the reactor's read costs one extra copy), and an emptied buffer larger than
 * {@value #KEEP} bytes is dropped, so an idle stream keeps at most that much. A cancelled read
 * leaves its bytes here for the next read. End of stream and a failure met by the reactor wait
 * here as well, for the next read to report. Guarded by its own lock: the reactor's {@link #fill}
 * and a worker's {@link #read} exclude each other, each holding it for one non-blocking read at
 * most.
 *
 * <p>A reader's large heap buffer is read into a slice at a time ({@link HeapSlice}), so the
 * read costs no native memory of its size.
 *
 * <p>It also remembers whether the socket was left drained: after a read that came back short
 * (fewer bytes than asked for, by either side), the next read skips the system call, which would
 * find nothing, and parks at once. That is only ever a guess about the socket, never needed for a
 * wake: a parked reader always has the read interest set, so bytes that did arrive make the
 * level-triggered selector report the socket, and the reactor reads them or marks the socket
 * {@link #readable} before it clears the interest.
 */
final class Inbox implements IoRegistration.ReadAhead {
    static final int MAX_AHEAD = 16 * 1024;
    static final int KEEP = 1024;

    private final SocketChannel channel;
    private ByteBuffer held; // flipped: the bytes between position and limit wait for the reader
    private int wanted = 1; // what the last reader to find nothing had room for
    private volatile boolean mayHaveBytes = true; // false after a short read: the socket was drained
    private boolean endOfStream;
    private IOException failure;

    Inbox(SocketChannel channel) {
        this.channel = channel;
    }

    /**
     * One read into {@code dst}, held bytes first: the count, -1 at end of stream, or 0 if there is
     * nothing to read now (or no room in {@code dst}).
     */
    synchronized int read(ByteBuffer dst) throws IOException {
        if (held != null && held.hasRemaining()) {
            int n = Math.min(held.remaining(), dst.remaining());
            int limit = held.limit();
            held.limit(held.position() + n);
            dst.put(held);
            held.limit(limit);
            if (!held.hasRemaining() && held.capacity() > KEEP) {
                held = null;
            }
            return n;
        }
        if (failure != null) {
            IOException f = failure;
            failure = null;
            throw f;
        }
        if (endOfStream) {
            return -1;
        }
        int room = dst.remaining();
        ByteBuffer slice = HeapSlice.of(dst);
        int asked = slice.remaining();
        int n = mayHaveBytes ? channel.read(slice) : 0;
        HeapSlice.advance(dst, slice, n);
        if (n == 0) {
            wanted = Math.max(1, Math.min(room, MAX_AHEAD));
        }
        endOfStream = n < 0;
        mayHaveBytes = n >= asked;
        return n;
    }

    @Override
    public void readable() {
        mayHaveBytes = true;
    }

    /** How many read-ahead bytes wait for the reader; for tests. */
    synchronized int heldBytes() {
        return held == null ? 0 : held.remaining();
    }

    @Override
    public synchronized int fill() {
        if (held != null && held.hasRemaining() || endOfStream || failure != null) {
            return HOLDING;
        }
        if (held == null || held.capacity() < wanted) {
            held = ByteBuffer.allocate(wanted);
        }
        held.clear().limit(wanted);
        try {
            int n = channel.read(held);
            held.flip();
            mayHaveBytes = n == wanted;
            if (n == 0) {
                return EMPTY;
            }
            endOfStream = n < 0;
        } catch (IOException e) {
            held.clear().limit(0);
            failure = e;
        }
        return FILLED;
    }
}
