package dev.weft.bench.net;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * The same keep-alive HTTP server in blocking style, as a new user would write it on virtual
 * threads: a {@link ServerSocket}, a thread per connection, a {@link BufferedReader} for the
 * request's lines and one {@code OutputStream.write} per response. Which kind of thread is the
 * {@code starter}'s choice.
 */
final class ThreadHttpServer implements LoopbackServer {
    private final ServerSocket listener;
    private final Function<Runnable, Thread> starter;
    private final Queue<Socket> connections = new ConcurrentLinkedQueue<>();
    private final Queue<Thread> threads = new ConcurrentLinkedQueue<>();
    private final Thread acceptor;

    private ThreadHttpServer(ServerSocket listener, Function<Runnable, Thread> starter) {
        this.listener = listener;
        this.starter = starter;
        this.acceptor = starter.apply(this::acceptLoop);
    }

    /** Listens on a free loopback port; {@code starter} starts a thread running the given code. */
    static ThreadHttpServer start(Function<Runnable, Thread> starter) throws IOException {
        ServerSocket listener = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        return new ThreadHttpServer(listener, starter);
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
                connections.add(s);
                threads.add(starter.apply(() -> serve(s)));
            }
        } catch (SocketException closedByTeardown) {
            // close() closed the listener
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers requests on one connection until the client closes it or asks to. */
    private static void serve(Socket s) {
        try (s) {
            // ISO-8859-1 maps each byte to one char, so Content-Length counts chars here too.
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), ISO_8859_1));
            OutputStream out = s.getOutputStream();
            String requestLine;
            while ((requestLine = in.readLine()) != null) {
                HttpRequest request = HttpRequest.start(requestLine);
                String header;
                while ((header = in.readLine()) != null && !header.isEmpty()) {
                    request.header(header);
                }
                for (int i = 0; i < request.contentLength(); i++) {
                    if (in.read() < 0) {
                        return;
                    }
                }
                out.write(request.response());
                if (!request.keepAlive()) {
                    break;
                }
            }
        } catch (IOException e) {
            // a reset at teardown ends the connection like an end of stream
        }
    }

    @Override
    public void close() throws Exception {
        listener.close();
        acceptor.join();
        for (Thread t : threads) {
            t.join();
        }
        for (Socket s : connections) {
            s.close();
        }
    }
}
