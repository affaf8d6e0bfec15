package dev.weft.agent.weave;

import static dev.weft.Async.await;
import static dev.weft.Async.ready;

import dev.weft.Future;

/** Coroutines the weave tests read as class files and weave without the agent. */
class Samples {
    /** Live sets: {a} at the first await, {x} at the second, so one int field serves both. */
    static Future<Integer> reuse(Future<Integer> f, int a) {
        int x = await(f) + a;
        int y = await(f);
        return ready(x + y);
    }

    /** {@code s + t + await(f)}: s and t sit on the operand stack under the last await. */
    static Future<String> twoRefs(Future<String> f) {
        String s = await(f);
        String t = await(f);
        return ready(s + t + await(f));
    }

    static Future<Long> wide(Future<Long> f, long base, double scale) {
        long v = await(f);
        return ready((long) (v * scale) + base);
    }

    static int notACoroutine(int x) {
        return x + 1;
    }
}
