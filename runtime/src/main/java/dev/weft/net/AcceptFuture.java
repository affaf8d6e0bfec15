package dev.weft.net;

import dev.weft.Context;
import dev.weft.Waker;
import dev.weft.woven.Coroutine;
import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/** {@link TcpListener#accept}: the next incoming connection. */
final class AcceptFuture extends IoFuture<TcpStream> {
    private final TcpListener listener;
    private Waker parked;

    AcceptFuture(TcpListener listener) {
        this.listener = listener;
    }

    @Override
    Object attempt(Context cx) throws IOException {
        listener.ensureOpen();
        SocketChannel ch = ((ServerSocketChannel) listener.registration().channel()).accept();
        if (ch != null) {
            return TcpStream.accepted(ch);
        }
        parked = cx.waker();
        listener.registration().awaitReadable(parked);
        return Coroutine.SUSPENDED;
    }

    @Override
    void release() {
        listener.registration().forgetReader(parked);
    }

    @Override
    public String toString() {
        return "accept(" + listener + ")";
    }
}
