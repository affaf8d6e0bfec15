package dev.weft.bench.sched;

import static dev.weft.Async.await;
import static dev.weft.Async.ready;

import dev.weft.Future;
import dev.weft.sync.OneShot;

/** Woven code for {@link PingPong}; loaded only after the agent is in. */
final class PingPongTasks {
    private PingPongTasks() {}

    /** Sends round {@code i} on {@code toPong[i]}, awaits the answer on {@code toPing[i]}; returns the rounds. */
    static Future<Integer> ping(OneShot<Integer>[] toPong, OneShot<Integer>[] toPing) {
        for (int i = 0; i < toPong.length; i++) {
            toPong[i].send(i);
            int answer = await(toPing[i]);
            if (answer != i + 1) {
                throw new IllegalStateException("round " + i + " answered " + answer);
            }
        }
        return ready(toPong.length);
    }

    /** Answers every round with its number plus one. */
    static Future<Integer> pong(OneShot<Integer>[] toPong, OneShot<Integer>[] toPing) {
        for (int i = 0; i < toPong.length; i++) {
            int round = await(toPong[i]);
            toPing[i].send(round + 1);
        }
        return ready(toPong.length);
    }
}
