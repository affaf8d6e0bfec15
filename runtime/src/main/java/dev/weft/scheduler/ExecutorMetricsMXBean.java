package dev.weft.scheduler;

/**
 * One executor's counters, as JMX shows them under {@code dev.weft:type=Executor,name=<name>}.
 * Counts are since the executor started; each is summed from its threads' own counters when read,
 * so a read is not a snapshot of one instant and may lag the threads by a little.
 */
public interface ExecutorMetricsMXBean {
    /** Tasks spawned and not yet completed or cancelled. */
    int getLiveTasks();

    /** Polls of tasks by the executor's threads (a cancelled task's unwinding counts as one). */
    long getPolls();

    /** Wakes that queued a task: from the executor's own threads plus from any other thread. */
    long getWakes();

    /** Wakes from threads that are not the executor's (the reactor, another executor, a caller). */
    long getWakesFromOutside();

    /** Times a worker took half of another worker's queue (always 0 on a single-threaded executor). */
    long getSteals();

    /** Times a thread parked for lack of work. */
    long getParks();

    /** Entries in each thread's own run queue. */
    int[] getLocalQueueDepths();

    /** Entries in the shared queue that outside wakes and spawns go through. */
    int getInjectedQueueDepth();
}
