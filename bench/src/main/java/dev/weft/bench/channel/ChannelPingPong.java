package dev.weft.bench.channel;

import dev.weft.JoinHandle;
import dev.weft.sync.Channel;
import dev.weft.bench.Weave;
import dev.weft.bench.kotlin.ChannelsShapes;
import dev.weft.bench.sched.PeerPools;
import dev.weft.bench.sched.Peers;
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
 * One message bouncing {@value #ROUNDS} times between two tasks through two channels of
 * capacity 1: ping sends {@code i} on the first, pong answers {@code i + 1} on the second, and
 * ping checks the answer before the next round. Every hop finds the receiver waiting, so each
 * round is two hand-offs, each waking a suspended task: the latency of a channel plus a wake.
 *
 * <ul>
 *   <li>{@code weft}: two coroutines on {@code Executor.workStealing(2)} awaiting
 *       {@code dev.weft.sync.Channel.bounded(1)} sends and receives.</li>
 *   <li>{@code virtualThreads}: two virtual threads doing {@code put}/{@code take} on two
 *       {@code ArrayBlockingQueue}s of capacity 1.</li>
 *   <li>{@code kotlin}: two coroutines on {@code Dispatchers.Default} with two
 *       {@code Channel(1)}s.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ChannelPingPong extends PeerPools {
    static {
        Weave.ensure();
    }

    static final int ROUNDS = 1_000;

    @Benchmark
    public long weft() {
        Channel<Integer> toPong = Channel.bounded(1);
        Channel<Integer> toPing = Channel.bounded(1);
        JoinHandle<Integer> pong = weft.spawn(ChannelPingPongTasks.pong(toPong, toPing, ROUNDS));
        JoinHandle<Integer> ping = weft.spawn(ChannelPingPongTasks.ping(toPong, toPing, ROUNDS));
        return Peers.check("rounds", 2 * ROUNDS, ping.join() + pong.join());
    }

    @Benchmark
    public long virtualThreads() throws Exception {
        BlockingQueue<Integer> toPong = new ArrayBlockingQueue<>(1);
        BlockingQueue<Integer> toPing = new ArrayBlockingQueue<>(1);
        Future<?> pong = virtualThreads.submit(() -> {
            for (int i = 0; i < ROUNDS; i++) {
                toPing.put(toPong.take() + 1);
            }
            return null;
        });
        Future<Integer> ping = virtualThreads.submit(() -> {
            for (int i = 0; i < ROUNDS; i++) {
                toPong.put(i);
                int answer = toPing.take();
                if (answer != i + 1) {
                    throw new IllegalStateException("round " + i + " answered " + answer);
                }
            }
            return ROUNDS;
        });
        pong.get();
        return Peers.check("rounds", ROUNDS, ping.get());
    }

    @Benchmark
    public long kotlin() {
        return Peers.check("rounds", ROUNDS, ChannelsShapes.channelPingPong(ROUNDS));
    }
}
