package dev.weft.scheduler;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Task ids, handed out on first use ({@link Task#id()}): unsigned {@code int}s from 1, so a task
 * spends four bytes on its id, not eight. They wrap after 2^32 - 1 ids (skipping 0, which means
 * "none yet"); only tasks that a dump, a trace or an event names take one, so a JVM that ran that
 * many such tasks may show one number for two tasks that lived far apart in time.
 */
final class TaskIds {
    private static final AtomicInteger NEXT = new AtomicInteger();

    private TaskIds() {}

    static int next() {
        int id = NEXT.incrementAndGet();
        return id != 0 ? id : NEXT.incrementAndGet();
    }
}
