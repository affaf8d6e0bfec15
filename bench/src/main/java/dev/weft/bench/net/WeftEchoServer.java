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
 * Weft's echo server on the default runtime: an accept task spawns one task per connection; each
 * awaits {@code TcpStream.read} and {@code writeAll}, so the reactor thread and the default
 * work-stealing executor (one worker per core) serve every connection. The code is in
 * {@link WeftEchoTasks}.
 */
final class WeftEchoServer implements LoopbackServer {
    private final TcpListener listener;
    private final Queue<JoinHandle<Void>> connections = new ConcurrentLinkedQueue<>();
    private final JoinHandle<Void> acceptor;

    private WeftEchoServer(TcpListener listener) {
        this.listener = listener;
        this.acceptor = Async.spawn(WeftEchoTasks.serve(listener, connections));
    }

    /** Listens on a free loopback port. */
    static WeftEchoServer start() throws IOException {
        return new WeftEchoServer(TcpListener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
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
            try {
                c.join();
            } catch (Exception e) {
                // a reset at teardown ends the connection like an end of stream, as in ThreadEchoServer
            }
        }
    }
}
