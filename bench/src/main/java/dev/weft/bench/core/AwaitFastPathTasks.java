package dev.weft.bench.core;

import static dev.weft.Async.await;

import dev.weft.Async;
import dev.weft.Future;

/** Woven code for {@link AwaitFastPath}; loaded only after the agent is in. */
final class AwaitFastPathTasks {
    private AwaitFastPathTasks() {}

    static Future<Integer> sumOfTen(Future<Integer>[] f) {
        int sum = await(f[0]) + await(f[1]) + await(f[2]) + await(f[3]) + await(f[4]);
        sum += await(f[5]) + await(f[6]) + await(f[7]) + await(f[8]) + await(f[9]);
        return Async.ready(sum);
    }
}
