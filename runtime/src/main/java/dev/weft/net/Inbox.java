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
 * (at most {@value #AHEAD} bytes); a full inbox is left alone, so a stream nobody reads stops
 * being read, as before. The buffer is on the heap (the JDK reads through its per-thread direct
 * buffer, so the reactor's read costs one extra copy), allocated at the first read-ahead and kept
 * for the stream's life: a read-ahead allocates nothing. It is small because it only has to
 * carry a parked reader over one wake: a read-ahead that fills it leaves the socket marked
 * readable, so the reader's next read takes the rest from the socket itself, as much as it has
 * room for. A cancelled read leaves its bytes here for the next read. End of stream and a
 * failure met by the reactor wait here as well, for the next read to report. Guarded by its own
 * lock: the reactor's {@link #fill} and a worker's {@link #read} exclude each other, each holding
 * it for one non-blocking read at most.
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
    static final int AHEAD = 1024;

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
     * nothing to read now (or no room in {@code dst}). Held bytes that left room in {@code dst} are
     * topped up from the socket if the read-ahead filled up (so the socket may have more).
     */
    synchronized int read(ByteBuffer dst) throws IOException {
        int taken = takeHeld(dst);
        if (taken > 0) {
            return mayHaveBytes && dst.hasRemaining() ? taken + readAfterHeld(dst) : taken;
        }
        if (failure != null) {
            IOException f = failure;
            failure = null;
            throw f;
        }
        if (endOfStream) {
            return -1;
        }
        return readSocket(dst);
    }

    private int takeHeld(ByteBuffer dst) {
        if (held == null || !held.hasRemaining()) {
            return 0;
        }
        int n = Math.min(held.remaining(), dst.remaining());
        int limit = held.limit();
        held.limit(held.position() + n);
        dst.put(held);
        held.limit(limit);
        return n;
    }

    /** The socket's bytes after held ones; its end or failure waits for the next read, which reports it. */
    private int readAfterHeld(ByteBuffer dst) {
        try {
            return Math.max(0, readSocket(dst));
        } catch (IOException e) {
            failure = e;
            return 0;
        }
    }

    private int readSocket(ByteBuffer dst) throws IOException {
        int room = dst.remaining();
        ByteBuffer slice = HeapSlice.of(dst);
        int asked = slice.remaining();
        int n = mayHaveBytes ? channel.read(slice) : 0;
        HeapSlice.advance(dst, slice, n);
        if (n == 0) {
            wanted = Math.max(1, Math.min(room, AHEAD));
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
        if (held == null) {
            held = ByteBuffer.allocate(AHEAD);
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
