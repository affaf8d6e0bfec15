package dev.weft.demo;

import static dev.weft.Async.await;
import static dev.weft.Async.ready;

import dev.weft.Async;
import dev.weft.Executor;
import dev.weft.FallibleFuture;
import dev.weft.Future;
import dev.weft.JoinHandle;
import dev.weft.net.TcpListener;
import dev.weft.net.TcpStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** An echo server and many clients on loopback: one reactor thread plus a small executor. */
final class EchoTour {
    private static final int MESSAGES = 10;

    private final int clients;
    private final int threads;

    EchoTour(int clients, int threads) {
        this.clients = clients;
        this.threads = threads;
    }

    void run() throws IOException {
        System.out.printf("5. Echo: %d clients x %d messages on loopback, %d executor threads%n", clients, MESSAGES,
                threads);
        try (Executor executor = Executor.workStealing(threads);
                TcpListener listener = TcpListener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            executor.spawn(serve(listener));
            long start = System.nanoTime();
            List<JoinHandle<Integer>> running = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                running.add(executor.spawn(client(listener.localAddress(), i)));
            }
            long echoed = 0;
            for (JoinHandle<Integer> h : running) {
                echoed += h.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("  %d round trips in %.2f s: %.0f per second, served by %d Weft threads%n", echoed,
                    seconds, echoed / seconds, weftThreads());
        }
    }

    private static long weftThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("weft-")).count();
    }

    private Future<Void> serve(TcpListener listener) {
        while (!listener.isClosed()) {
            try {
                TcpStream connection = await(listener.accept()); // accept() declares IOException
                Async.spawn(echo(connection));
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    System.out.println("  accept failed: " + e);
                }
            }
        }
        return ready(null);
    }

    private Future<Void> echo(TcpStream connection) {
        ByteBuffer buffer = ByteBuffer.allocate(256);
        try (connection) {
            while (true) {
                buffer.clear();
                int n = await(connection.read(buffer));
                if (n < 0) {
                    break;
                }
                buffer.flip();
                await(connection.writeAll(buffer));
            }
        } catch (IOException e) {
            System.out.println("  a connection failed: " + e);
        }
        return ready(null);
    }

    /** The failure is in the return type: calling client() cannot throw, awaiting its future can. */
    private FallibleFuture<Integer, IOException> client(SocketAddress server, int id) {
        return Async.fallible(() -> {
            try (TcpStream stream = await(TcpStream.connect(server))) {
                for (int m = 0; m < MESSAGES; m++) {
                    byte[] sent = ("client " + id + " message " + m).getBytes(StandardCharsets.UTF_8);
                    await(stream.writeAll(ByteBuffer.wrap(sent)));
                    ByteBuffer reply = ByteBuffer.allocate(sent.length);
                    while (reply.hasRemaining()) {
                        if (await(stream.read(reply)) < 0) {
                            throw new IOException("server closed the connection early");
                        }
                    }
                    if (!ByteBuffer.wrap(sent).equals(reply.flip())) {
                        throw new IOException("echo mismatch for client " + id);
                    }
                }
            }
            return ready(MESSAGES);
        });
    }
}
