package dev.weft.net;

import dev.weft.Context;
import dev.weft.Waker;
import dev.weft.woven.Coroutine;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * {@link TcpStream#write} and {@link TcpStream#writeAll}: Pending while the socket's send buffer is
 * full, which is how backpressure reaches the writer.
 *
 * <p>A large heap buffer is written in slices ({@link HeapSlice}), so that writing it costs no
 * native memory of its size.
 */
final class WriteFuture<T> extends IoFuture<T> {
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
    Object attempt(Context cx) throws IOException {
        stream.ensureOpen();
        while (src.hasRemaining()) {
            int n = writeSome();
            if (n == 0) {
                parked = cx.waker();
                stream.registration().awaitWritable(parked);
                return Coroutine.SUSPENDED;
            }
            written += n;
            if (!all) {
                break;
            }
        }
        return all ? null : (Object) written;
    }

    private int writeSome() throws IOException {
        ByteBuffer slice = HeapSlice.of(src);
        int n = stream.channel().write(slice);
        HeapSlice.advance(src, slice, n);
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
