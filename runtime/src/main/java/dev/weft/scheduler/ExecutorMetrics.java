package dev.weft.scheduler;

import java.util.concurrent.atomic.LongAdder;

/**
 * The counters behind {@link ExecutorMetricsMXBean}. Each executor thread counts its own polls,
 * wakes, steals and parks in plain fields only it writes ({@link ExecutorThread}); reading sums them
 * racily. Only wakes from other threads, which have no field of their own here, share an adder.
 */
final class ExecutorMetrics implements ExecutorMetricsMXBean {
    private final ObservedExecutor executor;
    private final LongAdder wakesFromOutside = new LongAdder();

    ExecutorMetrics(ObservedExecutor executor) {
        this.executor = executor;
    }

    /** A wake from a thread that is not one of the executor's. */
    void wokenFromOutside() {
        wakesFromOutside.increment();
    }

    @Override
    public int getLiveTasks() {
        return executor.liveTasks().size();
    }

    @Override
    public long getPolls() {
        long n = 0;
        for (ExecutorThread t : executor.threads()) {
            n += t.polls;
        }
        return n;
    }

    @Override
    public long getWakes() {
        long n = wakesFromOutside.sum();
        for (ExecutorThread t : executor.threads()) {
            n += t.wakes;
        }
        return n;
    }

    @Override
    public long getWakesFromOutside() {
        return wakesFromOutside.sum();
    }

    @Override
    public long getSteals() {
        long n = 0;
        for (ExecutorThread t : executor.threads()) {
            n += t.steals;
        }
        return n;
    }

    @Override
    public long getParks() {
        long n = 0;
        for (ExecutorThread t : executor.threads()) {
            n += t.parks;
        }
        return n;
    }

    @Override
    public int[] getLocalQueueDepths() {
        return executor.localQueueDepths();
    }

    @Override
    public int getInjectedQueueDepth() {
        return executor.injectedQueueDepth();
    }
}
