package dev.weft.scheduler;

import dev.weft.Executor;
import java.util.ArrayList;
import java.util.List;

/**
 * The tasks an executor has spawned and not yet released, so {@link Executor#close()} can cancel
 * the ones that never finished. An intrusive doubly linked list through fields of {@link Task}
 * (no allocation per task), split into shards so spawns and completions on different workers
 * rarely meet on the same lock.
 *
 * <p>A task's {@link Scheduler} is its shard, which forwards queue entries to the executor: so the
 * task finds its shard when it is released without a field saying which one it is in.
 *
 * <p>Closing marks every shard closed under its lock and takes its tasks; an {@link Shard#add} that
 * comes later is refused, so no task can slip in after close took the list and stay uncancelled.
 */
final class LiveTasks {
    private static final int SHARDS = 16; // a power of two

    /** One shard of the registry, and the scheduler of the tasks in it. */
    static final class Shard implements Scheduler {
        private final Scheduler executor;
        private final ObservedExecutor owner;
        private Task<?> head; // guarded by this
        private int size; // guarded by this
        private boolean closed; // guarded by this

        Shard(Scheduler executor, ObservedExecutor owner) {
            this.executor = executor;
            this.owner = owner;
        }

        @Override
        public void schedule(Task<?> task) {
            executor.schedule(task);
        }

        @Override
        public void reschedule(Task<?> task) {
            executor.reschedule(task);
        }

        @Override
        public void released(Task<?> task) {
            TaskEvents.completed(task, owner);
            remove(task);
        }

        /** Registers {@code task}, whose scheduler is this shard; false once closed. */
        synchronized boolean add(Task<?> task) {
            if (closed) {
                return false;
            }
            task.liveNext = head;
            if (head != null) {
                head.livePrev = task;
            }
            head = task;
            size++;
            TaskEvents.spawned(task, owner);
            return true;
        }

        private synchronized void remove(Task<?> task) {
            Task<?> prev = task.livePrev;
            Task<?> next = task.liveNext;
            if (prev == null) {
                if (head != task) {
                    return; // already taken by close()
                }
                head = next;
            } else {
                prev.liveNext = next;
            }
            if (next != null) {
                next.livePrev = prev;
            }
            task.livePrev = null;
            task.liveNext = null;
            size--;
        }

        private synchronized void closeInto(List<Task<?>> all) {
            closed = true;
            for (Task<?> t = head; t != null; ) {
                Task<?> next = t.liveNext;
                t.liveNext = null;
                t.livePrev = null;
                all.add(t);
                t = next;
            }
            head = null;
            size = 0;
        }

        private synchronized void copyInto(List<Task<?>> all) {
            for (Task<?> t = head; t != null; t = t.liveNext) {
                all.add(t);
            }
        }

        private synchronized int size() {
            return size;
        }
    }

    private final Shard[] shards = new Shard[SHARDS];

    /**
     * {@code executor} is where the shards forward the tasks' queue entries; {@code owner} is the
     * executor the spawned and completed events name.
     */
    LiveTasks(Scheduler executor, ObservedExecutor owner) {
        for (int i = 0; i < SHARDS; i++) {
            shards[i] = new Shard(executor, owner);
        }
    }

    /** The shard {@code hint} picks: the scheduler to give a new task, then to {@link Shard#add} it to. */
    Shard shard(int hint) {
        return shards[hint & (SHARDS - 1)];
    }

    /** Refuses further adds and returns every task still registered. */
    List<Task<?>> close() {
        List<Task<?>> all = new ArrayList<>();
        for (Shard shard : shards) {
            shard.closeInto(all);
        }
        return all;
    }

    /** The tasks registered now, copied shard by shard (each under its lock, not all at once). */
    List<Task<?>> snapshot() {
        List<Task<?>> all = new ArrayList<>();
        for (Shard shard : shards) {
            shard.copyInto(all);
        }
        return all;
    }

    /** How many tasks are registered, summed shard by shard. */
    int size() {
        int n = 0;
        for (Shard shard : shards) {
            n += shard.size();
        }
        return n;
    }
}
