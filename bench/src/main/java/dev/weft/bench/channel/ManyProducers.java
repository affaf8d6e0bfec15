package dev.weft.bench.channel;

import dev.weft.JoinHandle;
import dev.weft.sync.Channel;
import dev.weft.bench.Weave;
import dev.weft.bench.kotlin.ChannelsShapes;
import dev.weft.bench.sched.PeerPools;
import dev.weft.bench.sched.Peers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * {@value #PRODUCERS} producers each sending {@value #MESSAGES} messages into one bounded channel
 * of capacity {@value #CAPACITY}, drained by a single consumer. The channel is mostly full, so
 * producers keep waiting for room and the consumer's receives keep waking them: throughput of a
 * contended channel with backpressure. The consumer's sum is checked against the producers'.
 *
 * <ul>
 *   <li>{@code weft}: five coroutines on {@code Executor.workStealing(2)} sharing one
 *       {@code dev.weft.sync.Channel.bounded(64)}.</li>
 *   <li>{@code virtualThreads}: five virtual threads doing {@code put}/{@code take} on one
 *       {@code ArrayBlockingQueue(64)}.</li>
 *   <li>{@code kotlin}: five coroutines on {@code Dispatchers.Default} sharing one
 *       {@code Channel(64)}.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ManyProducers extends PeerPools {
    static {
        Weave.ensure();
    }

    static final int PRODUCERS = 4;
    static final int MESSAGES = 10_000;
    static final int CAPACITY = 64;
    /** What the consumer must receive: each producer sends 1..MESSAGES. */
    static final long SUM = (long) PRODUCERS * MESSAGES * (MESSAGES + 1) / 2;

    @Benchmark
    public long weft() {
        Channel<Integer> channel = Channel.bounded(CAPACITY);
        JoinHandle<Long> consumer = weft.spawn(ManyProducersTasks.consume(channel, PRODUCERS * MESSAGES));
        List<JoinHandle<Long>> producers = new ArrayList<>(PRODUCERS);
        for (int p = 0; p < PRODUCERS; p++) {
            producers.add(weft.spawn(ManyProducersTasks.produce(channel, MESSAGES)));
        }
        long sent = 0;
        for (JoinHandle<Long> p : producers) {
            sent += p.join();
        }
        Peers.check("sent", SUM, sent);
        return Peers.check("received", SUM, consumer.join());
    }

    @Benchmark
    public long virtualThreads() throws Exception {
        BlockingQueue<Integer> queue = new ArrayBlockingQueue<>(CAPACITY);
        Future<Long> consumer = virtualThreads.submit(() -> {
            long sum = 0;
            for (int i = 0; i < PRODUCERS * MESSAGES; i++) {
                sum += queue.take();
            }
            return sum;
        });
        List<Future<Long>> producers = new ArrayList<>(PRODUCERS);
        for (int p = 0; p < PRODUCERS; p++) {
            producers.add(virtualThreads.submit(() -> {
                long sum = 0;
                for (int i = 1; i <= MESSAGES; i++) {
                    queue.put(i);
                    sum += i;
                }
                return sum;
            }));
        }
        long sent = 0;
        for (Future<Long> p : producers) {
            sent += p.get();
        }
        Peers.check("sent", SUM, sent);
        return Peers.check("received", SUM, consumer.get());
    }

    @Benchmark
    public long kotlin() {
        return Peers.check("received", SUM, ChannelsShapes.manyProducers(PRODUCERS, MESSAGES, CAPACITY));
    }
}
