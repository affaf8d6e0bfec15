package dev.weft.net;

import static dev.weft.net.Flow.done;
import static dev.weft.net.Flow.loop;
import static dev.weft.net.Flow.then;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Context;
import dev.weft.Executor;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.time.TimeoutException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The timeout conveniences on {@link TcpStream} take nothing off the socket when they give up. */
@Timeout(60)
class TcpTimeoutsTest {
    private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    @Test
    void aReadThatTimesOutLeavesLaterBytesForTheNextRead() throws Exception {
        try (TcpListener listener = TcpListener.bind(ANY_LOOPBACK_PORT);
                Socket peer = new Socket();
                TcpStream s = connected(listener, peer)) {
            ByteBuffer buf = ByteBuffer.allocate(16);
            assertThrows(TimeoutException.class, () -> Async.blockOn(s.read(buf, Duration.ofMillis(20))));
            peer.getOutputStream().write(new byte[] {1, 2, 3});
            assertEquals(3, Async.blockOn(s.read(buf, Duration.ofSeconds(10))));
            assertEquals(1, buf.get(0));
            assertEquals(3, buf.get(2));
        }
    }

    /**
     * A writer sends a numbered byte stream in bursts, and after every eighth burst waits until the
     * reader's 1 ms timeout has run out again, so reads time out over and over (at least once a
     * pause), some of them as bytes arrive; the reader must see every byte once, in order.
     */
    @Test
    void readsTimingOutOverAndOverLoseNoByte() throws Exception {
        int total = 200_000;
        AtomicInteger timeouts = new AtomicInteger();
        AtomicInteger received = new AtomicInteger();
        Semaphore timedOut = new Semaphore(0);
        try (TcpListener listener = TcpListener.bind(ANY_LOOPBACK_PORT);
                Socket peer = new Socket();
                TcpStream s = connected(listener, peer);
                Executor executor = Executor.singleThreaded()) {
            Thread writer = new Thread(() -> writeNumbered(peer, total, timedOut), "numbered-writer");
            writer.start();
            ByteBuffer buf = ByteBuffer.allocate(1500);
            Future<Void> reader = loop(() -> then(timedOutAsMinusTwo(s.read(buf.clear(), Duration.ofMillis(1))), n -> {
                if (n == -2) {
                    timeouts.incrementAndGet();
                    timedOut.release();
                    return done(true);
                }
                assertTrue(n > 0, "the stream ended early, at byte " + received.get());
                for (int i = 0; i < n; i++) {
                    assertEquals((byte) received.get(), buf.get(i), "byte " + received.get());
                    received.incrementAndGet();
                }
                return done(received.get() < total);
            }));
            executor.spawn(reader).toCompletableFuture().get(50, TimeUnit.SECONDS);
            writer.join();
        }
        System.out.printf("[timeouts] %,d bytes read in order across %,d read timeouts%n", received.get(), timeouts.get());
        assertEquals(total, received.get());
        assertTrue(timeouts.get() >= total / 997 / 8, "fewer timeouts than the writer's pauses: " + timeouts.get());
    }

    @Test
    void aWriteThatTimesOutSaysHowMuchWentAndThePeerGetsExactlyThat() throws Exception {
        try (TcpListener listener = TcpListener.bind(ANY_LOOPBACK_PORT);
                Socket peer = new Socket();
                TcpStream s = connected(listener, peer)) {
            ByteBuffer big = ByteBuffer.allocate(64 << 20);
            assertThrows(TimeoutException.class, () -> Async.blockOn(s.writeAll(big, Duration.ofMillis(100))));
            int sent = big.position();
            assertTrue(sent > 0 && sent < big.capacity(), "sent " + sent);
            s.shutdownOutput();
            assertEquals(sent, peer.getInputStream().readAllBytes().length);
        }
    }

    @Test
    void aConnectWithATimeoutConnects() throws Exception {
        try (TcpListener listener = TcpListener.bind(ANY_LOOPBACK_PORT);
                TcpStream s = Async.blockOn(TcpStream.connect(listener.localAddress(), Duration.ofSeconds(10)))) {
            assertEquals(listener.localAddress(), s.peerAddress());
        }
    }

    /** A listener whose accept queue is full: the kernel ignores the handshake, so the connect hangs. */
    @Test
    @EnabledOnOs(OS.LINUX)
    void aConnectThatHangsTimesOut() throws Exception {
        List<SocketChannel> queued = new ArrayList<>();
        try (ServerSocketChannel stalled = ServerSocketChannel.open()) {
            stalled.bind(ANY_LOOPBACK_PORT, 1);
            for (int i = 0; i < 2; i++) {
                queued.add(SocketChannel.open(stalled.getLocalAddress()));
            }
            assertThrows(TimeoutException.class,
                    () -> Async.blockOn(TcpStream.connect(stalled.getLocalAddress(), Duration.ofMillis(100))));
        } finally {
            for (SocketChannel c : queued) {
                c.close();
            }
        }
    }

    private static TcpStream connected(TcpListener listener, Socket peer) throws IOException {
        peer.connect(listener.localAddress(), 10_000);
        return Async.blockOn(listener.accept());
    }

    /** The read's count, or -2 where it timed out. */
    private static Future<Integer> timedOutAsMinusTwo(Future<Integer> read) {
        return (Context cx) -> {
            try {
                return read.poll(cx);
            } catch (TimeoutException e) {
                return Poll.ready(-2);
            }
        };
    }

    private static void writeNumbered(Socket peer, int total, Semaphore timedOut) {
        try {
            OutputStream out = peer.getOutputStream();
            byte[] burst = new byte[997];
            for (int sent = 0, burstNo = 0; sent < total; burstNo++) {
                int n = Math.min(burst.length, total - sent);
                for (int i = 0; i < n; i++) {
                    burst[i] = (byte) (sent + i);
                }
                boolean pause = burstNo % 8 == 7;
                if (pause) {
                    timedOut.drainPermits();
                }
                out.write(burst, 0, n);
                out.flush();
                sent += n;
                if (pause && sent < total && !timedOut.tryAcquire(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the reader stopped timing out");
                }
            }
        } catch (IOException | InterruptedException e) {
            throw new RuntimeException(e);
        }
    }
}
