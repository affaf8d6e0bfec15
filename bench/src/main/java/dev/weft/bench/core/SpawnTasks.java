package dev.weft.bench.core;

import dev.weft.Async;
import dev.weft.Future;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

/** The trivial task {@link SpawnThroughput} spawns: a woven coroutine that never suspends. */
final class SpawnTasks {
    private SpawnTasks() {}

    static Future<Void> trivial(LongAdder ran, CountDownLatch done) {
        Async.await(Async.ready(null));
        ran.increment();
        done.countDown();
        return Async.ready(null);
    }
}
