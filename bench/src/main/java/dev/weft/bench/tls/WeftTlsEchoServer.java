package dev.weft.bench.tls;

import dev.weft.Async;
import dev.weft.JoinHandle;
import dev.weft.net.TcpListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.net.ssl.SSLContext;

/** Weft's TLS echo: a task per connection awaiting {@code TlsStream} reads and writes (code in {@link WeftTlsEchoTasks}). */
final class WeftTlsEchoServer implements TlsEchoServer {
    private final TcpListener listener;
    private final Queue<JoinHandle<Void>> connections = new ConcurrentLinkedQueue<>();
    private final JoinHandle<Void> acceptor;

    private WeftTlsEchoServer(TcpListener listener, SSLContext tls) {
        this.listener = listener;
        this.acceptor = Async.spawn(WeftTlsEchoTasks.serve(listener, tls, connections));
    }

    static WeftTlsEchoServer start(SSLContext tls) throws IOException {
        return new WeftTlsEchoServer(TcpListener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024), tls);
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
