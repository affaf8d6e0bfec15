package dev.weft.net;

import dev.weft.Context;
import dev.weft.Waker;
import dev.weft.woven.Coroutine;
import java.io.IOException;

/**
 * Base of {@link TcpReader}'s futures: in one poll, takes what it needs from the reader's buffer,
 * and while that is not enough, reads from the stream and tries again; parks only when the
 * stream has nothing now. A socket read is never a future of its own.
 */
abstract class BufferedRead<T> extends IoFuture<T> {
    final TcpReader reader;
    private Waker parked;

    BufferedRead(TcpReader reader) {
        this.reader = reader;
    }

    /** The answer from what is buffered, or SUSPENDED if it needs more bytes than the stream gave so far. */
    abstract Object take() throws IOException;

    /** One read from the stream toward the answer: the count, -1 at end of stream, 0 if none now. */
    int fill() throws IOException {
        return reader.fill();
    }

    @Override
    final Object attempt(Context cx) throws IOException {
        TcpStream stream = reader.stream();
        stream.ensureOpen();
        try {
            for (;;) {
                Object p = take();
                if (p != Coroutine.SUSPENDED) {
                    // Nobody waits on this side any more: the reactor must not read ahead for us.
                    stream.registration().forgetReader(parked);
                    return p;
                }
                if (fill() == 0) {
                    parked = cx.waker();
                    stream.registration().awaitReadable(parked);
                    return Coroutine.SUSPENDED;
                }
            }
        } catch (IOException | RuntimeException e) {
            release();
            throw e;
        }
    }

    @Override
    void release() {
        reader.stream().registration().forgetReader(parked);
    }
}
