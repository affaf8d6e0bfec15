package dev.weft.scheduler;

import dev.weft.Executor;
import dev.weft.Future;
import dev.weft.SchedulerProvider;
import dev.weft.TaskDump;
import java.util.List;

/** The runtime's executors, as {@code dev.weft} finds them through {@link java.util.ServiceLoader}. */
public final class BuiltInScheduler implements SchedulerProvider {
    @Override
    public Executor singleThreaded(String threadName) {
        return new SingleThreadedExecutor(threadName);
    }

    @Override
    public Executor workStealing(int threads, String namePrefix) {
        return new WorkStealingExecutor(threads, namePrefix);
    }

    @Override
    public Executor defaultExecutor() {
        return DefaultExecutor.get();
    }

    @Override
    public Executor currentExecutor() {
        return CurrentExecutor.get();
    }

    @Override
    public void refuseBlocking(String call) {
        ExecutorThread.refuseBlocking(call);
    }

    @Override
    public <T> Future<T> named(String name, Future<T> future) {
        return new NamedFuture<>(name, future);
    }

    @Override
    public List<TaskDump.Entry> liveTasks() {
        return TaskSnapshot.ofAllExecutors();
    }

    @Override
    public TaskDump.Entry blockedOn(Future<?> future, String thread) {
        return TaskSnapshot.ofBlocked(future, thread);
    }
}
