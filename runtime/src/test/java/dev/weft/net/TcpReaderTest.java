package dev.weft.net;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Cancellable;
import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link TcpReader} on a real loopback connection: {@code peer} writes, {@code server} reads. */
@Timeout(30)
class TcpReaderTest {
    private TcpListener listener;
    private TcpStream peer;
    private TcpStream server;

    @BeforeEach
    void connectAPair() throws IOException {
        listener = TcpListener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Future<TcpStream> accept = listener.accept();
        peer = Async.blockOn(TcpStream.connect(listener.localAddress()));
        peer.setNoDelay(true);
        server = Async.blockOn(accept);
    }

    @AfterEach
    void closeAll() {
        peer.close();
        server.close();
        listener.close();
    }

    @Test
    void aLineSentOneByteAtATimeIsOneReadAcrossAsManyPackets() throws Exception {
        TcpReader in = new TcpReader(server);
        byte[] line = "héllo, wörld\r\n".getBytes(UTF_8); // two-byte characters split across packets too
        Future<String> read = in.readLine();
        for (byte b : line) {
            CountDownLatch woken = new CountDownLatch(1);
            Poll<String> p = read.poll(Context.of(woken::countDown));
            assertTrue(p.isPending(), "no line end has been sent yet");
            send(new byte[] {b});
            assertTrue(woken.await(10, TimeUnit.SECONDS), "the byte must wake the parked read");
        }
        assertEquals("héllo, wörld", read.poll(Context.of(() -> {})).value());
        assertEquals(0, in.buffered());
    }

    @Test
    void linesEndWithLfOrCrLfAndWhatFollowsStaysForTheNextRead() throws Exception {
        TcpReader in = new TcpReader(server);
        send("GET / HTTP/1.1\r\nHost: x\n\r\nbody".getBytes(UTF_8));
        assertEquals("GET / HTTP/1.1", Async.blockOn(in.readLine()));
        assertEquals("Host: x", Async.blockOn(in.readLine()));
        assertEquals("", Async.blockOn(in.readLine()));
        assertArrayEquals("body".getBytes(UTF_8), Async.blockOn(in.readExactly(4)));
        peer.shutdownOutput();
        assertNull(Async.blockOn(in.readLine()), "the stream ended between lines");
        assertNull(Async.blockOn(in.readLine()), "and stays ended");
    }

    @Test
    void aLineLongerThanTheLimitFailsAndOneAtTheLimitDoesNot() throws Exception {
        TcpReader in = new TcpReader(server, 16);
        send("0123456789abcdef\r\n0123456789abcdef\n".getBytes(UTF_8));
        assertEquals("0123456789abcdef", Async.blockOn(in.readLine()));
        assertEquals("0123456789abcdef", Async.blockOn(in.readLine()));

        send("0123456789abcdefX\r\n".getBytes(UTF_8));
        LineTooLongException tooLong = assertThrows(LineTooLongException.class, () -> Async.blockOn(in.readLine()));
        assertEquals(16, tooLong.maxBytes());
        assertEquals("no line end within 16 bytes", tooLong.getMessage());
    }

    @Test
    void aLineThatNeverEndsFailsOnceItPassesTheLimit() throws Exception {
        TcpReader in = new TcpReader(server, 100);
        Thread writer = new Thread(() -> {
            for (int i = 0; i < 1000; i++) {
                send(new byte[] {'x'});
            }
        });
        writer.start();
        assertThrows(LineTooLongException.class, () -> Async.blockOn(in.readLine()));
        writer.join();
        assertTrue(in.buffered() >= 102, "the bytes read stay buffered: " + in.buffered());
    }

    @Test
    void endOfStreamInsideALineIsAnEofExceptionAndKeepsTheBytes() throws Exception {
        TcpReader in = new TcpReader(server);
        send("complete\npartial".getBytes(UTF_8));
        peer.shutdownOutput();
        assertEquals("complete", Async.blockOn(in.readLine()));
        EOFException eof = assertThrows(EOFException.class, () -> Async.blockOn(in.readLine()));
        assertTrue(eof.getMessage().contains("after 7 bytes"), eof.getMessage());
        assertEquals(7, in.buffered());
        assertArrayEquals("partial".getBytes(UTF_8), Async.blockOn(in.readExactly(7)));
    }

    @Test
    void readUntilSplitsOnTheDelimiter() throws Exception {
        TcpReader in = new TcpReader(server);
        send(new byte[] {1, 2, 0, 0, 3, 0, 4});
        peer.shutdownOutput();
        assertArrayEquals(new byte[] {1, 2}, Async.blockOn(in.readUntil((byte) 0)));
        assertArrayEquals(new byte[] {}, Async.blockOn(in.readUntil((byte) 0)));
        assertArrayEquals(new byte[] {3}, Async.blockOn(in.readUntil((byte) 0)));
        assertThrows(EOFException.class, () -> Async.blockOn(in.readUntil((byte) 0)));
    }

