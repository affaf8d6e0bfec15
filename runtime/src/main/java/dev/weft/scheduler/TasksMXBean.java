package dev.weft.scheduler;

/**
 * The task dump as JMX operations, on the MBean {@code dev.weft:type=Tasks}: JConsole, JMC or
 * {@code jcmd}-less tooling can take {@link dev.weft.TaskDump} from a running process.
 */
public interface TasksMXBean {
    /** {@code TaskDump.capture().toString()}. */
    String dump();

    /** {@code TaskDump.capture().toJson()}. */
    String dumpJson();

    /** How many tasks are live on all executors. */
    int getLiveTasks();
}
