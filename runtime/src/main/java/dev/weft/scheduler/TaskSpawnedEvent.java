package dev.weft.scheduler;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR: a task was spawned. Off unless a recording enables {@code dev.weft.TaskSpawned}. */
@Name("dev.weft.TaskSpawned")
@Label("Task Spawned")
@Category("Weft")
@Description("A future was spawned as a task")
@Enabled(false) // one per task: a recording turns it on by name, the default settings do not
@StackTrace(false)
final class TaskSpawnedEvent extends Event {
    @Label("Task Id")
    long taskId;

    @Label("Task Name")
    String taskName;

    @Label("Executor")
    String executor;
}
