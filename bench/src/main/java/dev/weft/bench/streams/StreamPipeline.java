package dev.weft.bench.streams;

import dev.weft.Async;
import dev.weft.bench.Weave;
import dev.weft.bench.kotlin.Sequences;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * A cold pipeline: a producer emitting 0..n-1, then map (x3), filter (even), collect to a list,
 * driven to the end on the calling thread: a woven {@code AsyncStream} with {@code Async.blockOn}
 * beside Kotlin's {@code Flow} with {@code runBlocking}. Nothing waits, so both measure the
 * machinery per element: a resumed producer, two operator stages, a list append.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StreamPipeline {
    static {
        Weave.ensure();
    }

    @Param("1000")
    public int n;

    @Benchmark
    public long weft() {
        List<Integer> out = Async.blockOn(GeneratorTasks.rangeStream(n).map(x -> x * 3).filter(x -> x % 2 == 0).toList());
        long sum = 0;
        for (int x : out) {
            sum += x;
        }
        return check(sum);
    }

    @Benchmark
    public long kotlinFlow() {
        return check(Sequences.flowPipelineSum(n));
    }

    /** The sum of 3i over the even i below n. */
    private long check(long sum) {
        long evens = (n + 1) / 2; // 0, 2, .., the largest even below n
        long expected = 3 * 2 * (evens - 1) * evens / 2;
        if (sum != expected) {
            throw new AssertionError("sum " + sum + ", expected " + expected);
        }
        return sum;
    }
}
