package dev.weft.bench.core;

import dev.weft.Async;
import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.bench.Weave;
import dev.weft.woven.Coroutine;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * A coroutine awaiting ten futures that are already ready, polled once to completion, beside the
 * same ten polls made by hand. The difference is the coroutine's cost when nothing suspends: its
 * frame allocation and the state-machine dispatch. The target is no allocation beyond the frame.
 *
 * <ul>
 *   <li>{@code weft}: polled through {@code Future.poll}, as a task or {@code blockOn} drives a
 *       coroutine; its output comes in a {@code Poll}, 16 bytes once per completed coroutine
 *       (not per await) on top of the frame.</li>
 *   <li>{@code weftAwaited}: stepped the way a parent coroutine's await drives it
 *       ({@code Coroutine.step}, which the woven {@code Await.poll} calls): the frame alone.</li>
 *   <li>{@code direct}: the ten polls by hand.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AwaitFastPath {
    static {
        Weave.ensure();
    }

    @SuppressWarnings("unchecked")
    private final Future<Integer>[] readies = new Future[10];
    private final Context cx = Context.of(() -> { });

    public AwaitFastPath() {
        for (int i = 0; i < readies.length; i++) {
            readies[i] = Async.ready(i);
        }
    }

    @Benchmark
    public Integer weft() {
        return AwaitFastPathTasks.sumOfTen(readies).poll(cx).value();
    }

    @Benchmark
    public Object weftAwaited() {
        return ((Coroutine<Integer>) AwaitFastPathTasks.sumOfTen(readies)).step(cx);
    }

    @Benchmark
    public Integer direct() {
        Future<Integer>[] f = readies;
        int sum = value(f[0]) + value(f[1]) + value(f[2]) + value(f[3]) + value(f[4]);
        sum += value(f[5]) + value(f[6]) + value(f[7]) + value(f[8]) + value(f[9]);
        return sum;
    }

    private int value(Future<Integer> f) {
        Poll<Integer> p = f.poll(cx);
        return p.value();
    }
}
