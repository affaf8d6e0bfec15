package dev.weft.bench.core;

import dev.weft.Executor;
import dev.weft.bench.VirtualThreads;
import dev.weft.bench.Weave;
import dev.weft.bench.kotlin.RoundTrips;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One suspend/resume round trip through a scheduler, per operation: a task that yields
 * {@value #N} times and resumes each time. That many, so that handing the task to the executor's
 * thread and joining it (tens of microseconds of thread wake-up here) adds under a nanosecond
 * per round trip.
 *
 * <ul>
 *   <li>{@code weft}: a coroutine awaiting {@code Async.yieldNow()} on {@code Executor.singleThreaded()}.
 *   <li>{@code kotlin}: {@code yield()} inside {@code runBlocking} (its single-threaded event loop).
 *   <li>{@code virtualThreads}: {@code Thread.yield()} in one virtual thread.
 *   <li>{@code completableFuture}: a {@code thenCompose} chain whose every stage hops through a
 *       single-threaded {@code ExecutorService}.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(RoundTrip.N)
public class RoundTrip {
    static final int N = 100_000;

    static {
        Weave.ensure();
    }

    private Executor single;
    private ExecutorService hop;

    @Setup(Level.Trial)
    public void start() {
        single = Executor.singleThreaded();
        hop = Executors.newSingleThreadExecutor();
    }

    @TearDown(Level.Trial)
    public void stop() {
        single.close();
        hop.shutdownNow();
    }

    @Benchmark
    public int weft() {
        return check(single.blockOn(RoundTripTasks.yieldTimes(N)));
    }

    @Benchmark
    public int kotlin() {
        return check(RoundTrips.yieldTimes(N));
    }

    @Benchmark
    public int virtualThreads() throws InterruptedException {
        AtomicInteger count = new AtomicInteger();
        Thread t = VirtualThreads.start(() -> {
            int c = 0;
            for (int i = 0; i < N; i++) {
                Thread.yield();
                c++;
            }
            count.set(c);
        });
        t.join();
        return check(count.get());
    }

    @Benchmark
    public int completableFuture() {
        return check(hops(0).join());
    }

    private CompletableFuture<Integer> hops(int done) {
        if (done == N) {
            return CompletableFuture.completedFuture(done);
        }
        return CompletableFuture.supplyAsync(() -> done + 1, hop).thenCompose(this::hops);
    }

    static int check(int count) {
        if (count != N) {
            throw new IllegalStateException("expected " + N + " round trips, counted " + count);
        }
        return count;
    }
}
