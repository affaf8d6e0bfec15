package dev.weft.scheduler;

import java.lang.ref.Cleaner;

/**
 * A task failure nobody has read yet. If the task's handle becomes unreachable first, the failure
 * could never be read, so it is logged with its stack (as Python's asyncio logs "Task exception
 * was never retrieved"). Only failed tasks are watched, so a task that succeeds pays nothing.
 *
 * <pre>
 * state        event                             next         effect
 * ----------   -------------------------------   ----------   ----------------------------
 * watched      the outcome is read               observed     deregistered from the cleaner
 * watched      the handle became unreachable     reported     logged at WARNING with the stack
 * </pre>
 */
final class UnobservedFailure implements Runnable {
    static final String LOGGER = "dev.weft.scheduler.UnobservedFailure";

    /** Created at the first failure, so a program whose tasks never fail starts no cleaner thread. */
    private static final class Shared {
        static final Cleaner CLEANER = Cleaner.create();
        static final System.Logger LOG = System.getLogger(LOGGER);
    }

    private final String task;
    private final Throwable failure;
    private volatile boolean observed;
    private Cleaner.Cleanable cleanable;

    private UnobservedFailure(String task, Throwable failure) {
        this.task = task;
        this.failure = failure;
    }

    /** Starts watching {@code handle}; the action refers to the failure, never to the handle. */
    static UnobservedFailure watch(Object handle, String taskName, Throwable failure) {
        UnobservedFailure u = new UnobservedFailure(taskName == null ? "an unnamed task" : "task '" + taskName + "'", failure);
        u.cleanable = Shared.CLEANER.register(handle, u);
        return u;
    }

    void observed() {
        observed = true;
        cleanable.clean();
    }

    @Override
    public void run() {
        if (!observed) {
            Shared.LOG.log(System.Logger.Level.WARNING,
                    "Weft: " + task + " failed and its handle was dropped without anyone reading the failure", failure);
        }
    }
}
