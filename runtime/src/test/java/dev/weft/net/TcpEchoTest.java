package dev.weft.net;

import static dev.weft.net.Flow.done;
import static dev.weft.net.Flow.loop;
import static dev.weft.net.Flow.readFully;
import static dev.weft.net.Flow.then;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.Executor;
import dev.weft.Future;
import dev.weft.JoinHandle;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One reactor thread serves a thousand connections at once. Two single-threaded executors stand in
 * for a 2-thread executor (this branch has no multi-threaded one): one runs the server's tasks,
 * the other the clients'.
 */
class TcpEchoTest {
    static final int CLIENTS = 1000;
    static final int MESSAGES = 100;
    static final int SIZE = 64;

    /** Echoes everything back until the client closes, then closes. */
    static Future<Void> echo(TcpStream s, AtomicLong echoed) {
        ByteBuffer buf = ByteBuffer.allocate(4096);
        return loop(() -> then(s.read(buf.clear()), n -> {
            if (n < 0) {
                s.close();
                return done(false);
            }
            echoed.addAndGet(n);
            buf.flip();
            return then(s.writeAll(buf), v -> done(true));
        }));
    }

    /** Connects, sends {@code MESSAGES} messages one at a time and checks each echo. */
    static Future<Void> client(int id, SocketAddress server) {
        return then(TcpStream.connect(server), s -> {
            s.setNoDelay(true);
            ByteBuffer out = ByteBuffer.allocate(SIZE);
            ByteBuffer in = ByteBuffer.allocate(SIZE);
            int[] seq = {0};
            Future<Void> conversation = loop(() -> {
                fill(out.clear(), id, seq[0]);
                out.flip();
                in.clear();
                return then(s.writeAll(out), v -> then(readFully(s, in), w -> {
                    assertArrayEquals(out.array(), in.array(), "client " + id + " message " + seq[0]);
                    return done(++seq[0] < MESSAGES);
                }));
            });
            return then(conversation, v -> {
                s.close();
                return done(null);
            });
        });
    }

    static void fill(ByteBuffer b, int id, int seq) {
        b.putInt(id).putInt(seq);
        while (b.hasRemaining()) {
            b.put((byte) (id * 31 + seq * 7 + b.position()));
        }
    }

    @Test
    @Timeout(120)
    void aThousandConcurrentClientsEachGetTheirHundredMessagesBack() throws Exception {
        AtomicLong echoed = new AtomicLong();
        AtomicInteger accepted = new AtomicInteger();
        Queue<JoinHandle<Void>> sessions = new ConcurrentLinkedQueue<>();
        try (Executor serverSide = Executor.singleThreaded();
                Executor clientSide = Executor.singleThreaded();
                TcpListener listener = TcpListener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            SocketAddress address = listener.localAddress();
            JoinHandle<Void> acceptor = serverSide.spawn(loop(() -> then(listener.accept(), s -> {
                s.setNoDelay(true);
                sessions.add(serverSide.spawn(echo(s, echoed)));
                return done(accepted.incrementAndGet() < CLIENTS);
            })));

            long start = System.nanoTime();
            List<CompletableFuture<Void>> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(clientSide.spawn(client(i, address)).toCompletableFuture());
            }
            CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).get(100, TimeUnit.SECONDS);
            acceptor.toCompletableFuture().get(10, TimeUnit.SECONDS);
            for (JoinHandle<Void> session : sessions) {
                session.toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("[echo] %,d clients x %d messages of %d bytes: %,d ms (%,d round trips/s)%n",
                    CLIENTS, MESSAGES, SIZE, ms, CLIENTS * (long) MESSAGES * 1000 / Math.max(1, ms));
        }
        assertEquals(CLIENTS, accepted.get());
        assertEquals(CLIENTS, sessions.size());
        assertEquals((long) CLIENTS * MESSAGES * SIZE, echoed.get());
    }
}
