package dev.weft.net;

import static dev.weft.net.Flow.done;
import static dev.weft.net.Flow.loop;
import static dev.weft.net.Flow.then;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Cancellable;
import dev.weft.Executor;
import dev.weft.FallibleFuture;
import dev.weft.JoinHandle;
import dev.weft.Steps;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class UdpSocketTest {
    static final int PINGS = Integer.getInteger("weft.udp.pings", 100_000);

    private static UdpSocket loopbackSocket() throws IOException {
        return UdpSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    /**
     * Request and reply, one datagram in flight at a time, so the receiver's buffer never
     * overflows and none may be dropped: every one of the pings comes back, in order.
     */
    @Test
    void aHundredThousandDatagramsGoThereAndBackInOrder() throws Exception {
        AtomicInteger served = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        try (UdpSocket server = loopbackSocket();
                UdpSocket client = loopbackSocket();
                Executor serverSide = Executor.singleThreaded();
                Executor clientSide = Executor.singleThreaded()) {
            client.connect(server.localAddress());
            ByteBuffer in = ByteBuffer.allocate(64);
            serverSide.spawn(loop(() -> then(server.receive(in.clear()), from -> {
                served.incrementAndGet();
                return then(server.send(in.flip(), from), n -> done(true));
            })));
            ByteBuffer out = ByteBuffer.allocate(8);
            ByteBuffer reply = ByteBuffer.allocate(64);
            long start = System.nanoTime();
            JoinHandle<Void> pings = clientSide.spawn(loop(() -> {
                int seq = answered.get();
                return then(client.send(out.clear().putLong(seq).flip()), n -> then(client.receive(reply.clear()), from -> {
                    assertEquals(8, reply.position());
                    assertEquals(seq, reply.getLong(0), "reply out of order");
                    return done(answered.incrementAndGet() < PINGS);
                }));
            }));
            pings.toCompletableFuture().get(50, TimeUnit.SECONDS);
            long ms = Math.max(1, (System.nanoTime() - start) / 1_000_000);
            System.out.printf("[udp] %,d datagram round trips on loopback: %,d ms (%,d round trips/s)%n",
                    PINGS, ms, PINGS * 1000L / ms);
        }
        assertEquals(PINGS, answered.get());
        assertEquals(PINGS, served.get());
    }

    @Test
    void aDatagramLargerThanTheBufferIsTruncatedAndItsRestDiscarded() throws Exception {
        try (UdpSocket receiver = loopbackSocket(); UdpSocket sender = loopbackSocket()) {
            byte[] big = new byte[1000];
            Arrays.fill(big, (byte) 'x');
            big[0] = 'a';
            Async.blockOn(sender.send(ByteBuffer.wrap(big), receiver.localAddress()));
            Async.blockOn(sender.send(ByteBuffer.wrap(new byte[] {'n', 'e', 'x', 't'}), receiver.localAddress()));

            ByteBuffer small = ByteBuffer.allocate(10);
            SocketAddress from = Async.blockOn(receiver.receive(small));
            assertEquals(sender.localAddress(), from);
            assertEquals(10, small.position(), "the buffer is filled, no more");
            assertArrayEquals(Arrays.copyOf(big, 10), small.array());

            ByteBuffer next = ByteBuffer.allocate(UdpSocket.MAX_DATAGRAM);
            Async.blockOn(receiver.receive(next));
            assertEquals("next", new String(next.array(), 0, next.position(), java.nio.charset.StandardCharsets.US_ASCII),
                    "the truncated datagram's other 990 bytes are gone, not delivered as a datagram of their own");
        }
    }

    @Test
    void aDatagramTooLargeForUdpFailsTheSendWithAnIOException() throws Exception {
        try (UdpSocket receiver = loopbackSocket(); UdpSocket sender = loopbackSocket()) {
            FallibleFuture<Integer, IOException> send = sender.send(ByteBuffer.allocate(70_000), receiver.localAddress());
            IOException e = assertThrows(IOException.class, () -> Async.blockOn(send));
            System.out.println("[udp] a 70,000-byte datagram: " + e);
        }
    }

    @Test
    void aCancelledPendingReceiveLeavesTheDatagramForTheNextReceive() throws Exception {
        try (UdpSocket receiver = loopbackSocket(); UdpSocket sender = loopbackSocket()) {
            Steps.CountingWaker waker = new Steps.CountingWaker();
            FallibleFuture<SocketAddress, IOException> first = receiver.receive(ByteBuffer.allocate(16));
            assertTrue(first.poll(waker.context()).isPending());
            ((Cancellable) first).cancel();
            Async.blockOn(sender.send(ByteBuffer.wrap(new byte[] {42}), receiver.localAddress()));
            ByteBuffer buf = ByteBuffer.allocate(16);
            assertEquals(sender.localAddress(), Async.blockOn(receiver.receive(buf)));
            assertEquals(1, buf.position());
            assertEquals(42, buf.get(0));
        }
    }

    @Test
    void closingFailsAPendingReceiveWithASocketException() throws Exception {
        try (Executor executor = Executor.singleThreaded()) {
            UdpSocket socket = loopbackSocket();
            JoinHandle<SocketAddress> h = executor.spawn(socket.receive(ByteBuffer.allocate(16)));
            socket.close();
            Exception e = assertThrows(Exception.class, () -> h.toCompletableFuture().get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof SocketException, String.valueOf(e.getCause()));
            assertThrows(SocketException.class, () -> Async.blockOn(socket.receive(ByteBuffer.allocate(1))));
        }
    }

    @Test
    void optionsSetBeforeBindAndAfterReadBack() throws Exception {
        SocketOptions options = SocketOptions.none().with(StandardSocketOptions.SO_RCVBUF, 256 * 1024);
        try (UdpSocket socket = UdpSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), options)) {
            assertTrue(socket.getOption(StandardSocketOptions.SO_RCVBUF) >= 256 * 1024);
            socket.setOption(StandardSocketOptions.SO_BROADCAST, true);
            assertTrue(socket.getOption(StandardSocketOptions.SO_BROADCAST));
            socket.setOption(StandardSocketOptions.SO_BROADCAST, false);
            assertEquals(false, socket.getOption(StandardSocketOptions.SO_BROADCAST));
        }
    }
}
