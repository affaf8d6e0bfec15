package dev.weft.bench.streams;

import dev.weft.bench.Weave;
import dev.weft.bench.kotlin.Sequences;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Summing 0..n-1 produced lazily, one boxed element at a time: a woven {@code Generator} (one
 * frame suspended and resumed per element), a hand-written {@code Iterator} (the floor), and
 * Kotlin's {@code sequence {}} (a suspend lambda resumed per element). Each checks its sum.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GeneratorSum {
    static {
        Weave.ensure();
    }

    @Param("1000")
    public int n;

    @Benchmark
    public long weft() {
        long sum = 0;
        for (int x : GeneratorTasks.range(n)) {
            sum += x;
        }
        return check(sum);
    }

    @Benchmark
    public long iterator() {
        long sum = 0;
        for (Iterator<Integer> it = new Range(n); it.hasNext(); ) {
            sum += it.next();
        }
        return check(sum);
    }

    @Benchmark
    public long kotlinSequence() {
        return check(Sequences.sequenceSum(n));
    }

    private long check(long sum) {
        if (sum != (long) n * (n - 1) / 2) {
            throw new AssertionError("sum " + sum);
        }
        return sum;
    }

    /** The hand-written iterator the generator replaces. */
    private static final class Range implements Iterator<Integer> {
        private final int n;
        private int i;

        Range(int n) {
            this.n = n;
        }

        @Override
        public boolean hasNext() {
            return i < n;
        }

        @Override
        public Integer next() {
            if (i >= n) {
                throw new NoSuchElementException();
            }
            return i++;
        }
    }
}
