package dev.weft.bench.core;

import dev.weft.Async;
import dev.weft.bench.VirtualThreads;
import dev.weft.bench.Weave;
import dev.weft.bench.kotlin.Spawning;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Spawning {@value #TASKS} trivial tasks from outside any executor and waiting until all ran.
 *
 * <ul>
 *   <li>{@code weft}: {@code Async.spawn} onto the default work-stealing executor (one worker per core).
 *   <li>{@code virtualThreads}: {@code Executors.newVirtualThreadPerTaskExecutor()}, closed at the end.
 *   <li>{@code kotlin}: {@code launch(Dispatchers.Default)} from {@code runBlocking}.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SpawnThroughput {
    static final int TASKS = 100_000;

    static {
        Weave.ensure();
    }

    @Benchmark
    public long weft() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(TASKS);
        LongAdder ran = new LongAdder();
        for (int i = 0; i < TASKS; i++) {
            Async.spawn(SpawnTasks.trivial(ran, done));
        }
        done.await();
        return check(ran.sum());
    }

    @Benchmark
    public long virtualThreads() throws InterruptedException {
        LongAdder ran = new LongAdder();
        ExecutorService vts = VirtualThreads.perTaskExecutor();
        for (int i = 0; i < TASKS; i++) {
            vts.execute(ran::increment);
        }
        // What ExecutorService.close() does on JDK 19+, spelled out for --release 17.
        vts.shutdown();
        vts.awaitTermination(1, TimeUnit.DAYS);
        return check(ran.sum());
    }

    @Benchmark
    public long kotlin() {
        return check(Spawning.launchMany(TASKS));
    }

    private static long check(long ran) {
        if (ran != TASKS) {
            throw new IllegalStateException("expected " + TASKS + " tasks to run, counted " + ran);
        }
        return ran;
    }
}
