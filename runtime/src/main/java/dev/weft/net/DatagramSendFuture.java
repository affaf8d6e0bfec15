package dev.weft.net;

import dev.weft.Context;
import dev.weft.Waker;
import dev.weft.woven.Coroutine;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * {@link UdpSocket#send}: one datagram, sent whole or not at all; Pending while the socket's send
 * buffer has no room for it.
 */
final class DatagramSendFuture extends IoFuture<Integer> {
    private final UdpSocket socket;
    private final ByteBuffer src;
    private final SocketAddress target; // null: the connected peer
    private Waker parked;

    DatagramSendFuture(UdpSocket socket, ByteBuffer src, SocketAddress target) {
        this.socket = socket;
        this.src = src;
        this.target = target;
    }

    @Override
    Object attempt(Context cx) throws IOException {
        socket.ensureOpen();
        DatagramChannel ch = (DatagramChannel) socket.registration().channel();
        boolean empty = !src.hasRemaining();
        int n = target == null ? ch.write(src) : ch.send(src, target);
        if (n > 0 || empty) {
            socket.registration().forgetWriter(parked);
            return n;
        }
        parked = cx.waker();
        socket.registration().awaitWritable(parked);
        return Coroutine.SUSPENDED;
    }

    @Override
    void release() {
        socket.registration().forgetWriter(parked);
    }

    @Override
    public String toString() {
        return "send(" + socket + (target == null ? "" : " -> " + target) + ")";
    }
}
