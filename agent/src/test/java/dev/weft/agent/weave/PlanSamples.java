package dev.weft.agent.weave;

import static dev.weft.Async.await;
import static dev.weft.Async.ready;

import dev.weft.Async;
import dev.weft.Future;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** One method per decision {@link WeavePlanTest} checks the plan makes. */
class PlanSamples {
    private static final Object LOCK = new Object();

    static Future<Integer> lazy(Future<Integer> f) {
        return ready(await(f) + 1);
    }

    static CompletableFuture<Integer> eager(Future<Integer> f) {
        return CompletableFuture.completedFuture(await(f));
    }

    static int wrongReturn(Future<Integer> f) {
        return await(f);
    }

    static Future<Integer> locked(Future<Integer> f) {
        int a = await(f);
        synchronized (LOCK) {
            a += await(f);
        }
        return ready(a);
    }

    /** A coroutine that also holds a misplaced await: the reference is rewritten, the call woven. */
    static Future<Integer> withReference(Future<Integer> f) {
        Function<Future<Integer>, Integer> get = Async::await;
        return ready(await(f) + get.apply(f));
    }

    static int plain(int x) {
        return x * 2;
    }
}
