package dev.weft.scheduler;

import java.util.concurrent.atomic.AtomicLong;

/** Task ids, handed out on first use ({@link Task#id()}), never reused in a JVM. */
final class TaskIds {
    private static final AtomicLong NEXT = new AtomicLong();

    private TaskIds() {}

    static long next() {
        return NEXT.incrementAndGet();
    }
}
