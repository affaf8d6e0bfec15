package dev.weft.scheduler;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/**
 * JFR: one poll of a task took longer than the threshold (10 ms unless the recording's settings
 * say otherwise, {@code dev.weft.SlowPoll#threshold=2 ms}): code that runs too long between awaits
 * and holds its worker from every other task. Off in the JDK's default settings, like the spawn and
 * completion events: enabled, it times every poll (measured: several hundred nanoseconds a poll on
 * JDK 17), so a recording asks for it by name.
 */
@Name("dev.weft.SlowPoll")
@Label("Slow Poll")
@Category("Weft")
@Description("A poll of a task that ran longer than the threshold, holding its executor thread")
@Threshold("10 ms")
@Enabled(false)
@StackTrace(false)
final class SlowPollEvent extends Event {
    @Label("Task Id")
    long taskId;

    @Label("Task Name")
    String taskName;

    @Label("Logical Stack")
    @Description("Where the task stands after the poll: the await of each suspended coroutine, innermost first")
    String logicalStack;
}
