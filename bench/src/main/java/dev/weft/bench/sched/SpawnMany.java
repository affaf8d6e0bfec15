package dev.weft.bench.sched;

import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.bench.Weave;
import dev.weft.bench.kotlin.SchedShapes;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Spawning {@value #TASKS} trivial tasks from a thread outside the scheduler, then waiting until
 * all have run (Tokio's {@code spawn_many_remote}). Every task counts down one latch, which the
 * benchmark thread awaits. This is the cost of getting work into a pool from outside: creating the
 * task, the shared injection queue, and waking parked workers.
 *
 * <ul>
 *   <li>{@code weft}: {@code Executor.workStealing(2).spawn} of a one-poll future.</li>
 *   <li>{@code virtualThreads}: {@code newVirtualThreadPerTaskExecutor().execute}, one virtual
 *       thread per task.</li>
 *   <li>{@code forkJoin}: {@code ForkJoinPool.execute} on a pool of 2 threads.</li>
 *   <li>{@code kotlin}: {@code launch(Dispatchers.Default)} from {@code runBlocking}, which waits
 *       for its children (structured concurrency, as Kotlin recommends).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SpawnMany extends PeerPools {
    static {
        Weave.ensure();
    }

    static final int TASKS = 10_000;

    @Benchmark
    public long weft() {
        CountDownLatch done = new CountDownLatch(TASKS);
        for (int i = 0; i < TASKS; i++) {
            weft.spawn(countDown(done));
        }
        Peers.await(done);
        return done.getCount();
    }

    @Benchmark
    public long virtualThreads() {
        CountDownLatch done = new CountDownLatch(TASKS);
        for (int i = 0; i < TASKS; i++) {
            virtualThreads.execute(done::countDown);
        }
        Peers.await(done);
        return done.getCount();
    }

    @Benchmark
    public long forkJoin() {
        CountDownLatch done = new CountDownLatch(TASKS);
        for (int i = 0; i < TASKS; i++) {
            forkJoin.execute(done::countDown);
        }
        Peers.await(done);
        return done.getCount();
    }

    @Benchmark
    public long kotlin() {
        return Peers.check("kotlin tasks run", TASKS, SchedShapes.spawnMany(TASKS));
    }

    private static Future<Void> countDown(CountDownLatch done) {
        return cx -> {
            done.countDown();
            return Poll.ready(null);
        };
    }
}
