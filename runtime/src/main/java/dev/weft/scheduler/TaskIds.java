package dev.weft.scheduler;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Task ids, handed out on first use ({@link Task#id()}), from 1. An id shares its task's state word
 * (the bits above {@link Task#STATE_BITS}), so a task spends no field on it: ids wrap after
 * 2^29 - 1, skipping 0, which means "none yet". Only tasks that a dump, a trace or an event names
 * take one, so only a JVM that named half a billion tasks shows one number for two of them, which
 * then lived far apart in time.
 */
final class TaskIds {
    private static final int LIMIT = -1 >>> Task.STATE_BITS;
    private static final AtomicInteger NEXT = new AtomicInteger();

    private TaskIds() {}

    /** The next id, in {@code [1, 2^29 - 1]}. */
    static int next() {
        for (;;) {
            int id = NEXT.incrementAndGet() & LIMIT;
            if (id != 0) {
                return id;
            }
        }
    }
}
