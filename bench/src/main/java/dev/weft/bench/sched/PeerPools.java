package dev.weft.bench.sched;

import dev.weft.Executor;
import dev.weft.bench.VirtualThreads;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The executors the scheduler and channel benchmarks share, one set per trial: Weft's
 * work-stealing executor, a virtual-thread-per-task executor (only on JDK 21+, so the Weft side
 * still runs on 17) and a FIFO {@link ForkJoinPool}, all {@value Peers#THREADS} threads wide.
 */
@State(Scope.Benchmark)
public abstract class PeerPools {
    protected Executor weft;
    protected ExecutorService virtualThreads;
    protected ForkJoinPool forkJoin;

    @Setup(Level.Trial)
    public void startPools() {
        weft = Executor.workStealing(Peers.THREADS);
        virtualThreads = VirtualThreads.isAvailable() ? VirtualThreads.perTaskExecutor() : null;
        forkJoin = Peers.forkJoinPool();
    }

    @TearDown(Level.Trial)
    public void stopPools() {
        weft.close();
        if (virtualThreads != null) {
            Peers.close(virtualThreads);
        }
        Peers.close(forkJoin);
    }
}
