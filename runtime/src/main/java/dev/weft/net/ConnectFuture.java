package dev.weft.net;

import dev.weft.Context;
import dev.weft.reactor.IoRegistration;
import dev.weft.reactor.Reactor;
import dev.weft.woven.Coroutine;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;

/**
 * {@link TcpStream#connect}: opens the socket at the first poll (futures are lazy), then waits for
 * the non-blocking connect to finish. A failed or cancelled connect closes the socket.
 */
final class ConnectFuture extends IoFuture<TcpStream> {
    private final SocketAddress remote;
    private final SocketOptions options;
    private IoRegistration reg;

    ConnectFuture(SocketAddress remote, SocketOptions options) {
        this.remote = remote;
        this.options = options;
    }

    @Override
    Object attempt(Context cx) throws IOException {
        try {
            boolean connected;
            if (reg == null) {
                SocketChannel ch = SocketChannel.open();
                try {
                    options.applyTo(ch);
                    reg = IoRegistration.register(Reactor.shared(), ch);
                } catch (IOException | RuntimeException e) {
                    ch.close();
                    throw e;
                }
                connected = ch.connect(remote);
            } else {
                connected = ((SocketChannel) reg.channel()).finishConnect();
            }
            if (connected) {
                return new TcpStream(reg);
            }
            reg.awaitConnectable(cx.waker());
            return Coroutine.SUSPENDED;
        } catch (IOException | RuntimeException e) {
            release();
            throw e;
        }
    }

    @Override
    void release() {
        if (reg != null) {
            try {
                reg.close();
            } catch (IOException ignored) {
                // the connect's own failure (or the cancel) is what the caller needs to see
            }
        }
    }

    @Override
    public String toString() {
        return "connect(" + remote + ")";
    }
}
