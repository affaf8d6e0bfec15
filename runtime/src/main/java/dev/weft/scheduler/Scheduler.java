package dev.weft.scheduler;

/**
 * Where a task's queue entries go: an executor's run queues. The task's state word grants at most
 * one entry at a time, so each call here is for a task no queue holds.
 */
interface Scheduler {
    /**
     * Queues {@code task}, which was just woken (or spawned). An executor may run it soon, ahead of
     * older work, since whatever woke it has probably just produced what it waits for.
     */
    void schedule(Task<?> task);

    /**
     * Queues {@code task} after it was woken during its own poll (it yielded, or keeps waking
     * itself). It goes behind the work already queued, so a task that always wakes itself cannot
     * starve the others.
     */
    default void reschedule(Task<?> task) {
        schedule(task);
    }

    /** Called once when {@code task} completes or is cancelled, so the executor can forget it. */
    default void released(Task<?> task) {}
}
