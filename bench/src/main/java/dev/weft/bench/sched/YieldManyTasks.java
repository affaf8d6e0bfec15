package dev.weft.bench.sched;

import static dev.weft.Async.await;
import static dev.weft.Async.ready;

import dev.weft.Async;
import dev.weft.Future;

/** Woven code for {@link YieldMany}; loaded only after the agent is in. */
final class YieldManyTasks {
    private YieldManyTasks() {}

    /** Yields {@code times} times; returns how many yields it made. */
    static Future<Integer> yielder(int times) {
        int yielded = 0;
        for (int i = 0; i < times; i++) {
            await(Async.yieldNow());
            yielded++;
        }
        return ready(yielded);
    }
}
