package dev.weft.woven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Context;
import dev.weft.Executor;
import dev.weft.Future;
import dev.weft.JoinHandle;
import dev.weft.Poll;
import dev.weft.Steps;
import dev.weft.sync.Channel;
import dev.weft.sync.ChannelClosedException;
import dev.weft.sync.OneShot;
import dev.weft.sync.Semaphore;
import dev.weft.sync.Watch;
import dev.weft.net.TcpListener;
import dev.weft.net.TcpStream;
import dev.weft.time.Timer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * The await path that allocates no {@code Poll}: runtime futures answer {@link Await#poll} through
 * {@link UnboxedPoll} with the same value, failure and waker registration as their {@code poll}.
 * (Whether it allocates is measured in {@code bench/}, not asserted here.)
 */
class UnboxedPollTest {
    private final Steps.CountingWaker waker = new Steps.CountingWaker();
    private final Context cx = waker.context();

    /** What an await in a woven body does with a leaf future; {@code self} is only read for coroutines. */
    private Object await(Future<?> f) {
        return Await.poll(f, cx, null);
    }

    @Test
    void readyRuntimeFuturesAnswerTheirValueThroughTheUnboxedPath() throws Exception {
        Channel<String> ch = Channel.bounded(2);
        OneShot<String> one = new OneShot<>();
        one.send("shot");
        Watch<String> watch = new Watch<>("v0");
        Watch.Watcher<String> watcher = watch.watch();
        watch.set("v1");
        List<Future<?>> readies = List.of(ch.send("a"), ch.receive(), one,
                Timer.sleep(Duration.ZERO), new Semaphore(1).acquire(), watcher.changed());
        List<Object> answers = new ArrayList<>();
        for (Future<?> f : readies) {
            assertInstanceOf(UnboxedPoll.class, f, f.getClass().getName());
            answers.add(await(f));
        }
        assertEquals(java.util.Arrays.asList(null, "a", "shot", null, null, "v1"), answers);
        try (Executor ex = Executor.singleThreaded()) {
            JoinHandle<String> done = ex.spawn(Async.ready("joined"));
            done.join();
            assertInstanceOf(UnboxedPoll.class, done);
            assertEquals("joined", await(done));
        }
        assertEquals(0, waker.wakes.get());
    }

    /** A timeout answers unboxed what it wraps: a runtime future, a hand-written one, a pending one. */
    @Test
    void aTimeoutPassesOnTheAnswerOfWhatItWraps() {
        Channel<String> ch = Channel.bounded(1);
        assertTrue(ch.trySend("in time"));
        Future<String> received = Timer.timeout(ch.receive(), Duration.ofMinutes(1));
        assertInstanceOf(UnboxedPoll.class, received);
        assertEquals("in time", await(received));
        Future<String> handWritten = cx -> Poll.ready("by hand");
        assertEquals("by hand", await(Timer.timeout(handWritten, Duration.ofMinutes(1))));
        Future<String> waiting = Timer.timeout(ch.receive(), Duration.ofMinutes(1));
        assertSame(Coroutine.SUSPENDED, await(waiting));
        assertTrue(ch.trySend("later"));
        assertEquals("later", await(waiting));
    }

    /** Real loopback sockets: a write and a read answer their counts, a read waits for bytes first. */
    @Test
    void socketFuturesAnswerTheirCountsThroughTheUnboxedPath() throws Exception {
        try (TcpListener listener = TcpListener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                TcpStream client = Async.blockOn(TcpStream.connect(listener.localAddress()));
                TcpStream server = Async.blockOn(listener.accept())) {
            ByteBuffer dst = ByteBuffer.allocate(16);
            Future<Integer> read = server.read(dst);
            assertInstanceOf(UnboxedPoll.class, read);
            assertSame(Coroutine.SUSPENDED, await(read), "nothing was written yet");
            Future<Integer> write = client.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            assertInstanceOf(UnboxedPoll.class, write);
            assertEquals(3, untilReady(write));
            int got = (Integer) untilReady(read);
            assertTrue(got >= 1 && got <= 3, "read " + got);
            assertEquals(1, dst.get(0));
            assertThrows(IllegalStateException.class, () -> await(read), "a read polled after it completed");
        }
    }

    /** Polls {@code f} through the await path, waiting for each wake in between. */
    private static Object untilReady(Future<?> f) throws InterruptedException {
        for (;;) {
            CountDownLatch woken = new CountDownLatch(1);
            Object r = Await.poll(f, Context.of(woken::countDown), null);
            if (r != Coroutine.SUSPENDED) {
                return r;
            }
            woken.await();
        }
    }

    @Test
    void aReceiveThatWaitsAnswersSuspendedThenTheElementItWasHanded() {
        Channel<String> ch = Channel.bounded(1);
        Future<String> r = ch.receive();
        assertSame(Coroutine.SUSPENDED, await(r));
        assertTrue(ch.trySend("x"));
        assertEquals(1, waker.wakes.get(), "the waiting receive's waker");
        assertEquals("x", await(r));
        assertThrows(IllegalStateException.class, () -> await(r));
    }

    @Test
    void aSendThatWaitsAnswersSuspendedUntilATakeLetsItIn() {
        Channel<String> ch = Channel.bounded(1);
        assertNull(await(ch.send("first")));
        Future<Void> s = ch.send("second");
        assertSame(Coroutine.SUSPENDED, await(s));
        assertSame(Coroutine.SUSPENDED, await(s), "polled again while still full");
        assertEquals("first", ch.tryReceive().element());
        assertEquals(1, waker.wakes.get());
        assertNull(await(s));
        assertEquals("second", ch.tryReceive().element());
        assertThrows(IllegalStateException.class, () -> await(s));
    }

    @Test
    void failuresAreThrownThroughTheUnboxedPathAsThroughPoll() {
        Channel<String> ch = Channel.bounded(1);
        Future<String> waiting = ch.receive();
        assertSame(Coroutine.SUSPENDED, await(waiting));
        ch.close();
        assertThrows(ChannelClosedException.class, () -> await(ch.send("late")));
        assertThrows(ChannelClosedException.class, () -> await(ch.receive()));
        assertThrows(ChannelClosedException.class, () -> await(waiting));
        OneShot<String> closed = new OneShot<>();
        closed.close();
        assertThrows(ChannelClosedException.class, () -> await(closed));
    }

    @Test
    void boxedIsWhatPollAnswers() {
        assertTrue(UnboxedPoll.boxed(Coroutine.SUSPENDED).isPending());
        assertSame(UnboxedPoll.boxed(null), UnboxedPoll.boxed(null), "one shared ready null");
        assertNull(UnboxedPoll.<Object>boxed(null).value());
        Poll<String> p = UnboxedPoll.boxed("x");
        assertEquals("x", p.value());
        Channel<String> ch = Channel.bounded(1);
        assertTrue(ch.receive().poll(cx).isPending());
        assertTrue(ch.send("y").poll(cx).isReady());
    }
}
