package dev.weft.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.Context;
import dev.weft.Executor;
import dev.weft.Future;
import dev.weft.JoinHandle;
import dev.weft.Poll;
import dev.weft.StressSize;
import dev.weft.scheduler.StressExecutors;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Many producers and consumers on one channel, on real threads, and the {@link ChannelRaces}
 * repeated (where the model checker cannot run them, this is what covers them).
 */
@Tag("stress")
class ChannelStressTest {
    private static final int PRODUCERS = 6;
    private static final int CONSUMERS = 3;

    /**
     * Every element arrives exactly once, and each consumer sees any one producer's elements in
     * the order that producer sent them. Capacity 0 stands for unbounded.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 8, 0})
    void everyElementArrivesOnceAndInEachProducersOrder(int capacity) throws Exception {
        int perProducer = StressSize.of(20_000);
        Channel<Integer> ch = capacity == 0 ? Channel.unbounded() : Channel.bounded(capacity);
        AtomicIntegerArray arrivals = new AtomicIntegerArray(PRODUCERS * perProducer);
        try (Executor ex = StressExecutors.create()) {
            List<JoinHandle<Void>> producers = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                producers.add(ex.spawn(new Producer(ch, p * perProducer, perProducer)));
            }
            List<JoinHandle<Void>> consumers = new ArrayList<>();
            for (int c = 0; c < CONSUMERS; c++) {
                consumers.add(ex.spawn(new Consumer(ch, perProducer, arrivals)));
            }
            for (JoinHandle<Void> h : producers) {
                h.toCompletableFuture().get(60, TimeUnit.SECONDS);
            }
            ch.close();
            for (JoinHandle<Void> h : consumers) {
                h.toCompletableFuture().get(60, TimeUnit.SECONDS); // a consumer fails on an out-of-order element
            }
        }
        for (int v = 0; v < arrivals.length(); v++) {
            assertEquals(1, arrivals.get(v), "element " + v + " arrived " + arrivals.get(v) + " times");
        }
    }

    /** A lost wake leaves a racing thread spinning forever; the timeout reports it. */
    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void racesRepeatedOnRealThreads() {
        for (int round = 0; round < StressSize.of(300); round++) {
            ChannelRaces.receiveMeetsASend();
            ChannelRaces.sendersMeetAReceiverOnAFullChannel();
            ChannelRaces.closeWhileSendingAndReceiving();
            ChannelRaces.cancelledReceiveVsHandOff();
            ChannelRaces.cancelledSendVsRoom();
            ChannelRaces.tryReceiveVsClose();
            ChannelRaces.waitingReceiveVsSendAndClose();
        }
    }

    /** Sends {@code first .. first + count - 1}, one send at a time. */
    private static final class Producer implements Future<Void> {
        private final Channel<Integer> ch;
        private final int end;
        private int next;
        private Future<Void> sending;

        Producer(Channel<Integer> ch, int first, int count) {
            this.ch = ch;
            this.next = first;
            this.end = first + count;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            while (next < end) {
                if (sending == null) {
                    sending = ch.send(next);
                }
                if (sending.poll(cx).isPending()) {
                    return Poll.pending();
                }
                sending = null;
                next++;
            }
            return Poll.ready(null);
        }
    }

    /** Receives until closed and drained, counting arrivals and checking each producer's order. */
    private static final class Consumer implements Future<Void> {
        private final Channel<Integer> ch;
        private final int perProducer;
        private final AtomicIntegerArray arrivals;
        private final int[] lastFromProducer = new int[PRODUCERS];
        private Future<Integer> receiving;

        Consumer(Channel<Integer> ch, int perProducer, AtomicIntegerArray arrivals) {
            this.ch = ch;
            this.perProducer = perProducer;
            this.arrivals = arrivals;
            java.util.Arrays.fill(lastFromProducer, -1);
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
                } catch (ChannelClosedException drained) {
                    return Poll.ready(null);
                }
                if (p.isPending()) {
                    return Poll.pending();
                }
                receiving = null;
                int v = p.value();
                int producer = v / perProducer;
                if (v <= lastFromProducer[producer]) {
                    throw new AssertionError(v + " after " + lastFromProducer[producer] + " from producer " + producer);
                }
                lastFromProducer[producer] = v;
                arrivals.incrementAndGet(v);
            }
        }
    }
}
