package dev.weft.net;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.Async;
import dev.weft.CancelRace;
import dev.weft.Executor;
import dev.weft.StressSize;
import dev.weft.time.TimeoutException;
import dev.weft.time.Timer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The socket takes raced against a cancel (see {@link CancelRace}): an accept whose connection
 * arrives, and a read whose byte arrives, while the task awaiting it is cancelled. What was taken
 * is delivered through the handle or left for the next accept or read. Through a {@link TcpReader}
 * the read has taken part of its line or byte count before the race, and a cancel must give that
 * part back too. A few seconds' timeout on the next read only detects a loss, it orders nothing.
 */
@Tag("stress")
class CancelRaceIoTest {
    private static final int ROUNDS = StressSize.of(500);
    private static final Duration LOST_AFTER = Duration.ofSeconds(2);

    private static Executor executor(String kind) {
        return kind.equals("singleThreaded") ? Executor.singleThreaded() : Executor.workStealing(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"singleThreaded", "workStealing"})
    void accept(String kind) throws Exception {
        CancelRace.Tally tally = new CancelRace.Tally(ROUNDS);
        List<SocketChannel> clients = new ArrayList<>();
        try (TcpListener listener = TcpListener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                Executor ex = executor(kind);
                CancelRace race = new CancelRace()) {
            for (int i = 0; i < ROUNDS; i++) {
                CancelRace.Outcome<TcpStream> o = race.round(ex, listener.accept(),
                        () -> clients.add(SocketChannel.open(listener.localAddress())));
                TcpStream next = o.delivered() ? null : within(listener.accept());
                tally.count(o.delivered(), next == null ? 0 : 1);
                close(o.value());
                close(next);
                clients.remove(0).close();
            }
        }
        tally.assertNothingLostOrDuplicated("TcpListener.accept");
    }

    @ParameterizedTest
    @ValueSource(strings = {"singleThreaded", "workStealing"})
    void readIntoTheInbox(String kind) throws Exception {
        CancelRace.Tally tally = new CancelRace.Tally(ROUNDS);
        try (TcpListener listener = TcpListener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                SocketChannel client = SocketChannel.open(listener.localAddress());
                TcpStream server = Async.blockOn(listener.accept());
                Executor ex = executor(kind);
                CancelRace race = new CancelRace()) {
            for (int i = 0; i < ROUNDS; i++) {
                byte sent = (byte) i;
                ByteBuffer dst = ByteBuffer.allocate(1);
                CancelRace.Outcome<Integer> o = race.round(ex, server.read(dst),
                        () -> client.write(ByteBuffer.wrap(new byte[] {sent})));
                if (o.delivered()) {
                    assertEquals(1, o.value());
                    assertEquals(sent, dst.get(0), "round " + i);
                    tally.count(true, 0);
                } else {
                    ByteBuffer again = ByteBuffer.allocate(1);
                    Integer n = within(server.read(again));
                    if (n != null) {
                        assertEquals(sent, again.get(0), "round " + i + ": the byte left for the next read");
                    }
                    tally.count(false, n == null ? 0 : n);
                }
            }
        }
        tally.assertNothingLostOrDuplicated("TcpStream.read");
    }

    @ParameterizedTest
    @ValueSource(strings = {"singleThreaded", "workStealing"})
    void readLineThroughAReader(String kind) throws Exception {
        CancelRace.Tally tally = new CancelRace.Tally(ROUNDS);
        try (TcpListener listener = TcpListener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                SocketChannel client = SocketChannel.open(listener.localAddress());
                TcpStream server = Async.blockOn(listener.accept());
                Executor ex = executor(kind);
                CancelRace race = new CancelRace()) {
            TcpReader in = new TcpReader(server);
            for (int i = 0; i < ROUNDS; i++) {
                String sent = "line " + i;
                String rest = i + "\n";
                client.write(ByteBuffer.wrap("line ".getBytes(US_ASCII))); // the line starts before the race
                CancelRace.Outcome<String> o = race.round(ex, in.readLine(),
                        () -> client.write(ByteBuffer.wrap(rest.getBytes(US_ASCII))));
                String next = o.delivered() ? o.value() : within(in.readLine());
                if (next != null) {
                    assertEquals(sent, next, "round " + i);
                }
                tally.count(o.delivered(), o.delivered() || next == null ? 0 : 1);
            }
        }
        tally.assertNothingLostOrDuplicated("TcpReader.readLine");
    }

    @ParameterizedTest
    @ValueSource(strings = {"singleThreaded", "workStealing"})
    void readExactlyThroughAReader(String kind) throws Exception {
        CancelRace.Tally tally = new CancelRace.Tally(ROUNDS);
        try (TcpListener listener = TcpListener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                SocketChannel client = SocketChannel.open(listener.localAddress());
                TcpStream server = Async.blockOn(listener.accept());
                Executor ex = executor(kind);
                CancelRace race = new CancelRace()) {
            TcpReader in = new TcpReader(server, 1); // the second half goes straight into the read's array
            for (int i = 0; i < ROUNDS; i++) {
                byte[] sent = {(byte) i, (byte) (i >> 8), (byte) ~i, 7};
                client.write(ByteBuffer.wrap(sent, 0, 2)); // taken by the first poll, before the race
                CancelRace.Outcome<byte[]> o = race.round(ex, in.readExactly(4),
                        () -> client.write(ByteBuffer.wrap(sent, 2, 2)));
                byte[] next = o.delivered() ? o.value() : within(in.readExactly(4));
                if (next != null) {
                    assertArrayEquals(sent, next, "round " + i);
                }
                tally.count(o.delivered(), o.delivered() || next == null ? 0 : 1);
            }
        }
        tally.assertNothingLostOrDuplicated("TcpReader.readExactly");
    }

    /** The future's output, or null if it is still pending after {@link #LOST_AFTER}. */
    private static <T> T within(dev.weft.Future<T> f) {
        try {
            return Async.blockOn(Timer.timeout(f, LOST_AFTER));
        } catch (TimeoutException lost) {
            return null;
        }
    }

    private static void close(TcpStream s) {
        if (s != null) {
            s.close();
        }
    }
}
