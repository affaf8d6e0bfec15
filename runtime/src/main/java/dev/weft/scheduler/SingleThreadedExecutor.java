package dev.weft.scheduler;

import dev.weft.Executor;
import dev.weft.Future;
import dev.weft.JoinHandle;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One thread and tasks that re-queue themselves when woken. The thread starts with the first
 * spawn and ends at {@link #close()}.
 *
 * <p>Two ready queues: a wake on the executor's own thread (a task yielding, or waking a
 * neighbour, the common case) appends to a plain deque with no lock and no allocation; a wake from
 * any other thread goes through a concurrent injection queue, which the loop drains when its deque
 * runs dry and every {@value #DRAIN_EVERY} tasks, so outside wakes are never starved.
 *
 * <pre>
 * loop state  event                                  next
 * ----------  -------------------------------------  -------
 * RUNNING     both queues empty                      PARKING (parked = true, then re-check)
 * PARKING     injection queue non-empty or closed    RUNNING
 * PARKING     still empty                            PARKED
 * PARKED      unpark (outside wake sees parked)      RUNNING
 * any         closed                                 exits
 * </pre>
 *
 * An outside waker writes the injection queue and then reads {@code parked}; the loop writes
 * {@code parked} and then reads the queue. Both are volatile, so one of them sees the other: no
 * wake is lost.
 */
public final class SingleThreadedExecutor implements Executor, Scheduler, ObservedExecutor {
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final int DRAIN_EVERY = 64;

    private final ArrayDeque<Task<?>> local = new ArrayDeque<>(); // the executor's thread only
    private final ConcurrentLinkedQueue<Task<?>> injected = new ConcurrentLinkedQueue<>();
    private final LiveTasks live = new LiveTasks(this, this); // forgets each task when it completes or is cancelled
    private final ExecutorMetrics metrics = new ExecutorMetrics(this);
    private final String name;
    private volatile ExecutorThread thread;
    private volatile boolean parked;
    private volatile boolean closed;

    public SingleThreadedExecutor(String name) {
        this.name = name + "-" + COUNT.incrementAndGet();
    }

    @Override
    public <T> JoinHandle<T> spawn(Future<T> future) {
        LiveTasks.Shard shard = live.shard(ThreadLocalRandom.current().nextInt());
        Task<T> task = Task.of(future, shard);
        startIfNeeded();
        if (!shard.add(task)) {
            throw new IllegalStateException("executor " + name + " is closed");
        }
        schedule(task);
        return task;
    }

    @Override
    public <T> T blockOn(Future<T> future) {
        if (Thread.currentThread() == thread) {
            throw new IllegalStateException("blockOn called from the executor's own thread would deadlock; await instead");
        }
        return spawn(future).join();
    }

    @Override
    public void schedule(Task<?> task) {
        if (closed) {
            task.abandon();
            return;
        }
        ExecutorThread t = thread;
        if (Thread.currentThread() == t) {
            t.wakes++;
            local.addLast(task);
            return;
        }
        metrics.wokenFromOutside();
        injected.add(task);
        if (parked) {
            LockSupport.unpark(t);
        }
    }

    private synchronized void startIfNeeded() {
        if (closed) {
            throw new IllegalStateException("executor " + name + " is closed");
        }
        if (thread == null) {
            ExecutorThread t = new ExecutorThread(this::runLoop, name);
            thread = t;
            t.start();
            LiveExecutors.started(this);
        }
    }

    private void runLoop() {
        ExecutorThread self = (ExecutorThread) Thread.currentThread();
        CurrentExecutor.set(this);
        try {
            int sinceDrain = 0;
            while (!closed) {
                if (local.isEmpty() || ++sinceDrain >= DRAIN_EVERY) {
                    drainInjected();
                    sinceDrain = 0;
                }
                Task<?> task = local.pollFirst();
                if (task == null) {
                    park();
                    continue;
                }
                self.runTask(task);
            }
        } finally {
            CurrentExecutor.set(null);
        }
    }

    private void drainInjected() {
        for (Task<?> t; (t = injected.poll()) != null; ) {
            local.addLast(t);
        }
    }

    private void park() {
        parked = true;
        if (injected.isEmpty() && !closed) {
            thread.parks++;
            LockSupport.park(this);
            Thread.interrupted(); // an interrupt must not turn the park into a busy loop
        }
        parked = false;
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            t = thread;
        }
        if (t != null) {
            LockSupport.unpark(t);
            if (t != Thread.currentThread()) {
                UninterruptibleJoin.join(t);
            }
        }
        for (Task<?> task : live.close()) {
            task.abandon();
        }
        injected.clear();
        if (t == null || t != Thread.currentThread()) {
            local.clear();
        }
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
    public List<ExecutorThread> threads() {
        ExecutorThread t = thread;
        return t == null ? List.of() : List.of(t);
    }

    /** The deque is the executor thread's own; its size is read racily, as a gauge. */
    @Override
    public int[] localQueueDepths() {
        return thread == null ? new int[0] : new int[] {local.size()};
    }

    @Override
    public int injectedQueueDepth() {
        return injected.size();
    }

    @Override
    public String toString() {
        return "SingleThreadedExecutor[" + name + "]";
    }
}
