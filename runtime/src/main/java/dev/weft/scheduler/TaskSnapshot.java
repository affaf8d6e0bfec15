package dev.weft.scheduler;

import dev.weft.Described;
import dev.weft.TaskDump;
import dev.weft.woven.LogicalStack;
import java.util.ArrayList;
import java.util.List;

/** A task dump's entries, read racily from each task's fields (see {@link TaskDump} on consistency). */
final class TaskSnapshot {
    private TaskSnapshot() {}

    static List<TaskDump.Entry> ofAllExecutors() {
        List<TaskDump.Entry> entries = new ArrayList<>();
        for (ObservedExecutor executor : LiveExecutors.all()) {
            for (Task<?> task : executor.liveTasks().snapshot()) {
                entries.add(of(task, executor.name()));
            }
        }
        return entries;
    }

    static TaskDump.Entry of(Task<?> task, String executor) {
        int state = task.state();
        LogicalStack stack = LogicalStack.of(task.root());
        String waitsOn = state == Task.IDLE ? describe(stack.leaf()) : null;
        return new TaskDump.Entry(task.id(), task.taskName(), executor, TaskDescription.stateName(state),
                stack.frames(), waitsOn);
    }

    /** A future driven by {@code Async.blockOn} rather than by a task. */
    static TaskDump.Entry ofBlocked(Object future, String thread) {
        LogicalStack stack = LogicalStack.of(future);
        return new TaskDump.Entry(0, "Async.blockOn on thread " + thread, "the calling thread", "blocked",
                stack.frames(), describe(stack.leaf() != null ? stack.leaf() : future));
    }

    /** A describe() that throws must not fail the whole dump. */
    private static String describe(Object leaf) {
        if (leaf == null) {
            return null;
        }
        try {
            return Described.of(leaf);
        } catch (RuntimeException | LinkageError e) {
            return leaf.getClass().getName() + " (its describe() threw " + e + ")";
        }
    }
}
