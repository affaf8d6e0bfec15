package dev.weft.net;

import dev.weft.FallibleFuture;
import dev.weft.reactor.IoRegistration;
import dev.weft.reactor.Reactor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.nio.channels.ServerSocketChannel;
import java.util.Objects;

/**
 * A listening TCP socket served by the reactor.
 *
 * <pre>{@code
 * Future<Void> serve(TcpListener listener) {
 *     for (;;) {
 *         try {
 *             TcpStream client = await(listener.accept());   // declares IOException
 *             Async.spawn(echo(client));                     // one task per connection
 *         } catch (SocketException closed) {
 *             return ready(null);                            // the listener was closed
 *         } catch (IOException e) {
 *             log(e);
 *         }
 *     }
 * }
 *
 * TcpListener listener = TcpListener.bind(new InetSocketAddress("127.0.0.1", 0));
 * System.out.println("listening on " + listener.localAddress());
 * }</pre>
 *
 * <p>Closing the listener fails a pending {@link #accept()} with a {@link SocketException};
 * connections already accepted stay open.
 */
public final class TcpListener implements AutoCloseable {
    /** Large enough that a burst of a thousand connects is not dropped by the kernel. */
    private static final int DEFAULT_BACKLOG = 1024;

    private final IoRegistration reg;
    private final ServerSocketChannel channel;

    private TcpListener(IoRegistration reg) {
        this.reg = reg;
        this.channel = (ServerSocketChannel) reg.channel();
    }

    /**
     * Binds a listening socket to {@code local} now (this is not a future: binding does not wait).
     * Port 0 picks a free port; see {@link #localAddress()}.
     *
     * <pre>{@code
     * TcpListener listener = TcpListener.bind(new InetSocketAddress("127.0.0.1", 0));
     * int port = ((InetSocketAddress) listener.localAddress()).getPort();   // the port picked
     * }</pre>
     */
    public static TcpListener bind(SocketAddress local) throws IOException {
        return bind(local, DEFAULT_BACKLOG);
    }

    /**
     * Like {@link #bind(SocketAddress)} with an explicit accept backlog (capped by the operating
     * system, {@code net.core.somaxconn} on Linux).
     */
    public static TcpListener bind(SocketAddress local, int backlog) throws IOException {
        return bind(local, backlog, SocketOptions.none());
    }

    /**
     * Like {@link #bind(SocketAddress)}, after setting {@code options} on the socket: the way to
     * set {@code SO_REUSEADDR} (the JDK turns it on by default) and a receive buffer that the
     * accepted connections inherit.
     *
     * <pre>{@code
     * TcpListener listener = TcpListener.bind(address, SocketOptions.none()
     *         .with(StandardSocketOptions.SO_REUSEADDR, true)
     *         .with(StandardSocketOptions.SO_RCVBUF, 1 << 20));
     * }</pre>
     */
    public static TcpListener bind(SocketAddress local, SocketOptions options) throws IOException {
        return bind(local, DEFAULT_BACKLOG, options);
    }

    private static TcpListener bind(SocketAddress local, int backlog, SocketOptions options) throws IOException {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(options, "options");
        ServerSocketChannel ch = ServerSocketChannel.open();
        try {
            options.applyTo(ch);
            ch.bind(local, backlog);
            return new TcpListener(IoRegistration.register(Reactor.shared(), ch));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * A future for the next incoming connection. Only one accept should be pending at a time.
     *
     * <p>To stop accepting after a while, race the accept against a timer:
     *
     * <pre>{@code
     * try {
     *     TcpStream client = await(Timer.timeout(listener.accept(), Duration.ofSeconds(30)));
     *     await(handle(client));
     * } catch (TimeoutException e) {
     *     listener.close();                          // nobody came
     * }
     * }</pre>
     */
    public FallibleFuture<TcpStream, IOException> accept() {
        return new AcceptFuture(this);
    }

    /**
     * The bound address, with the actual port when bound to port 0 (see {@link #bind}).
     */
    public SocketAddress localAddress() throws IOException {
        ensureOpen();
        return channel.getLocalAddress();
    }

    /**
     * Sets a socket option on the listening socket ({@code SO_RCVBUF}, {@code SO_REUSEADDR}, ...).
     *
     * <pre>{@code
     * listener.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);   // for connections accepted later
     * }</pre>
     */
    public <T> TcpListener setOption(SocketOption<T> option, T value) throws IOException {
        ensureOpen();
        channel.setOption(option, value);
        return this;
    }

    /** A socket option's value as the operating system reports it. */
    public <T> T getOption(SocketOption<T> option) throws IOException {
        ensureOpen();
        return channel.getOption(option);
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return reg.isClosed();
    }

    /**
     * Stops listening. A pending accept is woken and fails with a {@link SocketException}.
     * Idempotent.
     *
     * <p>Closing from another task is how an accept loop is stopped:
     *
     * <pre>{@code
     * Async.spawn(serve(listener));            // loops on accept()
     * await(shutdownRequested);
     * listener.close();                        // serve's pending accept throws SocketException
     * }</pre>
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
            return "TcpListener[" + channel.getLocalAddress() + "]";
        } catch (IOException | RuntimeException e) {
            return "TcpListener[closed]";
        }
    }
}
