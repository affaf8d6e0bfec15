package dev.weft.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Cancellable;
import dev.weft.Context;
import dev.weft.Executor;
import dev.weft.Future;
import dev.weft.JoinHandle;
import dev.weft.Poll;
import dev.weft.Steps;
import dev.weft.StressSize;
import dev.weft.StressTest;
import dev.weft.scheduler.StressExecutors;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ChannelTest {
    private final Steps.CountingWaker w1 = new Steps.CountingWaker();
    private final Steps.CountingWaker w2 = new Steps.CountingWaker();
    private final Steps.CountingWaker w3 = new Steps.CountingWaker();

    @Test
    void sendIsPendingWhileFullAndAReceiveLetsTheOldestWaitingSenderIn() {
        Channel<String> ch = Channel.bounded(2);
        assertTrue(ch.send("a").poll(w1.context()).isReady());
        assertTrue(ch.send("b").poll(w1.context()).isReady());
        Future<Void> c = ch.send("c");
        Future<Void> d = ch.send("d");
        assertTrue(c.poll(w1.context()).isPending());
        assertTrue(d.poll(w2.context()).isPending());
        assertFalse(ch.trySend("e"), "trySend does not jump the queue of waiting senders");

        assertEquals("a", ch.receive().poll(w3.context()).value());
        assertEquals(1, w1.wakes.get(), "the first waiting sender is woken");
        assertEquals(0, w2.wakes.get());
        assertTrue(c.poll(w1.context()).isReady());
        assertTrue(d.poll(w2.context()).isPending());
        assertEquals("b", ch.tryReceive().elementOrNull());
        assertTrue(d.poll(w2.context()).isReady());
        assertEquals("c", ch.tryReceive().elementOrNull());
        assertEquals("d", ch.tryReceive().elementOrNull());
        assertNull(ch.tryReceive().elementOrNull());
    }

    @Test
    void waitingReceiversAreServedInTheOrderTheyCame() {
        Channel<Integer> ch = Channel.unbounded();
        Future<Integer> r1 = ch.receive();
        Future<Integer> r2 = ch.receive();
        Future<Integer> r3 = ch.receive();
        assertTrue(r1.poll(w1.context()).isPending());
        assertTrue(r2.poll(w2.context()).isPending());
        assertTrue(r3.poll(w3.context()).isPending());
        ch.trySend(1);
        ch.trySend(2);
        assertEquals(1, w1.wakes.get());
        assertEquals(1, w2.wakes.get());
        assertEquals(0, w3.wakes.get());
        assertEquals(2, r2.poll(w2.context()).value());
        assertEquals(1, r1.poll(w1.context()).value());
        ch.trySend(3);
        assertEquals(3, r3.poll(w3.context()).value());
    }

    @Test
    void closeFailsWaitingSendersLetsReceiversDrainThenEnds() {
        Channel<String> ch = Channel.bounded(2);
        ch.trySend("a");
        ch.trySend("b");
        Future<Void> blocked = ch.send("c");
        assertTrue(blocked.poll(w1.context()).isPending());
        ch.close();
        ch.close();
        assertEquals(1, w1.wakes.get());
        assertThrows(ChannelClosedException.class, () -> blocked.poll(w1.context()));
        assertThrows(ChannelClosedException.class, () -> ch.trySend("d"));
        assertThrows(ChannelClosedException.class, () -> ch.send("e").poll(w1.context()));
        assertEquals("a", ch.receive().poll(w2.context()).value());
        assertEquals("b", ch.tryReceive().elementOrNull());
        assertThrows(ChannelClosedException.class, () -> ch.receive().poll(w2.context()));
        assertTrue(ch.tryReceive().isClosed(), "closed and drained is an answer, not an exception");
    }

    @Test
    void closeWakesWaitingReceiversWhichThenSeeTheEnd() {
        Channel<String> ch = Channel.unbounded();
        Future<String> r = ch.receive();
        assertTrue(r.poll(w1.context()).isPending());
        ch.close();
        assertEquals(1, w1.wakes.get());
        assertThrows(ChannelClosedException.class, () -> r.poll(w1.context()));
    }

    @Test
    void aCancelledWaitingSendIsNotDeliveredAndKeepsNoPlace() {
        Channel<String> ch = Channel.bounded(1);
        ch.trySend("x");
        Future<Void> s1 = ch.send("s1");
        Future<Void> s2 = ch.send("s2");
        assertTrue(s1.poll(w1.context()).isPending());
        assertTrue(s2.poll(w2.context()).isPending());
        ((Cancellable) s1).cancel();
        assertEquals("x", ch.tryReceive().elementOrNull());
        assertEquals(0, w1.wakes.get());
        assertEquals(1, w2.wakes.get(), "the place goes to the next sender");
        assertTrue(s2.poll(w2.context()).isReady());
        assertEquals("s2", ch.tryReceive().elementOrNull());
        assertNull(ch.tryReceive().elementOrNull());
    }

    @Test
    void tryReceiveTellsEmptyFromClosedAndDrainedWithoutThrowing() {
        Channel<String> ch = Channel.bounded(2);
        Received<String> empty = ch.tryReceive();
        assertFalse(empty.hasElement());
        assertFalse(empty.isClosed(), "empty but open: more may come");

        ch.trySend("a");
        ch.close();
        Received<String> last = ch.tryReceive();
        assertTrue(last.hasElement());
        assertFalse(last.isClosed(), "closed, but not drained until this element is taken");
        assertEquals("a", last.element());

        Received<String> end = ch.tryReceive();
        assertFalse(end.hasElement());
        assertTrue(end.isClosed());
        assertThrows(java.util.NoSuchElementException.class, end::element);
    }

    @Test
    void aReceiverCancelledAfterAHandOffGivesTheElementBack() {
        Channel<String> ch = Channel.bounded(4);
        Future<String> r1 = ch.receive();
        Future<String> r2 = ch.receive();
        assertTrue(r1.poll(w1.context()).isPending());
        assertTrue(r2.poll(w2.context()).isPending());
        ch.trySend("a"); // handed to r1
        ((Cancellable) r1).cancel();
        assertEquals(1, w2.wakes.get(), "the element went to the next waiting receiver");
        assertEquals("a", r2.poll(w2.context()).value());

        Future<String> r3 = ch.receive();
        assertTrue(r3.poll(w3.context()).isPending());
        ch.trySend("b"); // handed to r3
        ch.trySend("c");
        ((Cancellable) r3).cancel();
        assertEquals("b", ch.tryReceive().elementOrNull(), "no one waited, so it went back to the front");
        assertEquals("c", ch.tryReceive().elementOrNull());
    }

    @StressTest
    void oneProducerOneConsumerAcrossThreadsKeepsExactOrder() {
        int n = StressSize.of(20_000);
        Channel<Integer> ch = Channel.bounded(4);
        try (Executor ex = StressExecutors.create()) {
            JoinHandle<Void> producer = ex.spawn(Steps.then(
                    Steps.repeat(n, i -> ch.send(i)), v -> {
                        ch.close();
                        return Async.ready(null);
                    }));
            List<Integer> got = new ArrayList<>();
            JoinHandle<Void> consumer = ex.spawn(new Consumer(ch, 0, got::add));
            producer.join();
            consumer.join();
            assertEquals(n, got.size());
            for (int i = 0; i < n; i++) {
                assertEquals(i, got.get(i));
            }
        }
    }

    /**
     * Producers and consumers on several threads, both cancelling some of their waits midway. No
     * element may be lost or duplicated: every send that completed is received exactly once, and an
     * element whose send was cancelled is received at most once.
     */
    @StressTest
    void stressManyProducersAndConsumersCancellingMidWait() throws Exception {
        int producers = 4;
        int perProducer = StressSize.of(3_000);
        int consumers = 3;
        Channel<Integer> ch = Channel.bounded(8);
        Set<Integer> sent = ConcurrentHashMap.newKeySet();
        Set<Integer> maybeSent = ConcurrentHashMap.newKeySet();
        Set<Integer> received = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        try (Executor ex = StressExecutors.create()) {
            List<JoinHandle<Void>> ps = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int base = p * perProducer;
                ps.add(ex.spawn(new Producer(ch, base, perProducer, sent, maybeSent)));
            }
            List<JoinHandle<Void>> cs = new ArrayList<>();
            for (int c = 0; c < consumers; c++) {
                cs.add(ex.spawn(new Consumer(ch, 3, v -> {
                    if (!received.add(v)) {
                        duplicates.incrementAndGet();
                    }
                })));
            }
            for (JoinHandle<Void> h : ps) {
                h.toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
            ch.close();
            for (JoinHandle<Void> h : cs) {
                h.toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        }
        assertEquals(0, duplicates.get(), "an element was received twice");
        for (Integer v : sent) {
            assertTrue(received.contains(v), "completed send of " + v + " was lost");
        }
        for (Integer v : received) {
            assertTrue(sent.contains(v) || maybeSent.contains(v), v + " was never sent");
        }
        assertEquals(producers * perProducer, sent.size() + maybeSent.size());
    }

    /** Sends its range; every third send still pending is cancelled (its element may or may not be in). */
    private static final class Producer implements Future<Void> {
        private final Channel<Integer> ch;
        private final int end;
        private final Set<Integer> sent;
        private final Set<Integer> maybeSent;
        private int next;
        private Future<Void> sending;
        private int pendings;

        Producer(Channel<Integer> ch, int base, int count, Set<Integer> sent, Set<Integer> maybeSent) {
            this.ch = ch;
            this.next = base;
            this.end = base + count;
            this.sent = sent;
            this.maybeSent = maybeSent;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            while (next < end) {
                if (sending == null) {
                    sending = ch.send(next);
                }
                if (sending.poll(cx).isPending()) {
                    if (++pendings % 3 == 0) {
                        ((Cancellable) sending).cancel();
                        maybeSent.add(next);
                        sending = null;
                        next++;
                        cx.waker().wake(); // come back to send the rest
                    }
                    return Poll.pending();
                }
                sent.add(next);
                sending = null;
                next++;
            }
            return Poll.ready(null);
        }
    }

    /** Receives until the end; if {@code cancelEvery > 0}, every such pending receive is cancelled and started over. */
    private static final class Consumer implements Future<Void> {
        private final Channel<Integer> ch;
        private final int cancelEvery;
        private final java.util.function.IntConsumer sink;
        private Future<Integer> receiving;
        private int pendings;

        Consumer(Channel<Integer> ch, int cancelEvery, java.util.function.IntConsumer sink) {
            this.ch = ch;
            this.cancelEvery = cancelEvery;
            this.sink = sink;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            for (;;) {
                if (receiving == null) {
                    receiving = ch.receive();
                }
                Poll<Integer> p;
                try {
                    p = receiving.poll(cx);
                } catch (ChannelClosedException end) {
                    return Poll.ready(null);
                }
                if (p.isPending()) {
                    if (cancelEvery > 0 && ++pendings % cancelEvery == 0) {
                        ((Cancellable) receiving).cancel();
                        receiving = null;
                        cx.waker().wake();
                    }
                    return Poll.pending();
                }
                receiving = null;
                sink.accept(p.value());
            }
        }
    }
}
