package dev.weft.net;

import dev.weft.FallibleFuture;
import dev.weft.reactor.IoRegistration;
import dev.weft.reactor.Reactor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Objects;

/**
 * A UDP socket served by the reactor: sends and receives are futures, Pending while the send
 * buffer is full or no datagram has arrived.
 *
 * <pre>{@code
 * Future<Void> echoDatagrams(UdpSocket socket) {
 *     ByteBuffer buf = ByteBuffer.allocate(UdpSocket.MAX_DATAGRAM);
 *     for (;;) {
 *         try {
 *             SocketAddress from = await(socket.receive(buf.clear()));   // declares IOException
 *             await(socket.send(buf.flip(), from));
 *         } catch (SocketException closed) {
 *             return ready(null);
 *         } catch (IOException e) {
 *             log(e);
 *         }
 *     }
 * }
 *
 * UdpSocket socket = UdpSocket.bind(new InetSocketAddress("127.0.0.1", 0));
 * }</pre>
 *
 * <p><b>Datagrams are whole or lost.</b> A send puts one datagram on the wire, all of the buffer's
 * remaining bytes, or fails (a datagram larger than the network allows fails with an
 * {@link IOException}, "Message too long"). UDP itself may drop, duplicate or reorder datagrams;
 * on loopback it drops them when the receiver's buffer ({@code SO_RCVBUF}) is full. A receive
 * copies one datagram into the buffer; <b>a datagram larger than the buffer's room is truncated to
 * fit and the rest of it is discarded</b>, with no error (the JDK does not say it happened), so
 * size the buffer for the largest datagram expected: {@link #MAX_DATAGRAM} holds any.
 *
 * <p>At most one send and one receive may be pending at a time. A datagram is taken off the
 * socket only inside the poll that completes the receive, so cancelling a receive (a timeout, a
 * cancelled task) never loses one. Failures are {@link IOException}s thrown unchanged from
 * {@code await} (a {@link java.net.PortUnreachableException} may report, on a connected socket,
 * that an earlier datagram found no receiver); operations on or pending during a {@link #close()}
 * fail with a {@link SocketException}.
 */
public final class UdpSocket implements AutoCloseable {
    /** The largest UDP payload over IPv4, 65,507 bytes: a receive buffer of this size truncates nothing. */
    public static final int MAX_DATAGRAM = 65_507;

    private final IoRegistration reg;
    private final DatagramChannel channel;

    private UdpSocket(IoRegistration reg) {
        this.reg = reg;
        this.channel = (DatagramChannel) reg.channel();
    }

    /**
     * Binds a UDP socket to {@code local} now. Port 0 picks a free port ({@link #localAddress()}).
     *
     * <pre>{@code
     * UdpSocket socket = UdpSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
     * }</pre>
     */
    public static UdpSocket bind(SocketAddress local) throws IOException {
        return bind(local, SocketOptions.none());
    }

    /**
     * Binds a UDP socket to {@code local} after setting {@code options} on it.
     *
     * <pre>{@code
     * UdpSocket socket = UdpSocket.bind(address,
     *         SocketOptions.none().with(StandardSocketOptions.SO_RCVBUF, 4 << 20));
     * }</pre>
     */
    public static UdpSocket bind(SocketAddress local, SocketOptions options) throws IOException {
        Objects.requireNonNull(options, "options");
        DatagramChannel ch = DatagramChannel.open();
        try {
            options.applyTo(ch);
            ch.bind(local);
            return new UdpSocket(IoRegistration.register(Reactor.shared(), ch));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Connects the socket to {@code remote} now (UDP has no handshake, so this does not wait):
     * from then on it receives only {@code remote}'s datagrams, and {@link #send(ByteBuffer)}
     * sends to it.
     *
     * <pre>{@code
     * socket.connect(server);
     * await(socket.send(request));
     * await(socket.receive(reply));
     * }</pre>
     */
    public void connect(SocketAddress remote) throws IOException {
        ensureOpen();
        channel.connect(Objects.requireNonNull(remote, "remote"));
    }

    /**
     * A future that sends {@code src}'s remaining bytes as one datagram to {@code target} and
     * completes with their count; {@code src}'s position moves past them.
     *
     * <pre>{@code
     * await(socket.send(ByteBuffer.wrap(payload), peer));
     * }</pre>
     */
    public FallibleFuture<Integer, IOException> send(ByteBuffer src, SocketAddress target) {
        return new DatagramSendFuture(this, Objects.requireNonNull(src, "src"), Objects.requireNonNull(target, "target"));
    }

    /**
     * A future that sends {@code src}'s remaining bytes as one datagram to the peer given to
     * {@link #connect}; fails with {@link java.nio.channels.NotYetConnectedException} (unchecked)
     * if the socket is not connected.
     */
    public FallibleFuture<Integer, IOException> send(ByteBuffer src) {
        return new DatagramSendFuture(this, Objects.requireNonNull(src, "src"), null);
    }

    /**
     * A future that receives the next datagram into {@code dst} and completes with its sender's
     * address; {@code dst}'s position moves past the bytes received. A datagram larger than
     * {@code dst}'s room is truncated (see the class comment).
     *
     * <pre>{@code
     * ByteBuffer buf = ByteBuffer.allocate(UdpSocket.MAX_DATAGRAM);
     * SocketAddress from = await(socket.receive(buf));
     * buf.flip();
     * }</pre>
     */
    public FallibleFuture<SocketAddress, IOException> receive(ByteBuffer dst) {
        return new DatagramReceiveFuture(this, Objects.requireNonNull(dst, "dst"));
    }

    /**
     * Sets a socket option, such as {@code SO_RCVBUF} or {@code SO_BROADCAST}.
     *
     * <pre>{@code
     * socket.setOption(StandardSocketOptions.SO_SNDBUF, 1 << 20);
     * }</pre>
     */
    public <T> UdpSocket setOption(SocketOption<T> option, T value) throws IOException {
        ensureOpen();
        channel.setOption(option, value);
        return this;
    }

    /** A socket option's value as the operating system reports it. */
    public <T> T getOption(SocketOption<T> option) throws IOException {
        ensureOpen();
        return channel.getOption(option);
    }

    /** The address this socket is bound to, with the port picked for port 0. */
    public SocketAddress localAddress() throws IOException {
        ensureOpen();
        return channel.getLocalAddress();
    }

    /** The peer given to {@link #connect}, or null if the socket is not connected. */
    public SocketAddress peerAddress() throws IOException {
        ensureOpen();
        return channel.getRemoteAddress();
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return reg.isClosed();
    }

    /**
     * Closes the socket. A pending send or receive is woken and fails with a
     * {@link SocketException}. Idempotent.
     *
     * @throws UncheckedIOException in the rare case the operating system reports a close failure
     */
    @Override
    public void close() {
        reg.closeFor(this);
    }

    IoRegistration registration() {
        return reg;
    }

    void ensureOpen() throws SocketException {
        reg.ensureOpen(this);
    }

    @Override
    public String toString() {
        try {
            SocketAddress peer = channel.getRemoteAddress();
            return "UdpSocket[" + channel.getLocalAddress() + (peer == null ? "" : " -> " + peer) + "]";
        } catch (IOException | RuntimeException e) {
            return "UdpSocket[closed]";
        }
    }
}
