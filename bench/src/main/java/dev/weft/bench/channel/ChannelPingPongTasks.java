package dev.weft.bench.channel;

import static dev.weft.Async.await;
import static dev.weft.Async.ready;

import dev.weft.Future;
import dev.weft.sync.Channel;

/** Woven code for {@link ChannelPingPong}; loaded only after the agent is in. */
final class ChannelPingPongTasks {
    private ChannelPingPongTasks() {}

    /** Sends {@code 0..rounds-1} on {@code out}, checking each answer on {@code in}; returns the rounds. */
    static Future<Integer> ping(Channel<Integer> out, Channel<Integer> in, int rounds) {
        for (int i = 0; i < rounds; i++) {
            await(out.send(i));
            int answer = await(in.receive());
            if (answer != i + 1) {
                throw new IllegalStateException("round " + i + " answered " + answer);
            }
        }
        return ready(rounds);
    }

    /** Answers each of {@code rounds} messages from {@code in} with the message plus one on {@code out}. */
    static Future<Integer> pong(Channel<Integer> in, Channel<Integer> out, int rounds) {
        for (int i = 0; i < rounds; i++) {
            int message = await(in.receive());
            await(out.send(message + 1));
        }
        return ready(rounds);
    }
}
