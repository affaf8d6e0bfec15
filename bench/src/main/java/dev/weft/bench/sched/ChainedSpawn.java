package dev.weft.bench.sched;

import dev.weft.Async;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.bench.Weave;
import dev.weft.bench.kotlin.SchedShapes;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * A chain of {@value #DEPTH} tasks, each spawning the next from inside the scheduler and then
 * finishing (Tokio's {@code chained_spawn}); the operation ends when the last one counts down a
 * latch. Only one task is ever runnable, so this is the latency of spawn-to-run on a worker: the
 * local queue, and whether an idle worker is woken (and steals) for work the spawner would run
 * next anyway.
 *
 * <ul>
 *   <li>{@code weft}: each task calls {@code Async.spawn} (the running task's executor).</li>
 *   <li>{@code virtualThreads}: each virtual thread submits the next to the per-task executor.</li>
 *   <li>{@code forkJoin}: each task {@code execute}s the next on the same 2-thread pool (from a
 *       worker, so into that worker's queue).</li>
 *   <li>{@code kotlin}: each coroutine {@code launch}es the next on {@code Dispatchers.Default}
 *       in {@code runBlocking}'s scope, which waits for them all.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ChainedSpawn extends PeerPools {
    static {
        Weave.ensure();
    }

    static final int DEPTH = 1_000;

    @Benchmark
    public long weft() {
        CountDownLatch done = new CountDownLatch(1);
        weft.spawn(new WeftLink(DEPTH, done));
        Peers.await(done);
        return done.getCount();
    }

    @Benchmark
    public long virtualThreads() {
        CountDownLatch done = new CountDownLatch(1);
        virtualThreads.execute(new PoolLink(virtualThreads, DEPTH, done));
        Peers.await(done);
        return done.getCount();
    }

    @Benchmark
    public long forkJoin() {
        CountDownLatch done = new CountDownLatch(1);
        forkJoin.execute(new PoolLink(forkJoin, DEPTH, done));
        Peers.await(done);
        return done.getCount();
    }

    @Benchmark
    public long kotlin() {
        return Peers.check("kotlin chain length", DEPTH, SchedShapes.chainedSpawn(DEPTH));
    }

    /** One link of the chain as a Weft future: spawns the rest, or ends the chain. */
    private record WeftLink(int remaining, CountDownLatch done) implements Future<Void> {
        @Override
        public Poll<Void> poll(dev.weft.Context cx) {
            if (remaining == 1) {
                done.countDown();
            } else {
                Async.spawn(new WeftLink(remaining - 1, done));
            }
            return Poll.ready(null);
        }
    }

    /** One link of the chain as a Runnable for a thread pool. */
    private record PoolLink(java.util.concurrent.Executor pool, int remaining, CountDownLatch done) implements Runnable {
        @Override
        public void run() {
            if (remaining == 1) {
                done.countDown();
            } else {
                pool.execute(new PoolLink(pool, remaining - 1, done));
            }
        }
    }
}
