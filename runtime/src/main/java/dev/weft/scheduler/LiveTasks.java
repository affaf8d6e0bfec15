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
 * <p>Closing marks every shard closed under its lock and takes its tasks; an {@link #add} that
 * comes later is refused, so no task can slip in after close took the list and stay uncancelled.
 */
final class LiveTasks {
    private static final int SHARDS = 16; // a power of two

    private static final class Shard {
        Task<?> head;
        int size;
        boolean closed;
    }

    private final Shard[] shards = new Shard[SHARDS];
    private final ObservedExecutor owner;

    LiveTasks(ObservedExecutor owner) {
        this.owner = owner;
        for (int i = 0; i < SHARDS; i++) {
            shards[i] = new Shard();
        }
    }

    /** Registers {@code task} in the shard picked by {@code hint}; false once closed. */
    boolean add(Task<?> task, int hint) {
        int index = hint & (SHARDS - 1);
        Shard shard = shards[index];
        synchronized (shard) {
            if (shard.closed) {
                return false;
            }
            task.liveShard = index;
            task.liveNext = shard.head;
            if (shard.head != null) {
                shard.head.livePrev = task;
            }
            shard.head = task;
            shard.size++;
        }
        TaskEvents.spawned(task, owner);
        return true;
    }

    void remove(Task<?> task) {
        TaskEvents.completed(task, owner);
        Shard shard = shards[task.liveShard];
        synchronized (shard) {
            Task<?> prev = task.livePrev;
            Task<?> next = task.liveNext;
            if (prev == null) {
                if (shard.head != task) {
                    return; // already taken by close()
                }
                shard.head = next;
            } else {
                prev.liveNext = next;
            }
            if (next != null) {
                next.livePrev = prev;
            }
            task.livePrev = null;
            task.liveNext = null;
            shard.size--;
        }
    }

    /** Refuses further adds and returns every task still registered. */
    List<Task<?>> close() {
        List<Task<?>> all = new ArrayList<>();
        for (Shard shard : shards) {
            synchronized (shard) {
                shard.closed = true;
                for (Task<?> t = shard.head; t != null; ) {
                    Task<?> next = t.liveNext;
                    t.liveNext = null;
                    t.livePrev = null;
                    all.add(t);
                    t = next;
                }
                shard.head = null;
                shard.size = 0;
            }
        }
        return all;
    }

    /** The tasks registered now, copied shard by shard (each under its lock, not all at once). */
    List<Task<?>> snapshot() {
        List<Task<?>> all = new ArrayList<>();
        for (Shard shard : shards) {
            synchronized (shard) {
                for (Task<?> t = shard.head; t != null; t = t.liveNext) {
                    all.add(t);
                }
            }
        }
        return all;
    }

    /** How many tasks are registered, summed shard by shard. */
    int size() {
        int n = 0;
        for (Shard shard : shards) {
            synchronized (shard) {
                n += shard.size;
            }
        }
        return n;
    }
}
