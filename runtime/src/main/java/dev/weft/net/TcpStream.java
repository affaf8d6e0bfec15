package dev.weft.net;

import dev.weft.FallibleFuture;
import dev.weft.reactor.IoRegistration;
import dev.weft.reactor.Reactor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Objects;

/**
 * A TCP connection served by the reactor: its reads and writes are futures that are Pending while
 * the socket has nothing to read or no room to write, so one thread serves thousands of streams.
 *
 * <pre>{@code
 * FallibleFuture<Void, IOException> hello(SocketAddress server) {
 *     return Async.fallible(() -> {                 // the body may throw IOException; hello does not
 *         try (TcpStream s = await(TcpStream.connect(server))) {
 *             await(s.writeAll(ByteBuffer.wrap("hello\n".getBytes(US_ASCII))));
 *             s.shutdownOutput();                   // tell the server we are done sending
 *             ByteBuffer buf = ByteBuffer.allocate(1024);
 *             while (await(s.read(buf)) >= 0) {     // -1 once the server closes its side
 *                 buf.clear();
 *             }
 *         }
 *         return ready(null);
 *     });
 * }
 * }</pre>
 *
 * <p>Like every Weft future, the futures returned here do nothing until first polled. At most one
 * read and one write may be pending at a time (one task reading while another writes is fine).
 * Failures are the socket's {@link IOException}s, thrown unchanged from {@code await}, which
 * declares them: each future is a {@link FallibleFuture} of {@code IOException}. They are a refused
 * connection, a reset by the peer, or a {@link SocketException} for an operation on (or pending
 * during) a {@link #close()}. Each future also has a public {@code cancel()} ({@link dev.weft.Cancellable}) that gives
 * back its place in the reactor; {@code Timer.timeout} calls it.
 */
public final class TcpStream implements AutoCloseable {
    private final IoRegistration reg;
    private final SocketChannel channel;
    private final Inbox inbox;

    TcpStream(IoRegistration reg) {
        this.reg = reg;
        this.channel = (SocketChannel) reg.channel();
        this.inbox = new Inbox(channel);
        reg.readAhead(inbox);
    }

