package dev.weft.bench.core;

import static dev.weft.Async.await;

import dev.weft.Async;
import dev.weft.Future;
import dev.weft.sync.OneShot;
import java.util.concurrent.CountDownLatch;

/** Woven code for {@link SuspendedTasks}: a task that waits for its one-shot. */
final class SuspendedTasksWoven {
    private SuspendedTasksWoven() {}

    static Future<Integer> waitFor(OneShot<Integer> value, CountDownLatch started) {
        started.countDown();
        return Async.ready(await(value));
    }
}
