package dev.weft.net;

import static dev.weft.net.Flow.done;
import static dev.weft.net.Flow.loop;
import static dev.weft.net.Flow.then;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Blocking;
import dev.weft.Executor;
import dev.weft.JoinHandle;
import dev.weft.time.Timer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A hundred blocking calls awaited by tasks of a one-thread executor leave that thread free: a
 * timer and a socket echo served by the same executor complete while every call is still
 * blocked. Each call sleeps 50 ms and then waits for a gate the test opens only after the timer
 * fired and the echo came back, so the ordering is certain, not a matter of timing. Run the calls
 * inline instead of through {@link Blocking} and the executor's one thread is stuck in the first
 * of them: the timer never fires and this test times out.
 */
class BlockingOffloadTest {
    private static final int CALLS = 100;

    @Test
    @Timeout(60)
    void aHundredBlockingCallsDoNotDelayATimerOrAnEchoOnAOneThreadExecutor() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch timerFired = new CountDownLatch(1);
        AtomicInteger entered = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        int[] finishedWhenTimerFired = {-1};
        try (Executor executor = Executor.singleThreaded();
                TcpListener listener = TcpListener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            executor.spawn(loop(() -> then(listener.accept(), s -> {
                executor.spawn(echo(s));
                return done(true);
            })));
            List<JoinHandle<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                calls.add(executor.spawn(Blocking.call(() -> {
                    entered.incrementAndGet();
                    Thread.sleep(50);
                    assertTrue(gate.await(30, TimeUnit.SECONDS));
                    return finished.incrementAndGet();
                })));
            }
            executor.spawn(then(Timer.sleep(Duration.ofMillis(5)), v -> {
                finishedWhenTimerFired[0] = finished.get();
                timerFired.countDown();
                return done(null);
            }));

            int finishedWhenEchoed;
            try (Socket client = new Socket()) {
                client.connect(listener.localAddress(), 10_000);
                client.setSoTimeout(10_000);
                OutputStream out = client.getOutputStream();
                InputStream in = client.getInputStream();
                for (int round = 0; round < 5; round++) {
                    byte[] message = ("ping " + round).getBytes(StandardCharsets.US_ASCII);
                    out.write(message);
                    assertArrayEquals(message, in.readNBytes(message.length));
                }
                finishedWhenEchoed = finished.get();
            }
            assertTrue(timerFired.await(10, TimeUnit.SECONDS), "the timer did not fire");
            int enteredBeforeGate = entered.get();
            gate.countDown();
            for (JoinHandle<Integer> call : calls) {
                call.toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
            System.out.printf("[blocking] timer and echo done with 0 of %d calls finished, %d entered (limit %d)%n",
                    CALLS, enteredBeforeGate, Blocking.maxThreads());
            assertEquals(0, finishedWhenTimerFired[0]);
            assertEquals(0, finishedWhenEchoed);
            assertEquals(CALLS, finished.get());
        }
    }

    private static dev.weft.Future<Void> echo(TcpStream s) {
        ByteBuffer buf = ByteBuffer.allocate(256);
        return loop(() -> then(s.read(buf.clear()), n -> {
            if (n < 0) {
                s.close();
                return done(false);
            }
            buf.flip();
            return then(s.writeAll(buf), v -> done(true));
        }));
    }
}
