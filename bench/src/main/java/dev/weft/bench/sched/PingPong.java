package dev.weft.bench.sched;

import dev.weft.JoinHandle;
import dev.weft.sync.OneShot;
import dev.weft.bench.Weave;
import dev.weft.bench.kotlin.SchedShapes;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Two tasks exchanging {@value #ROUNDS} messages, one round at a time: ping sends round
 * {@code i} through a one-shot, pong answers {@code i + 1} through another, and ping waits for
 * the answer before the next round (Tokio's {@code ping_pong}). Each message is a wake of a
 * suspended task, so this measures suspend, wake and resume; both sides check every answer.
 *
 * <ul>
 *   <li>{@code weft}: two spawned coroutines awaiting {@code dev.weft.sync.OneShot}s.</li>
 *   <li>{@code virtualThreads}: two virtual threads blocking in {@code CompletableFuture.join()}
 *       on the same one-shot pattern.</li>
 *   <li>{@code completableFuture}: no threads of their own: each side continues with
 *       {@code thenAcceptAsync} on a 2-thread {@code ForkJoinPool} when its one-shot completes.</li>
 *   <li>{@code kotlin}: two coroutines on {@code Dispatchers.Default} awaiting
 *       {@code CompletableDeferred}s.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PingPong extends PeerPools {
    static {
        Weave.ensure();
    }

    static final int ROUNDS = 1_000;

    @Benchmark
    @SuppressWarnings("unchecked")
    public long weft() {
        OneShot<Integer>[] toPong = new OneShot[ROUNDS];
        OneShot<Integer>[] toPing = new OneShot[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            toPong[i] = new OneShot<>();
            toPing[i] = new OneShot<>();
        }
        JoinHandle<Integer> pong = weft.spawn(PingPongTasks.pong(toPong, toPing));
        JoinHandle<Integer> ping = weft.spawn(PingPongTasks.ping(toPong, toPing));
        return Peers.check("rounds", 2 * ROUNDS, ping.join() + pong.join());
    }

    @Benchmark
    public long virtualThreads() throws Exception {
        CompletableFuture<Integer>[] toPong = oneShots();
        CompletableFuture<Integer>[] toPing = oneShots();
        Future<?> pong = virtualThreads.submit(() -> {
            for (int i = 0; i < ROUNDS; i++) {
                toPing[i].complete(toPong[i].join() + 1);
            }
        });
        Future<Integer> ping = virtualThreads.submit(() -> {
            for (int i = 0; i < ROUNDS; i++) {
                toPong[i].complete(i);
                int answer = toPing[i].join();
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
    public long completableFuture() {
        CompletableFuture<Integer>[] toPong = oneShots();
        CompletableFuture<Integer>[] toPing = oneShots();
        CompletableFuture<Integer> done = new CompletableFuture<>();
        pongFrom(0, toPong, toPing);
        pingFrom(0, toPong, toPing, done);
        return Peers.check("rounds", ROUNDS, done.join());
    }

    private void pingFrom(int i, CompletableFuture<Integer>[] toPong, CompletableFuture<Integer>[] toPing,
            CompletableFuture<Integer> done) {
        if (i == ROUNDS) {
            done.complete(ROUNDS);
            return;
        }
        toPing[i].thenAcceptAsync(answer -> {
            if (answer != i + 1) {
                done.completeExceptionally(new IllegalStateException("round " + i + " answered " + answer));
            } else {
                pingFrom(i + 1, toPong, toPing, done);
            }
        }, forkJoin);
        toPong[i].complete(i);
    }

    private void pongFrom(int i, CompletableFuture<Integer>[] toPong, CompletableFuture<Integer>[] toPing) {
        if (i == ROUNDS) {
            return;
        }
        toPong[i].thenAcceptAsync(round -> {
            toPing[i].complete(round + 1);
            pongFrom(i + 1, toPong, toPing);
        }, forkJoin);
    }

    @Benchmark
    public long kotlin() {
        return Peers.check("rounds", ROUNDS, SchedShapes.pingPong(ROUNDS));
    }

    @SuppressWarnings("unchecked")
    private static CompletableFuture<Integer>[] oneShots() {
        CompletableFuture<Integer>[] all = new CompletableFuture[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            all[i] = new CompletableFuture<>();
        }
        return all;
    }
}
