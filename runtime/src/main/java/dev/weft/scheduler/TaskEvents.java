package dev.weft.scheduler;

import dev.weft.woven.LogicalStack;
import java.util.stream.Collectors;

/**
 * Where the scheduler emits its JFR events. Each hook first asks a probe event whether its type is
 * enabled, which once JFR has instrumented the class is a read of a static flag, and before that
 * (no recording ever started) a method that returns false: with JFR off nothing is allocated or
 * timed.
 */
final class TaskEvents {
    private static final TaskSpawnedEvent SPAWNED = new TaskSpawnedEvent();
    private static final TaskCompletedEvent COMPLETED = new TaskCompletedEvent();
    private static final SlowPollEvent SLOW_POLL = new SlowPollEvent();

    private TaskEvents() {}

    static void spawned(Task<?> task, ObservedExecutor executor) {
        if (SPAWNED.isEnabled()) {
            TaskSpawnedEvent e = new TaskSpawnedEvent();
            e.taskId = task.id();
            e.taskName = task.taskName();
            e.executor = executor.name();
            e.commit();
        }
    }

    static void completed(Task<?> task, ObservedExecutor executor) {
        if (COMPLETED.isEnabled()) {
            TaskCompletedEvent e = new TaskCompletedEvent();
            e.taskId = task.id();
            e.taskName = task.taskName();
            e.executor = executor.name();
            e.outcome = task.state() == Task.CANCELLED ? "cancelled" : task.failed() ? "failed" : "value";
            e.commit();
        }
    }

    /** Before a poll: the event timing it, or null when slow polls are not recorded. */
    static SlowPollEvent pollBegins() {
        if (!SLOW_POLL.isEnabled()) {
            return null;
        }
        SlowPollEvent e = new SlowPollEvent();
        e.begin();
        return e;
    }

    /** After the poll {@link #pollBegins} timed: commits it if it ran past the threshold. */
    static void pollEnded(Task<?> task, SlowPollEvent e) {
        if (e == null) {
            return;
        }
        e.end();
        if (e.shouldCommit()) {
            e.taskId = task.id();
            e.taskName = task.taskName();
            e.logicalStack = LogicalStack.of(task.root()).frames().stream()
                    .map(StackTraceElement::toString)
                    .collect(Collectors.joining("\n"));
            e.commit();
        }
    }
}
