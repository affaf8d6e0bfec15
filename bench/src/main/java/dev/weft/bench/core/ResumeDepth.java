package dev.weft.bench.core;

import dev.weft.Executor;
import dev.weft.bench.Weave;
import dev.weft.bench.kotlin.RoundTrips;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of one wake-and-resume of a task suspended under {@code depth} nested coroutines.
 *
 * <p>A wake polls the task, as in Rust, and the task's coroutine resumes the innermost coroutine of
 * the chain directly; the levels above run only when the one below them finishes (see
 * {@code Coroutine}). Kotlin resumes the innermost continuation directly too. Both should cost the
 * same at every depth. Each operation is one of {@value #YIELDS} yields of the innermost
 * coroutine, so building the chain and handing the task to the executor's thread are amortised
 * away.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(ResumeDepth.YIELDS)
public class ResumeDepth {
    static final int YIELDS = 10_000;

    static {
        Weave.ensure();
    }

    @Param({"1", "10", "100"})
    public int depth;

    private Executor single;

    @Setup(Level.Trial)
    public void start() {
        single = Executor.singleThreaded();
    }

    @TearDown(Level.Trial)
    public void stop() {
        single.close();
    }

    @Benchmark
    public int weft() {
        return check(single.blockOn(RoundTripTasks.nested(depth, YIELDS)));
    }

    @Benchmark
    public int kotlin() {
        return check(RoundTrips.nestedYields(depth, YIELDS));
    }

    private int check(int result) {
        int expected = YIELDS + depth - 1;
        if (result != expected) {
            throw new IllegalStateException("expected " + expected + ", got " + result);
        }
        return result;
    }
}
