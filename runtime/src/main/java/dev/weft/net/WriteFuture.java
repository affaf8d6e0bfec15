package dev.weft.net;

import dev.weft.Context;
import dev.weft.Poll;
import dev.weft.Waker;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * {@link TcpStream#write} and {@link TcpStream#writeAll}: Pending while the socket's send buffer is
 * full, which is how backpressure reaches the writer.
 *
 * <p>A heap buffer is written in slices of at most {@value #HEAP_SLICE} bytes. The JDK writes a
 * heap buffer by copying all that remains of it into a temporary direct buffer, which it then
 * caches for the thread: one {@code writeAll} of a 256 MB array would cost 256 MB of native
 * memory on each worker thread that ran it, kept until the thread dies. A socket takes at most
 * its send buffer per call anyway, so the slices cost no extra wait.
 */
final class WriteFuture<T> extends IoFuture<T> {
    static final int HEAP_SLICE = 128 * 1024;

    private final TcpStream stream;
    private final ByteBuffer src;
    private final boolean all;
    private int written;
    private Waker parked;

    WriteFuture(TcpStream stream, ByteBuffer src, boolean all) {
        this.stream = stream;
        this.src = src;
        this.all = all;
    }

    @Override
    @SuppressWarnings("unchecked")
    Poll<T> attempt(Context cx) throws IOException {
        stream.ensureOpen();
        while (src.hasRemaining()) {
            int n = writeSome();
            if (n == 0) {
                parked = cx.waker();
                stream.registration().awaitWritable(parked);
                return Poll.pending();
            }
            written += n;
            if (!all) {
                break;
            }
        }
        return (Poll<T>) Poll.ready(all ? null : (Object) written);
    }

    private int writeSome() throws IOException {
        if (src.isDirect() || src.remaining() <= HEAP_SLICE) {
            return stream.channel().write(src);
        }
        int n = stream.channel().write(src.slice(src.position(), HEAP_SLICE));
        src.position(src.position() + n);
        return n;
    }

    @Override
    void release() {
        stream.registration().forgetWriter(parked);
    }

    @Override
    public String toString() {
        return (all ? "writeAll(" : "write(") + stream + ")";
    }
}
