package dev.weft.scheduler;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR: a task completed, failed or was cancelled. Off unless a recording enables {@code dev.weft.TaskCompleted}. */
@Name("dev.weft.TaskCompleted")
@Label("Task Completed")
@Category("Weft")
@Description("A task finished: with a value, a failure, or cancelled")
@Enabled(false) // one per task: a recording turns it on by name, the default settings do not
@StackTrace(false)
final class TaskCompletedEvent extends Event {
    @Label("Task Id")
    long taskId;

    @Label("Task Name")
    String taskName;

    @Label("Executor")
    String executor;

    @Label("Outcome")
    @Description("value, failed or cancelled")
    String outcome;
}
