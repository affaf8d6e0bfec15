package dev.weft.net;

import dev.weft.FallibleFuture;
import dev.weft.reactor.IoRegistration;
import dev.weft.reactor.Reactor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.net.SocketException;
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
        Objects.requireNonNull(local, "local");
        ServerSocketChannel ch = ServerSocketChannel.open();
        try {
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
