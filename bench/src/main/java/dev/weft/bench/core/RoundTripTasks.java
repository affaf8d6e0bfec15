package dev.weft.bench.core;

import static dev.weft.Async.await;

import dev.weft.Async;
import dev.weft.Future;

/** Woven code for {@link RoundTrip} and {@link ResumeDepth}. */
final class RoundTripTasks {
    private RoundTripTasks() {}

    /** Suspends {@code n} times; each suspension is one trip through the executor's queue. */
    static Future<Integer> yieldTimes(int n) {
        int count = 0;
        for (int i = 0; i < n; i++) {
            await(Async.yieldNow());
            count++;
        }
        return Async.ready(count);
    }

    /** {@code depth} coroutines awaiting each other, the innermost yielding {@code n} times. */
    static Future<Integer> nested(int depth, int n) {
        return depth == 1 ? yieldTimes(n) : parent(nested(depth - 1, n));
    }

    private static Future<Integer> parent(Future<Integer> child) {
        return Async.ready(await(child) + 1);
    }
}
