package dev.weft.agent.weave;

import static dev.weft.Async.await;
import static dev.weft.Async.ready;

import dev.weft.Future;

/** Small coroutines whose passes' output the golden listings of {@link PassListingsTest} show. */
class PassSamples {
    /** {@code s} is on the operand stack under the await: the spilling pass moves it to a local. */
    static Future<String> spill(Future<String> f, String s) {
        return ready(s + await(f));
    }

    /** Both awaits have {@code f} and the spilled {@code a} live: one shared save and restore block. */
    static Future<Integer> shared(Future<Integer> f, int a) {
        while (a < 100) {
            a += await(f);
            a += await(f);
        }
        return ready(a);
    }

    /** One return drops its {@code ready} wrapper; the other returns a future, which becomes a final await. */
    static Future<String> lowered(Future<String> f, boolean c) {
        if (c) {
            return ready(await(f));
        }
        return f;
    }
}
