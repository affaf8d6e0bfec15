package dev.weft.bench.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/** The thread-per-connection TLS echo: blocking {@code SSLSocket}s, each served by a thread the {@code starter} makes. */
final class ThreadTlsEchoServer implements TlsEchoServer {
    private final SSLServerSocket listener;
    private final Function<Runnable, Thread> starter;
    private final Queue<Thread> threads = new ConcurrentLinkedQueue<>();
    private final Thread acceptor;

    private ThreadTlsEchoServer(SSLServerSocket listener, Function<Runnable, Thread> starter) {
        this.listener = listener;
        this.starter = starter;
        this.acceptor = starter.apply(this::acceptLoop);
    }

    static ThreadTlsEchoServer start(SSLContext tls, Function<Runnable, Thread> starter) throws IOException {
        SSLServerSocket listener = (SSLServerSocket) tls.getServerSocketFactory()
                .createServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        return new ThreadTlsEchoServer(listener, starter);
    }

    @Override
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    private void acceptLoop() {
        try {
            for (;;) {
                Socket s = listener.accept();
                s.setTcpNoDelay(true);
                threads.add(starter.apply(() -> echo(s)));
            }
        } catch (IOException closed) {
            // the listener was closed: stop accepting
        }
    }

    private static void echo(Socket s) {
        byte[] buf = new byte[16 * 1024];
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // a client closing at teardown ends the connection
        }
    }

    @Override
    public void close() throws Exception {
        listener.close();
        acceptor.join();
        for (Thread t : threads) {
            t.join();
        }
    }
}
