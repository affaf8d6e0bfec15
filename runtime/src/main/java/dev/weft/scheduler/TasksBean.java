package dev.weft.scheduler;

import dev.weft.TaskDump;

/** {@link TasksMXBean}: the dump, taken when the operation is invoked. */
final class TasksBean implements TasksMXBean {
    @Override
    public String dump() {
        return TaskDump.capture().toString();
    }

    @Override
    public String dumpJson() {
        return TaskDump.capture().toJson();
    }

    @Override
    public int getLiveTasks() {
        int n = 0;
        for (ObservedExecutor e : LiveExecutors.all()) {
            n += e.liveTasks().size();
        }
        return n;
    }
}