    @Test
    void readExactlyGathersManyReadsAndReadsNothingPastItsCount() throws Exception {
        TcpReader in = new TcpReader(server, 64);
        byte[] data = pattern(300_000); // many times the reader's buffer and the stream's read-ahead
        Thread writer = new Thread(() -> {
            send("head\n".getBytes(UTF_8));
            for (int off = 0; off < data.length; off += 1000) {
                send(Arrays.copyOfRange(data, off, Math.min(data.length, off + 1000)));
            }
            send("tail\n".getBytes(UTF_8));
        });
        writer.start();
        assertEquals("head", Async.blockOn(in.readLine()));
        assertArrayEquals(data, Async.blockOn(in.readExactly(data.length)));
        assertEquals("tail", Async.blockOn(in.readLine()));
        writer.join();
    }

    @Test
    void readExactlyFailsWithEofExceptionIfTheStreamEndsFirstAndKeepsTheBytes() throws Exception {
        TcpReader in = new TcpReader(server);
        send("12345".getBytes(UTF_8));
        peer.shutdownOutput();
        EOFException eof = assertThrows(EOFException.class, () -> Async.blockOn(in.readExactly(10)));
        assertEquals("the stream ended after 5 of 10 bytes", eof.getMessage());
        assertEquals(5, in.buffered());
        assertArrayEquals("12345".getBytes(UTF_8), Async.blockOn(in.readExactly(5)));
    }

    @Test
    void aCancelledReadLineLeavesItsBytesForTheNextRead() throws Exception {
        TcpReader in = new TcpReader(server);
        Future<String> first = pendingAfterReceiving(in.readLine(), "hel", 3, peer);
        ((Cancellable) first).cancel();
        send("lo\n".getBytes(UTF_8));
        assertEquals("hello", Async.blockOn(in.readLine()));
    }

    @Test
    void aCancelledReadExactlyGivesBackWhatItMoved() throws Exception {
        TcpReader in = new TcpReader(server, 4); // a small buffer: the second half arrives past it
        send("abcdefgh".getBytes(UTF_8));
        assertArrayEquals("ab".getBytes(UTF_8), Async.blockOn(in.readExactly(2)));
        Future<byte[]> first = pendingAfterReceiving(in.readExactly(20), "ijklmnop", 14, peer);
        ((Cancellable) first).cancel();
        assertEquals(14, in.buffered(), "the 6 bytes sent before and the 8 sent after the read began");
        send("qrstuvwxyz".getBytes(UTF_8));
        assertArrayEquals("cdefghijklmnopqrstuv".getBytes(UTF_8), Async.blockOn(in.readExactly(20)));
        assertArrayEquals("wxyz".getBytes(UTF_8), Async.blockOn(in.readExactly(4)));
    }

    @Test
    void readsAfterCloseFailWithSocketException() {
        TcpReader in = new TcpReader(server);
        server.close();
        assertThrows(SocketException.class, () -> Async.blockOn(in.readLine()));
    }

    @Test
    void manyRequestsInOneSegmentEachComeOutWhole() throws Exception {
        TcpReader in = new TcpReader(server);
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            all.append("line ").append(i).append(i % 2 == 0 ? "\r\n" : "\n");
        }
        Thread writer = new Thread(() -> send(all.toString().getBytes(UTF_8)));
        writer.start();
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            got.add(Async.blockOn(in.readLine()));
        }
        writer.join();
        for (int i = 0; i < 500; i++) {
            assertEquals("line " + i, got.get(i));
        }
    }

    /**
     * Parks {@code read}, sends {@code text}, and polls again after each wake until the read holds
     * {@code received} bytes and is still pending: cancelled now, it has bytes to give back.
     */
    private static <T> Future<T> pendingAfterReceiving(Future<T> read, String text, int received, TcpStream peer)
            throws Exception {
        CountDownLatch[] woken = {new CountDownLatch(1)};
        assertTrue(read.poll(Context.of(() -> woken[0].countDown())).isPending());
        Async.blockOn(peer.writeAll(ByteBuffer.wrap(text.getBytes(UTF_8))));
        while (receivedBy(read) < received) {
            assertTrue(woken[0].await(10, TimeUnit.SECONDS), "the bytes must wake the parked read");
            woken[0] = new CountDownLatch(1);
            assertTrue(read.poll(Context.of(() -> woken[0].countDown())).isPending());
        }
        assertEquals(received, receivedBy(read));
        return read;
    }

    private static int receivedBy(Future<?> read) {
        BufferedRead<?> r = (BufferedRead<?>) read;
        return r.reader.buffered() + (r instanceof ExactRead e ? e.moved() : 0);
    }

    private void send(byte[] bytes) {
        Async.blockOn(peer.writeAll(ByteBuffer.wrap(bytes)));
    }

    private static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + (i >>> 8));
        }
        return b;
    }
}
