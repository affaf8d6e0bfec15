package dev.weft.scheduler;

/**
 * A thread an executor runs its tasks on, knowing which task it is polling, so that a call that
 * would block it ({@code Async.blockOn}, {@code JoinHandle.join()}) fails at once, naming the
 * task, instead of parking an executor's thread: on a one-thread executor that is a deadlock, since
 * what the call waits for needs that thread; on a work-stealing one it takes a worker from every
 * other task until it returns.
 */
public class ExecutorThread extends Thread {
    /** The task this thread is polling, or null. */
    Task<?> polling;
    /** Whether {@link #polling} woke itself during this poll, on this thread (see {@link Task}). */
    boolean selfWoken;
    // Counters for ExecutorMetrics: written only by this thread, read racily by JMX.
    long polls;
    long wakes;
    long steals;
    long parks;

    ExecutorThread(Runnable loop, String name) {
        super(loop, name);
        setDaemon(true);
    }

    ExecutorThread(String name) {
        super(name);
        setDaemon(true);
    }

    /** Polls {@code task} once, as the task this thread is running. */
    final void runTask(Task<?> task) {
        polling = task;
        selfWoken = false;
        polls++;
        SlowPollEvent timing = TaskEvents.pollBegins();
        try {
            task.run();
        } finally {
            polling = null;
            TaskEvents.pollEnded(task, timing);
        }
    }

    /** The task this thread is polling, or null: when the calling thread is an executor's, inside a poll. */
    static Task<?> currentTask() {
        return Thread.currentThread() instanceof ExecutorThread t ? t.polling : null;
    }

    /**
     * The poll of {@code task} returned Pending: from here on a wake is an ordinary wake, and an
     * abandon unwinds the task at once (see {@link Task#abandon}). Answers whether the task woke
     * itself during the poll.
     */
    final boolean endPoll(Task<?> task) {
        if (polling != task) {
            return false;
        }
        polling = null;
        boolean woken = selfWoken;
        selfWoken = false;
        return woken;
    }

    /**
     * Throws if the calling thread is an executor's, polling a task; {@code call} names the
     * blocking call in the message.
     *
     * @throws IllegalStateException inside a task
     */
    static void refuseBlocking(String call) {
        if (Thread.currentThread() instanceof ExecutorThread t && t.polling != null) {
            throw new IllegalStateException(call + " inside " + t.polling + " would block " + t.getName()
                    + ", a thread of its executor (forever, if it is the only one); await the future instead");
        }
    }
}
