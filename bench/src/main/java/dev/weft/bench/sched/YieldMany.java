package dev.weft.bench.sched;

import dev.weft.JoinHandle;
import dev.weft.bench.Weave;
import dev.weft.bench.kotlin.SchedShapes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
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
 * {@value #TASKS} tasks, each yielding {@value #YIELDS} times before it finishes (Tokio's
 * {@code yield_many}): 200,000 trips through the run queues with every task always runnable.
 * This is the cost of suspending and re-queuing a task behind the others, the scheduler's hot
 * path under load. Each task reports how many yields it made and the benchmark checks the total.
 *
 * <ul>
 *   <li>{@code weft}: spawned coroutines awaiting {@code Async.yieldNow()} in a loop.</li>
 *   <li>{@code virtualThreads}: one virtual thread per task calling {@code Thread.yield()}, which
 *       unmounts it and puts it at the back of the scheduler's queue.</li>
 *   <li>{@code forkJoin}: a {@code Runnable} that does one step and re-submits itself to a FIFO
 *       2-thread {@code ForkJoinPool}, the hand-written continuation a callback style needs.</li>
 *   <li>{@code kotlin}: coroutines on {@code Dispatchers.Default} calling {@code yield()}.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class YieldMany extends PeerPools {
    static {
        Weave.ensure();
    }

    static final int TASKS = 200;
    static final int YIELDS = 1_000;

    @Benchmark
    public long weft() {
        List<JoinHandle<Integer>> tasks = new ArrayList<>(TASKS);
        for (int i = 0; i < TASKS; i++) {
            tasks.add(weft.spawn(YieldManyTasks.yielder(YIELDS)));
        }
        long total = 0;
        for (JoinHandle<Integer> t : tasks) {
            total += t.join();
        }
        return Peers.check("yields", (long) TASKS * YIELDS, total);
    }

    @Benchmark
    public long virtualThreads() throws Exception {
        List<Future<Integer>> tasks = new ArrayList<>(TASKS);
        for (int i = 0; i < TASKS; i++) {
            tasks.add(virtualThreads.submit(() -> {
                int yielded = 0;
                for (int y = 0; y < YIELDS; y++) {
                    Thread.yield();
                    yielded++;
                }
                return yielded;
            }));
        }
        long total = 0;
        for (Future<Integer> t : tasks) {
            total += t.get();
        }
        return Peers.check("yields", (long) TASKS * YIELDS, total);
    }

    @Benchmark
    public long forkJoin() {
        CountDownLatch done = new CountDownLatch(TASKS);
        Yielder[] tasks = new Yielder[TASKS];
        for (int i = 0; i < TASKS; i++) {
            tasks[i] = new Yielder(forkJoin, done);
            forkJoin.execute(tasks[i]);
        }
        Peers.await(done);
        long total = 0;
        for (Yielder t : tasks) {
            total += t.yielded;
        }
        return Peers.check("yields", (long) TASKS * YIELDS, total);
    }

    @Benchmark
    public long kotlin() {
        return Peers.check("yields", (long) TASKS * YIELDS, SchedShapes.yieldMany(TASKS, YIELDS));
    }

    /** A task as an explicit continuation: each run is one step, then it queues itself again. */
    private static final class Yielder implements Runnable {
        private final ForkJoinPool pool;
        private final CountDownLatch done;
        int yielded; // written by one run at a time; the pool's queue orders the runs

        Yielder(ForkJoinPool pool, CountDownLatch done) {
            this.pool = pool;
            this.done = done;
        }

        @Override
        public void run() {
            if (yielded == YIELDS) {
                done.countDown();
                return;
            }
            yielded++;
            pool.execute(this);
        }
    }
}
