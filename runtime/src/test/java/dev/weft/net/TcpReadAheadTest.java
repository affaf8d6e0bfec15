package dev.weft.net;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Context;
import dev.weft.Future;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The reactor reads for a parked reader into the stream's inbox; nothing it reads may be lost. */
@Timeout(30)
class TcpReadAheadTest {
    private TcpListener listener;
    private TcpStream client;
    private TcpStream server;

    @BeforeEach
    void connectAPair() throws IOException {
        listener = TcpListener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
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

    /** Parks a read on {@code server}, runs {@code peer}, and waits for the reactor to wake the read. */
    private Future<Integer> parkedReadWokenAfter(ByteBuffer dst, Runnable peer) throws InterruptedException {
        Future<Integer> read = server.read(dst);
        CountDownLatch woken = new CountDownLatch(1);
        assertTrue(read.poll(Context.of(woken::countDown)).isPending());
        peer.run();
        assertTrue(woken.await(10, TimeUnit.SECONDS), "the reactor must wake the parked read");
        return read;
    }

    @Test
    void theReactorReadsForAParkedReaderAndItsPollTakesTheBytes() throws Exception {
        ByteBuffer dst = ByteBuffer.allocate(16);
        Future<Integer> read = parkedReadWokenAfter(dst, () -> Async.blockOn(client.writeAll(ascii("hello"))));
        assertEquals(5, server.inbox().heldBytes(), "read ahead by the reactor");
        assertEquals(5, read.poll(Context.of(() -> {})).value());
        assertEquals("hello", new String(dst.array(), 0, 5, US_ASCII));
        assertEquals(0, server.inbox().heldBytes());
    }

    @Test
    void bytesReadAheadForACancelledReadGoToTheNextRead() throws Exception {
        Future<Integer> read = parkedReadWokenAfter(ByteBuffer.allocate(16),
                () -> Async.blockOn(client.writeAll(ascii("kept"))));
        assertTrue(((ReadFuture) read).stop(), "cancelled while still pending");
        Async.blockOn(client.writeAll(ascii(" in order")));
        ByteBuffer all = ByteBuffer.allocate(64);
        while (all.position() < "kept in order".length()) {
            Async.blockOn(server.read(all));
        }
        assertEquals("kept in order", new String(all.array(), 0, all.position(), US_ASCII));
    }

    @Test
    void aSmallerReadTakesHeldBytesInPieces() throws Exception {
        parkedReadWokenAfter(ByteBuffer.allocate(16), () -> Async.blockOn(client.writeAll(ascii("abcdef"))));
        ByteBuffer two = ByteBuffer.allocate(2);
        StringBuilder got = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            assertEquals(2, Async.blockOn(server.read(two.clear())));
            got.append(new String(two.array(), US_ASCII));
        }
        assertEquals("abcdef", got.toString());
    }

    @Test
    void endOfStreamMetByTheReactorReachesTheNextReads() throws Exception {
        Future<Integer> read = parkedReadWokenAfter(ByteBuffer.allocate(16), () -> {
            try {
                client.shutdownOutput();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(-1, read.poll(Context.of(() -> {})).value());
        assertEquals(-1, Async.blockOn(server.read(ByteBuffer.allocate(16))));
    }

    @Test
    void readingAheadForALargeReaderAllocatesNoBufferPerRead() throws Exception {
        ByteBuffer large = ByteBuffer.allocate(64 * 1024);
        Thread reactor = reactorThread();
        long before = allocatedBytes(reactor);
        int reads = 500;
        for (int i = 0; i < reads; i++) {
            Future<Integer> read = parkedReadWokenAfter(large.clear(), () -> Async.blockOn(client.writeAll(ascii("ping"))));
            assertEquals(4, read.poll(Context.of(() -> {})).value());
        }
        long perRead = (allocatedBytes(reactor) - before) / reads;
        // Sizing the read-ahead to the reader's room allocated 16 KiB for each of these reads.
        assertTrue(perRead < 1024, "the reactor allocated " + perRead + " bytes per read-ahead");
    }

    private static Thread reactorThread() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("weft-reactor"))
                .findFirst()
                .orElseThrow();
    }

    private static long allocatedBytes(Thread t) {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getThreadAllocatedBytes(t.getId());
    }

    @Test
    void aReadAfterAFullReadAheadTakesTheRestFromTheSocketToo() throws Exception {
        byte[] burst = new byte[3 * Inbox.AHEAD];
        Arrays.fill(burst, (byte) 'b');
        ByteBuffer dst = ByteBuffer.allocate(burst.length);
        Future<Integer> read = parkedReadWokenAfter(dst, () -> Async.blockOn(client.writeAll(ByteBuffer.wrap(burst))));
        int n = read.poll(Context.of(() -> {})).value();
        assertTrue(n > Inbox.AHEAD, "one read takes the read-ahead and what the socket has after it: " + n);
    }

    @Test
    void manyAlternatingReadsAndWritesLoseNoWake() {
        ByteBuffer in = ByteBuffer.allocate(8);
        for (int i = 0; i < 2000; i++) {
            ByteBuffer msg = ByteBuffer.allocate(8).putLong(0, i);
            Async.blockOn(client.writeAll(msg));
            in.clear();
            while (in.hasRemaining()) {
                assertTrue(Async.blockOn(server.read(in)) > 0);
            }
            assertEquals(i, in.getLong(0));
            Async.blockOn(server.writeAll(in.flip()));
            ByteBuffer back = ByteBuffer.allocate(8);
            while (back.hasRemaining()) {
                assertTrue(Async.blockOn(client.read(back)) > 0);
            }
            assertEquals(i, back.getLong(0));
        }
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(US_ASCII));
    }
}
