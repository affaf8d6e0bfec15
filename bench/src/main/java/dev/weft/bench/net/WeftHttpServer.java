package dev.weft.bench.net;

import dev.weft.Async;
import dev.weft.JoinHandle;
import dev.weft.net.TcpListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The keep-alive HTTP server on Weft's TCP API, as a new user would write it: one task per
 * connection reading requests with a {@code TcpReader} and answering with {@code writeAll}, on
 * the default runtime. The code is in {@link WeftHttpTasks}.
 */
final class WeftHttpServer implements LoopbackServer {
    private final TcpListener listener;
    private final Queue<JoinHandle<Void>> connections = new ConcurrentLinkedQueue<>();
    private final JoinHandle<Void> acceptor;

    private WeftHttpServer(TcpListener listener) {
        this.listener = listener;
        this.acceptor = Async.spawn(WeftHttpTasks.serve(listener, connections));
    }

    /** Listens on a free loopback port. */
    static WeftHttpServer start() throws IOException {
        return new WeftHttpServer(TcpListener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
    }

    @Override
    public InetSocketAddress address() {
        try {
            return (InetSocketAddress) listener.localAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        listener.close();
        acceptor.join();
        for (JoinHandle<Void> c : connections) {
            c.join();
        }
    }
}
