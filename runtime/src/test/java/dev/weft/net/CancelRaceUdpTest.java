package dev.weft.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.Async;
import dev.weft.CancelRace;
import dev.weft.Executor;
import dev.weft.StressSize;
import dev.weft.time.TimeoutException;
import dev.weft.time.Timer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A UDP receive raced against a cancel of the task awaiting it, while its datagram arrives (see
 * {@link CancelRace}): the datagram is delivered through the handle or left for the next receive.
 */
@Tag("stress")
class CancelRaceUdpTest {
    private static final int ROUNDS = StressSize.of(500);
    private static final Duration LOST_AFTER = Duration.ofSeconds(2);

    @ParameterizedTest
    @ValueSource(strings = {"singleThreaded", "workStealing"})
    void receive(String kind) throws Exception {
        CancelRace.Tally tally = new CancelRace.Tally(ROUNDS);
        try (UdpSocket receiver = UdpSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                DatagramChannel sender = DatagramChannel.open();
                Executor ex = kind.equals("singleThreaded") ? Executor.singleThreaded() : Executor.workStealing(2);
                CancelRace race = new CancelRace()) {
            SocketAddress to = receiver.localAddress();
            for (int i = 0; i < ROUNDS; i++) {
                byte sent = (byte) i;
                ByteBuffer dst = ByteBuffer.allocate(4);
                CancelRace.Outcome<SocketAddress> o = race.round(ex, receiver.receive(dst),
                        () -> sender.send(ByteBuffer.wrap(new byte[] {sent}), to));
                if (o.delivered()) {
                    assertEquals(sent, dst.get(0), "round " + i);
                    tally.count(true, 0);
                } else {
                    ByteBuffer again = ByteBuffer.allocate(4);
                    boolean got = within(receiver, again);
                    if (got) {
                        assertEquals(sent, again.get(0), "round " + i + ": the datagram left for the next receive");
                    }
                    tally.count(false, got ? 1 : 0);
                }
            }
        }
        tally.assertNothingLostOrDuplicated("UdpSocket.receive");
    }

    private static boolean within(UdpSocket socket, ByteBuffer dst) {
        try {
            Async.blockOn(Timer.timeout(socket.receive(dst), LOST_AFTER));
            return true;
        } catch (TimeoutException lost) {
            return false;
        }
    }
}
