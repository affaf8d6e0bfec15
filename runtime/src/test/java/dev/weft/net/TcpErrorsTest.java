package dev.weft.net;

import static dev.weft.net.Flow.done;
import static dev.weft.net.Flow.loop;
import static dev.weft.net.Flow.then;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Waker;
import dev.weft.time.TimeoutException;
import dev.weft.time.Timer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Ends of streams and failures: each must surface as a clear result or exception, never a hang. */
@Timeout(30)
class TcpErrorsTest {
    private TcpListener listener;
    private TcpStream client;
    private TcpStream server;

    static final class CountingWaker implements Waker {
        final AtomicInteger wakes = new AtomicInteger();

        @Override
        public void wake() {
            wakes.incrementAndGet();
        }
    }

    static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    @BeforeEach
    void connectAPair() throws IOException {
        listener = TcpListener.bind(loopback(0));
        Future<TcpStream> accept = listener.accept();
        client = Async.blockOn(TcpStream.connect(listener.localAddress()));
        server = Async.blockOn(accept);
    }

    @AfterEach
    void closeAll() {
        client.close();
        server.close();
        listener.close();
    }

    /** Reads until end of stream and returns what arrived. */
    static Future<String> readToEnd(TcpStream s) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(16);
        return then(loop(() -> then(s.read(buf.clear()), n -> {
            if (n > 0) {
                got.write(buf.array(), 0, n);
            }
            return done(n >= 0);
        })), v -> done(got.toString(US_ASCII)));
    }

    static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(US_ASCII));
    }

    @Test
    void halfCloseLetsEachSideFinishSendingAndSeeEndOfStream() throws IOException {
        Async.blockOn(client.writeAll(ascii("request")));
        client.shutdownOutput();
        assertEquals("request", Async.blockOn(readToEnd(server)), "the server reads the request, then EOF");

        Async.blockOn(server.writeAll(ascii("reply")));   // the client can still receive
        server.close();
        assertEquals("reply", Async.blockOn(readToEnd(client)));
        assertEquals(-1, Async.blockOn(client.read(ByteBuffer.allocate(8))), "EOF stays EOF");
    }

    @Test
    void writingAfterShutdownOutputFails() throws IOException {
        client.shutdownOutput();
        assertThrows(IOException.class, () -> Async.blockOn(client.writeAll(ascii("late"))));
    }

    @Test
    void aReadWithNoRoomCompletesWithZeroAtOnce() {
        assertEquals(0, Async.blockOn(client.read(ByteBuffer.allocate(0))));
    }

    @Test
    void connectionRefusedFailsTheConnectFutureWithConnectException() throws IOException {
        SocketAddress nobody;
        try (ServerSocketChannel probe = ServerSocketChannel.open().bind(loopback(0))) {
            nobody = probe.getLocalAddress(); // a port that was free a moment ago and is closed now
        }
        Future<TcpStream> connect = TcpStream.connect(nobody);
        ConnectException e = assertThrows(ConnectException.class, () -> Async.blockOn(connect));
        assertTrue(e.getMessage().toLowerCase().contains("refused"), e.getMessage());
    }

    @Test
    void connectIsLazy() throws IOException {
        try (TcpListener other = TcpListener.bind(loopback(0))) {
            TcpStream.connect(other.localAddress()); // never polled
            Future<TcpStream> accept = other.accept();
            assertTrue(accept.poll(Context.of(() -> {})).isPending(), "nothing connected");
            ((AcceptFuture) accept).cancel();
        }
    }

    /** A blocking peer that resets its connection (SO_LINGER 0 close sends RST). */
    private static Socket resetPeerFor(ServerSocket blockingServer) throws IOException {
        Socket peer = blockingServer.accept();
        peer.setSoLinger(true, 0);
        return peer;
    }

    @Test
    void resetByPeerFailsAPendingRead() throws Exception {
        try (ServerSocket blocking = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            try (TcpStream s = Async.blockOn(TcpStream.connect(blocking.getLocalSocketAddress()))) {
                Socket peer = resetPeerFor(blocking);
                Future<Integer> read = s.read(ByteBuffer.allocate(16));
                CountingWaker w = new CountingWaker();
                assertTrue(read.poll(Context.of(w)).isPending());
                peer.close(); // RST
                // the reactor wakes the read; drive it to its failure
                IOException e = assertThrows(IOException.class, () -> Async.blockOn(read));
                assertTrue(e.getMessage().toLowerCase().contains("reset"), e.getMessage());
            }
        }
    }

    @Test
    void resetByPeerFailsWrites() throws Exception {
        try (ServerSocket blocking = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            try (TcpStream s = Async.blockOn(TcpStream.connect(blocking.getLocalSocketAddress()))) {
                resetPeerFor(blocking).close();
                ByteBuffer block = ByteBuffer.allocate(64 << 10);
                IOException e = assertThrows(IOException.class, () -> {
                    for (int i = 0; i < 1000; i++) { // bounded: the first write after the RST fails
                        Async.blockOn(s.writeAll(block.clear()));
                    }
                });
                System.out.println("[errors] write after reset: " + e);
            }
        }
    }

    @Test
    void closingAStreamWakesAndFailsItsPendingReadAndThePeerSeesEof() {
        Future<Integer> read = client.read(ByteBuffer.allocate(16));
        CountingWaker w = new CountingWaker();
        Context cx = Context.of(w);
        assertTrue(read.poll(cx).isPending());
        client.close();
        assertTrue(w.wakes.get() >= 1, "close must wake the pending read");
        SocketException e = assertThrows(SocketException.class, () -> read.poll(cx));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertEquals(-1, Async.blockOn(server.read(ByteBuffer.allocate(16))), "the peer sees end of stream");
    }

    @Test
    void closingAStreamFailsAWriteBlockedOnAFullBuffer() {
        ByteBuffer big = ByteBuffer.allocate(64 << 20); // more than any socket buffer; the server never reads
        Future<Void> write = client.writeAll(big);
        CountingWaker w = new CountingWaker();
        Context cx = Context.of(w);
        assertTrue(write.poll(cx).isPending(), "the send buffer filled up");
        client.close();
        assertTrue(w.wakes.get() >= 1);
        assertThrows(SocketException.class, () -> write.poll(cx));
    }

    @Test
    void aClosedStreamFailsReadsAndWritesAtTheirFirstPoll() {
        client.close();
        client.close(); // idempotent
        assertTrue(client.isClosed());
        assertThrows(SocketException.class, () -> Async.blockOn(client.read(ByteBuffer.allocate(1))));
        assertThrows(SocketException.class, () -> Async.blockOn(client.write(ascii("x"))));
        assertThrows(SocketException.class, () -> Async.blockOn(client.writeAll(ascii("x"))));
        assertThrows(SocketException.class, client::shutdownOutput);
    }

    @Test
    void closingAListenerWakesAndFailsItsPendingAccept() {
        Future<TcpStream> accept = listener.accept();
        CountingWaker w = new CountingWaker();
        Context cx = Context.of(w);
        assertTrue(accept.poll(cx).isPending());
        listener.close();
        assertTrue(w.wakes.get() >= 1);
        assertThrows(SocketException.class, () -> accept.poll(cx));
        assertThrows(SocketException.class, () -> Async.blockOn(listener.accept()));
    }

    @Test
    void aTimedOutReadLosesNoData() {
        ByteBuffer buf = ByteBuffer.allocate(16);
        assertThrows(TimeoutException.class, () -> Async.blockOn(Timer.timeout(server.read(buf), Duration.ofMillis(20))));
        Async.blockOn(client.writeAll(ascii("after")));
        int n = Async.blockOn(server.read(buf.clear()));
        assertEquals("after", new String(buf.array(), 0, n, US_ASCII));
    }

    @Test
    void cancelledReadGivesUpItsWaker() {
        Future<Integer> read = server.read(ByteBuffer.allocate(16));
        CountingWaker w = new CountingWaker();
        Context cx = Context.of(w);
        assertTrue(read.poll(cx).isPending());
        assertTrue(((ReadFuture) read).stop());
        server.close(); // would wake a waker still registered
        assertEquals(0, w.wakes.get());
        assertInstanceOf(java.util.concurrent.CancellationException.class,
                assertThrows(RuntimeException.class, () -> read.poll(cx)));
    }

    @Test
    void polledReadyTwiceIsAnError() {
        Future<Integer> read = client.read(ByteBuffer.allocate(0));
        assertEquals(0, read.poll(Context.of(() -> {})).value());
        assertThrows(IllegalStateException.class, () -> read.poll(Context.of(() -> {})));
    }
}
