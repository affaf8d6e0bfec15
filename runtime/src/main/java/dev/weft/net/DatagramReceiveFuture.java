package dev.weft.net;

import dev.weft.Context;
import dev.weft.Waker;
import dev.weft.woven.Coroutine;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * {@link UdpSocket#receive}: the next datagram, copied into the buffer. The datagram is taken off
 * the socket only inside a poll, so a cancelled receive leaves it for the next one.
 */
final class DatagramReceiveFuture extends IoFuture<SocketAddress> {
    private final UdpSocket socket;
    private final ByteBuffer dst;
    private Waker parked;

    DatagramReceiveFuture(UdpSocket socket, ByteBuffer dst) {
        this.socket = socket;
        this.dst = dst;
    }

    @Override
    Object attempt(Context cx) throws IOException {
        socket.ensureOpen();
        SocketAddress from = ((DatagramChannel) socket.registration().channel()).receive(dst);
        if (from != null) {
            socket.registration().forgetReader(parked);
            return from;
        }
        parked = cx.waker();
        socket.registration().awaitReadable(parked);
        return Coroutine.SUSPENDED;
    }

    @Override
    void release() {
        socket.registration().forgetReader(parked);
    }

    @Override
    public String toString() {
        return "receive(" + socket + ")";
    }
}
