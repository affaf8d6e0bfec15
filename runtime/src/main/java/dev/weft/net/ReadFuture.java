package dev.weft.net;

import dev.weft.Context;
import dev.weft.Waker;
import dev.weft.woven.Coroutine;
import java.io.IOException;
import java.nio.ByteBuffer;

/** {@link TcpStream#read}: one read of at least one byte, or -1 at end of stream. */
final class ReadFuture extends IoFuture<Integer> {
    private final TcpStream stream;
    private final ByteBuffer dst;
    private Waker parked;

    ReadFuture(TcpStream stream, ByteBuffer dst) {
        this.stream = stream;
        this.dst = dst;
    }

    @Override
    Object attempt(Context cx) throws IOException {
        stream.ensureOpen();
        int n;
        try {
            n = stream.inbox().read(dst);
        } catch (IOException | RuntimeException e) {
            stream.registration().forgetReader(parked);
            throw e;
        }
        if (n != 0 || !dst.hasRemaining()) {
            // Nobody waits on this side any more: the reactor must not read ahead on our behalf.
            stream.registration().forgetReader(parked);
            return n;
        }
        parked = cx.waker();
        stream.registration().awaitReadable(parked);
        return Coroutine.SUSPENDED;
    }

    @Override
    void release() {
        stream.registration().forgetReader(parked);
    }

    @Override
    public String toString() {
        return "read(" + stream + ")";
    }
}
