package dev.weft;

import java.util.List;

/**
 * The seam through which {@code dev.weft} reaches the executors without depending on their
 * package: the runtime's own scheduler implements it and is found with {@link java.util.ServiceLoader}
 * ({@code provides} in the runtime's module descriptor, {@code META-INF/services} on the class
 * path). Not for users: call {@link Executor} and {@link Async} instead.
 *
 * <pre>{@code
 * // what Async.spawn does, in effect
 * SchedulerProvider s = ServiceLoader.load(SchedulerProvider.class).findFirst().orElseThrow();
 * Executor ex = s.currentExecutor() != null ? s.currentExecutor() : s.defaultExecutor();
 * }</pre>
 */
public interface SchedulerProvider {
    /** A one-thread executor whose thread is named {@code threadName}; see {@link Executor#singleThreaded()}. */
    Executor singleThreaded(String threadName);

    /** A work-stealing executor of {@code threads} workers; see {@link Executor#workStealing(int)}. */
    Executor workStealing(int threads, String namePrefix);

    /** The executor {@link Async#spawn} uses outside any task, created on first use. */
    Executor defaultExecutor();

    /** The executor of the task the calling thread is running, or null outside any task. */
    Executor currentExecutor();

    /**
     * Throws {@link IllegalStateException} if the calling thread is an executor's, polling a
     * task; {@code call} names the blocking call in the message.
     */
    void refuseBlocking(String call);

    /** {@code future} carrying {@code name} for the task it is spawned as; see {@link Executor#spawn(String, Future)}. */
    <T> Future<T> named(String name, Future<T> future);

    /** An entry for each live task of every executor, in no order; see {@link TaskDump}. */
    List<TaskDump.Entry> liveTasks();

    /**
     * Where {@code future}, which {@code Async.blockOn} drives on thread {@code thread} (it is not a
     * task), stands: its stack and what it waits on, as a dump entry with id 0.
     */
    TaskDump.Entry blockedOn(Future<?> future, String thread);
}
