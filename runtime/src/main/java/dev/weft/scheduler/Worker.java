package dev.weft.scheduler;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * One thread of a {@link WorkStealingExecutor}: its run queue, its LIFO slot, and the loop that
 * finds the next task.
 *
 * <p>Where the next task comes from, in order: the LIFO slot (the task the previous poll woke; its
 * data is still in cache), the global injection queue every {@link #INJECTION_INTERVAL} tasks (so
 * work from outside is not starved by a busy local queue), the local queue, the injection queue,
 * then the other workers' queues (stealing half of one). With nothing anywhere it parks.
 *
 * <p>The budget: a chain of tasks that keep waking each other through the LIFO slot runs at most
 * {@link #LIFO_BUDGET} polls in a row; the next one goes to the back of the local queue, behind
 * the tasks already waiting. A task woken during its own poll is always queued at the back.
 *
 * <p>Waking idle workers: a task woken on this worker that pushes the LIFO slot's previous
 * occupant into the queue does not wake an idle worker at once; one notification goes out when
 * the poll that woke it returns. A poll that wakes several tasks in a row (a consumer draining a
 * channel that several producers wait on) then costs one unpark instead of one per wake, and the
 * tasks are stealable the whole time, so nothing waits longer than the end of that poll. A push
 * onto a queue that already held entries notifies nobody (as {@code ForkJoinPool} does): the push
 * that made it non-empty did, and this worker runs its own queue before it ever parks, so such an
 * entry can wait for parallelism but never be stranded.
 */
final class Worker extends ExecutorThread {
    static final int LIFO_BUDGET = 3;
    static final int INJECTION_INTERVAL = 61; // prime, so it does not beat with other periods
    private static final int INJECTION_BATCH = 32;

    final WorkStealingExecutor executor;
    final int index;
    final LocalQueue queue = new LocalQueue();
    /** Whether IdleWorkers counts this worker as searching; only this thread reads or writes it. */
    boolean searching;

    private final AtomicBoolean unparked = new AtomicBoolean();
    private Task<?> lifo;
    private boolean notifyAfterPoll;
    private int untilInjection = INJECTION_INTERVAL;
    private int randomSeed;

    Worker(WorkStealingExecutor executor, int index, String name) {
        super(name);
        this.executor = executor;
        this.index = index;
        this.randomSeed = index * 0x9E3779B9 + 1;
    }

    @Override
    public void run() {
        CurrentExecutor.set(executor);
        try {
            while (!executor.isShuttingDown()) {
                Task<?> task = nextTask();
                if (task == null) {
                    task = search();
                }
                if (task != null) {
                    runWithLifo(task);
                } else {
                    parkUntilWork();
                }
            }
        } finally {
            lifo = null;
            CurrentExecutor.set(null);
        }
    }

    /**
     * A task woken on this worker: into the LIFO slot; whatever held the slot moves to the queue,
     * and idle workers hear of it when the current poll returns ({@link #notifyIfPushed}).
     */
    void scheduleWoken(Task<?> task) {
        Task<?> previous = lifo;
        lifo = task;
        if (previous != null && push(previous)) {
            notifyAfterPoll = true;
        }
    }

    /** A spawned or yielding task: the back of the local queue. */
    void pushLocal(Task<?> task) {
        if (push(task)) {
            executor.idle.notifyWork();
        }
    }

    /** Queues {@code task}; answers whether idle workers need to hear of it (see the class comment). */
    private boolean push(Task<?> task) {
        boolean wasEmpty = queue.isEmpty();
        boolean overflowed = queue.push(task, executor.injection);
        return wasEmpty || overflowed;
    }

    private Task<?> nextTask() {
        if (--untilInjection == 0) {
            untilInjection = INJECTION_INTERVAL;
            Task<?> t = executor.injection.poll();
            if (t != null) {
                return t;
            }
        }
        Task<?> t = queue.pop();
        if (t != null) {
            return t;
        }
        return takeFromInjection();
    }

    /** One task to run now, plus a batch into the local queue so other workers can steal from it. */
    private Task<?> takeFromInjection() {
        Task<?> first = executor.injection.poll();
        if (first == null) {
            return null;
        }
        for (int i = 0; i < INJECTION_BATCH && queue.size() < LocalQueue.CAPACITY / 2; i++) {
            Task<?> t = executor.injection.poll();
            if (t == null) {
                break;
            }
            queue.push(t, executor.injection);
        }
        return first;
    }

    private void runWithLifo(Task<?> task) {
        executor.idle.stopSearching(this);
        runTask(task);
        notifyIfPushed();
        // Tasks woken by that poll landed in the LIFO slot; run them now, within the budget.
        for (int budget = LIFO_BUDGET; ; budget--) {
            Task<?> next = lifo;
            if (next == null) {
                return;
            }
            lifo = null;
            if (budget == 0 || executor.isShuttingDown()) {
                pushLocal(next);
                return;
            }
            runTask(next);
            notifyIfPushed();
        }
    }

    /** After each poll: tells idle workers about tasks {@link #scheduleWoken} moved into the queue. */
    private void notifyIfPushed() {
        if (notifyAfterPoll) {
            notifyAfterPoll = false;
            executor.idle.notifyWork();
        }
    }

    private Task<?> search() {
        if (!searching && !executor.idle.startSearching(this)) {
            return null; // enough workers are searching already; they will find it
        }
        return stealOrInject();
    }

    private Task<?> stealOrInject() {
        Worker[] all = executor.workers;
        int n = all.length;
        int start = nextRandom() % n;
        for (int i = 0; i < n; i++) {
            Worker victim = all[(start + i) % n];
            if (victim == this) {
                continue;
            }
            Task<?> t = victim.queue.stealHalfInto(queue);
            if (t != null) {
                steals++;
                return t;
            }
        }
        return takeFromInjection();
    }

    private void parkUntilWork() {
        IdleWorkers idle = executor.idle;
        if (idle.park(this) && executor.hasQueuedWork()) {
            // Nobody searches and work arrived meanwhile: nobody else will look for it.
            if (idle.unparkSelf(this)) {
                return; // searching again, the loop will find it
            }
        }
        while (!unparked.compareAndSet(true, false)) {
            if (executor.isShuttingDown()) {
                return;
            }
            parks++;
            LockSupport.park(this);
        }
        if (!executor.isShuttingDown()) {
            idle.woken(this);
        }
    }

    /** Wakes this worker from {@link #parkUntilWork}; the flag makes a wake before the park count. */
    void unpark() {
        unparked.set(true);
        LockSupport.unpark(this);
    }

    boolean hasStealableWork() {
        return !queue.isEmpty();
    }

    private int nextRandom() {
        int x = randomSeed; // xorshift: cheap, and no shared state between workers
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        randomSeed = x;
        return x & Integer.MAX_VALUE;
    }
}
