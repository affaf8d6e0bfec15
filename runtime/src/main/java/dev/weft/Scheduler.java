package dev.weft;

/** Where a woken task goes: an executor's run queue. */
interface Scheduler {
    /** Queues {@code task} to be run; called once per queue entry the task's state word grants. */
    void schedule(Task<?> task);
}
