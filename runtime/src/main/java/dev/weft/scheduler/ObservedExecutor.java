package dev.weft.scheduler;

import java.util.List;

/** What an executor shows to a task dump and to JMX: its name, its live tasks, its threads and queues. */
interface ObservedExecutor {
    /** The executor's name, unique in the JVM: {@code weft-default-1}. */
    String name();

    LiveTasks liveTasks();

    ExecutorMetrics metrics();

    /** The threads that poll its tasks (none before a single-threaded executor's first spawn). */
    List<? extends ExecutorThread> threads();

    /** Entries in each thread's own run queue, read racily. */
    int[] localQueueDepths();

    /** Entries in the queue that other threads' wakes and spawns go through. */
    int injectedQueueDepth();
}
