package dev.weft.scheduler;

import dev.weft.Executor;
import dev.weft.Future;
import dev.weft.JoinHandle;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed set of {@link Worker} threads, each with its own run queue, sharing one injection queue
 * for work that arrives from other threads. Idle workers steal from busy ones; see
 * {@link IdleWorkers} for how they sleep without missing work.
 *
 * <pre>
 * state     event                   next      effect
 * -------   ---------------------   -------   ---------------------------------------------------
 * open      spawn / wake            open      queued: on the calling worker, else the injection queue
 * open      close()                 closed    spawn refused; workers stop after their current poll;
 *                                             every task still registered is cancelled
 * closed    wake / cancel           closed    the task is cancelled on the caller instead of queued
 * </pre>
 */
public final class WorkStealingExecutor implements Executor, Scheduler, ObservedExecutor {
    private static final AtomicInteger COUNT = new AtomicInteger();

    final Worker[] workers;
    final IdleWorkers idle;
    final ConcurrentLinkedQueue<Task<?>> injection = new ConcurrentLinkedQueue<>();
    private final LiveTasks live = new LiveTasks(this, this);
    private final ExecutorMetrics metrics = new ExecutorMetrics(this);
    private final String name;
    private volatile boolean shuttingDown;

    public WorkStealingExecutor(int threads, String name) {
        if (threads < 1) {
            throw new IllegalArgumentException("a work-stealing executor needs at least one thread, got " + threads);
        }
        this.name = name + "-" + COUNT.incrementAndGet();
        this.idle = new IdleWorkers(threads);
        this.workers = new Worker[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Worker(this, i, this.name + "-worker-" + i);
        }
        for (Worker w : workers) {
            w.start();
        }
        LiveExecutors.started(this);
    }

    @Override
    public <T> JoinHandle<T> spawn(Future<T> future) {
        Worker w = currentWorker();
        LiveTasks.Shard shard = live.shard(w != null ? w.index : ThreadLocalRandom.current().nextInt());
        Task<T> task = Task.of(future, shard);
        if (!shard.add(task)) {
            throw new IllegalStateException("executor " + name + " is closed");
        }
        if (w != null) {
            w.pushLocal(task);
        } else {
            inject(task);
        }
        return task;
    }

    @Override
    public <T> T blockOn(Future<T> future) {
        if (currentWorker() != null) {
            throw new IllegalStateException("blockOn called from a worker of " + name + " would block it; await instead");
        }
        return spawn(future).join();
    }

    @Override
    public void schedule(Task<?> task) {
        Worker w = currentWorker();
        if (w != null) {
            w.wakes++;
            w.scheduleWoken(task);
        } else {
            metrics.wokenFromOutside();
            inject(task);
        }
    }

    @Override
    public void reschedule(Task<?> task) {
        Worker w = currentWorker();
        if (w != null) {
            w.pushLocal(task);
        } else {
            inject(task);
        }
    }

    private void inject(Task<?> task) {
        if (shuttingDown) {
            task.abandon();
            return;
        }
        injection.add(task);
        idle.notifyWork();
    }

    /** The current thread if it is one of this executor's workers, else null. */
    private Worker currentWorker() {
        return Thread.currentThread() instanceof Worker w && w.executor == this ? w : null;
    }

    boolean isShuttingDown() {
        return shuttingDown;
    }

    /** Whether any queue another worker could take from holds an entry (LIFO slots are private). */
    boolean hasQueuedWork() {
        if (!injection.isEmpty()) {
            return true;
        }
        for (Worker w : workers) {
            if (w.hasStealableWork()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (shuttingDown) {
                return;
            }
            shuttingDown = true;
        }
        for (Worker w : workers) {
            w.unpark();
        }
        Worker self = currentWorker();
        for (Worker w : workers) {
            if (w != self) {
                UninterruptibleJoin.join(w);
            }
        }
        // Workers are gone (or, for a close from inside a task, will stop after this poll): what is
        // still registered never completed.
        List<Task<?>> unfinished = live.close();
        for (Task<?> task : unfinished) {
            task.abandon();
        }
        injection.clear();
        LiveExecutors.closed(this);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public LiveTasks liveTasks() {
        return live;
    }

    @Override
    public ExecutorMetrics metrics() {
        return metrics;
    }

    @Override
    public List<Worker> threads() {
        return Arrays.asList(workers);
    }

    @Override
    public int[] localQueueDepths() {
        int[] depths = new int[workers.length];
        for (int i = 0; i < depths.length; i++) {
            depths[i] = workers[i].queue.size();
        }
        return depths;
    }

    @Override
    public int injectedQueueDepth() {
        return injection.size();
    }

    @Override
    public String toString() {
        return "WorkStealingExecutor[" + name + ", " + workers.length + " workers]";
    }
}
