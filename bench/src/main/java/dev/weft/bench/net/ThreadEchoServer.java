package dev.weft.bench.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * The thread-per-connection echo server, in blocking style: an acceptor thread, and for each
 * connection a thread that loops on a blocking {@link SocketChannel} read and write. Which kind of
 * thread (virtual or platform) is the {@code starter}'s choice; the code is the same.
 */
final class ThreadEchoServer implements LoopbackServer {
    private final ServerSocketChannel listener;
    private final Function<Runnable, Thread> starter;
    private final Queue<SocketChannel> connections = new ConcurrentLinkedQueue<>();
    private final Queue<Thread> threads = new ConcurrentLinkedQueue<>();
    private final Thread acceptor;

    private ThreadEchoServer(ServerSocketChannel listener, Function<Runnable, Thread> starter) {
        this.listener = listener;
        this.starter = starter;
        this.acceptor = starter.apply(this::acceptLoop);
    }

    /** Listens on a free loopback port; {@code starter} starts a thread running the given code. */
    static ThreadEchoServer start(Function<Runnable, Thread> starter) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        return new ThreadEchoServer(listener, starter);
    }

    /** Starts a daemon platform thread. */
    static Thread platformThread(Runnable r) {
        Thread t = new Thread(r, "echo-platform");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.socket().getLocalSocketAddress();
    }

    private void acceptLoop() {
        try {
            for (;;) {
                SocketChannel ch = listener.accept();
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                connections.add(ch);
                threads.add(starter.apply(() -> echo(ch)));
            }
        } catch (ClosedChannelException closedByTeardown) {
            // close() closed the listener
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void echo(SocketChannel ch) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(1024);
        try (ch) {
            while (ch.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                buffer.clear();
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
        for (SocketChannel ch : connections) {
            ch.close();
        }
    }
}