    static TcpStream accepted(SocketChannel ch) throws IOException {
        try {
            return new TcpStream(IoRegistration.register(Reactor.shared(), ch));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * A future that connects to {@code remote} when first polled. It fails with the connect's
     * {@link IOException} (a {@link java.net.ConnectException} when the connection is refused).
     *
     * <p>Connecting waits as long as the operating system lets it; bound it with a timeout:
     *
     * <pre>{@code
     * TcpStream s = await(Timer.timeout(TcpStream.connect(server), Duration.ofSeconds(2)));
     * }</pre>
     */
    public static FallibleFuture<TcpStream, IOException> connect(SocketAddress remote) {
        return connect(remote, SocketOptions.none());
    }

    /**
     * Like {@link #connect(SocketAddress)}, after setting {@code options} on the socket, for the
     * options that must be set before the handshake (a large {@code SO_RCVBUF}).
     *
     * <pre>{@code
     * TcpStream s = await(TcpStream.connect(server, SocketOptions.none()
     *         .with(StandardSocketOptions.SO_RCVBUF, 4 << 20)));
     * }</pre>
     */
    public static FallibleFuture<TcpStream, IOException> connect(SocketAddress remote, SocketOptions options) {
        return new ConnectFuture(Objects.requireNonNull(remote, "remote"), Objects.requireNonNull(options, "options"));
    }

    /**
     * Like {@link #connect(SocketAddress)}, failing with {@code dev.weft.time.TimeoutException}
     * (unchecked) if the connection is not made within {@code timeout}; the half-open socket is
     * closed then.
     *
     * <pre>{@code
     * TcpStream s = await(TcpStream.connect(server, Duration.ofSeconds(2)));
     * }</pre>
     */
    public static FallibleFuture<TcpStream, IOException> connect(SocketAddress remote, Duration timeout) {
        return new WithTimeout<>(connect(remote), timeout);
    }

    /**
     * A future that resolves {@code host} and connects to it when first polled. The lookup runs on
     * the {@link dev.weft.Blocking} pool, not on the caller's thread (the JDK's resolver blocks).
     * It tries each address in turn, IPv6 and IPv4 alternating from the resolver's first choice:
     * the next attempt starts when the previous one failed or has not connected after 250 ms, the
     * first to connect wins, and the others are closed ("happy eyeballs", simplified).
     *
     * <pre>{@code
     * TcpStream s = await(TcpStream.connect("example.com", 80));
     * }</pre>
     *
     * <p>Fails with {@link java.net.UnknownHostException} if the name does not resolve, and with a
     * {@link java.net.ConnectException} naming each address tried and why it failed (each failure
     * is also a suppressed exception) if none connects.
     */
    public static FallibleFuture<TcpStream, IOException> connect(String host, int port) {
        return connect(host, port, SocketOptions.none());
    }

    /** Like {@link #connect(String, int)}, setting {@code options} on every attempt's socket. */
    public static FallibleFuture<TcpStream, IOException> connect(String host, int port, SocketOptions options) {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        return HostConnect.resolving(Objects.requireNonNull(host, "host"), port, Objects.requireNonNull(options, "options"));
    }

    /**
     * A future that reads at least one byte into {@code dst} and completes with the count, or with
     * -1 at end of stream (the peer shut down or closed its side). With no room left in
     * {@code dst} it completes with 0 at once.
     *
     * <pre>{@code
     * ByteBuffer buf = ByteBuffer.allocate(4096);
     * int n = await(s.read(buf));
     * if (n < 0) { ... end of stream ... }
     * }</pre>
     */
    public FallibleFuture<Integer, IOException> read(ByteBuffer dst) {
        return new ReadFuture(this, Objects.requireNonNull(dst, "dst"));
    }

    /**
     * Like {@link #read(ByteBuffer)}, failing with {@code dev.weft.time.TimeoutException}
     * (unchecked) if nothing arrives within {@code timeout}. A read that times out takes nothing:
     * bytes that arrive later are there for the next read.
     *
     * <pre>{@code
     * try {
     *     int n = await(s.read(buf, Duration.ofSeconds(30)));
     * } catch (TimeoutException idle) {
     *     s.close();
     * }
     * }</pre>
     */
    public FallibleFuture<Integer, IOException> read(ByteBuffer dst, Duration timeout) {
        return new WithTimeout<>(read(dst), timeout);
    }

    /**
     * A future that writes some of {@code src} (at least one byte, if it has any) and completes
     * with the count. Pending while the send buffer is full.
     *
     * <p>Writing as much as the socket takes, and doing other work in between, looks like this
     * ({@link #writeAll} is the loop without the work):
     *
     * <pre>{@code
     * while (buf.hasRemaining()) {
     *     int sent = await(s.write(buf));   // buf.position() moved by sent
     *     progress.add(sent);
     * }
     * }</pre>
     */
    public FallibleFuture<Integer, IOException> write(ByteBuffer src) {
        return new WriteFuture<>(this, Objects.requireNonNull(src, "src"), false);
    }

    /**
     * A future that writes all of {@code src}, waiting for room as often as needed.
     *
     * <p>A length-prefixed message:
     *
     * <pre>{@code
     * ByteBuffer frame = ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).flip();
     * await(s.writeAll(frame));
     * }</pre>
     */
    public FallibleFuture<Void, IOException> writeAll(ByteBuffer src) {
        return new WriteFuture<>(this, Objects.requireNonNull(src, "src"), true);
    }

    /**
     * Like {@link #writeAll(ByteBuffer)}, failing with {@code dev.weft.time.TimeoutException}
     * (unchecked) if not all of {@code src} was written within {@code timeout}. Nothing is lost
     * either way: {@code src}'s position is past exactly the bytes the socket took.
     *
     * <pre>{@code
     * try {
     *     await(s.writeAll(reply, Duration.ofSeconds(10)));
     * } catch (TimeoutException slowReader) {
     *     log(reply.position() + " of " + reply.limit() + " bytes sent");
     *     s.close();
     * }
     * }</pre>
     */
    public FallibleFuture<Void, IOException> writeAll(ByteBuffer src, Duration timeout) {
        return new WithTimeout<>(writeAll(src), timeout);
    }

    /**
     * Shuts down the sending side: the peer reads end of stream, and this side can still read
     * what the peer sends.
     *
     * <pre>{@code
     * await(s.writeAll(request));
     * s.shutdownOutput();
     * int n = await(s.read(reply));
     * }</pre>
     */
    public void shutdownOutput() throws IOException {
        ensureOpen();
        channel.shutdownOutput();
    }

    /**
     * Sets {@code TCP_NODELAY}: small writes go out at once instead of waiting to be coalesced.
     *
     * <p>For request/response traffic of small messages, where waiting to coalesce costs a round
     * trip:
     *
     * <pre>{@code
     * TcpStream s = await(TcpStream.connect(server));
     * s.setNoDelay(true);
     * }</pre>
     */
    public void setNoDelay(boolean on) throws IOException {
        ensureOpen();
        channel.setOption(StandardSocketOptions.TCP_NODELAY, on);
    }

    /**
     * Sets a socket option: {@code SO_RCVBUF}, {@code SO_SNDBUF}, {@code SO_KEEPALIVE},
     * {@code SO_LINGER}, {@code TCP_NODELAY}, or any other the socket supports (see
     * {@link SocketOptions} for the ones to set before connecting).
     *
     * <pre>{@code
     * s.setOption(StandardSocketOptions.SO_KEEPALIVE, true)
     *  .setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
     * }</pre>
     *
     * <p>The JDK leaves {@code SO_LINGER}'s effect on a non-blocking socket unspecified, and this
     * stream's socket is non-blocking; on Linux a linger of 0 makes {@link #close()} reset the
     * connection rather than end it in order.
     */
    public <T> TcpStream setOption(SocketOption<T> option, T value) throws IOException {
        ensureOpen();
        channel.setOption(option, value);
        return this;
    }

    /** A socket option's value as the operating system reports it (Linux reports buffer sizes doubled). */
    public <T> T getOption(SocketOption<T> option) throws IOException {
        ensureOpen();
        return channel.getOption(option);
    }

    /** This side's address, with the port the operating system picked for an outgoing connection. */
    public SocketAddress localAddress() throws IOException {
        ensureOpen();
        return channel.getLocalAddress();
    }

    /**
     * The peer's address.
     *
     * <pre>{@code
     * TcpStream conn = await(listener.accept());
     * System.out.println("connection from " + conn.peerAddress());
     * }</pre>
     */
    public SocketAddress peerAddress() throws IOException {
        ensureOpen();
        return channel.getRemoteAddress();
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return reg.isClosed();
    }

    /**
     * Closes the connection. Pending reads and writes are woken and fail with a
     * {@link SocketException}; later ones fail at their first poll. Idempotent.
     *
     * <pre>{@code
     * try (TcpStream s = await(TcpStream.connect(addr))) { ... }   // closed on exit
     * }</pre>
     *
     * @throws UncheckedIOException in the rare case the operating system reports a close failure
     */
    @Override
    public void close() {
        reg.closeFor(this);
    }

    SocketChannel channel() {
        return channel;
    }

    IoRegistration registration() {
        return reg;
    }

    Inbox inbox() {
        return inbox;
    }

    void ensureOpen() throws SocketException {
        reg.ensureOpen(this);
    }

    @Override
    public String toString() {
        try {
            return "TcpStream[" + channel.getLocalAddress() + " -> " + channel.getRemoteAddress() + "]";
        } catch (IOException | RuntimeException e) {
            return "TcpStream[closed]";
        }
    }
}
