package dev.weft.net;

import java.nio.ByteBuffer;

/**
 * How much of a buffer one socket call sees. The JDK reads into or writes from a heap buffer by
 * way of a temporary direct buffer as large as what remains of it, and caches that buffer for the
 * thread: one read into, or write of, a 256 MB array would cost 256 MB of native memory on each
 * worker thread that ran it, kept until the thread dies. So a large heap buffer meets the socket
 * {@value #BYTES} bytes at a time; a socket moves at most its buffer's worth per call anyway.
 */
final class HeapSlice {
    static final int BYTES = 128 * 1024;

    private HeapSlice() {}

    /** All of a direct or small buffer; the first {@link #BYTES} remaining bytes of a large heap one. */
    static ByteBuffer of(ByteBuffer buf) {
        return buf.isDirect() || buf.remaining() <= BYTES ? buf : buf.slice(buf.position(), BYTES);
    }

    /** Moves {@code buf} past the {@code n} bytes a call on its {@code slice} transferred. */
    static void advance(ByteBuffer buf, ByteBuffer slice, int n) {
        if (slice != buf && n > 0) {
            buf.position(buf.position() + n);
        }
    }
}
