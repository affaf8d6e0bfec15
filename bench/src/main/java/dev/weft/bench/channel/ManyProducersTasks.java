package dev.weft.bench.channel;

import static dev.weft.Async.await;
import static dev.weft.Async.ready;

import dev.weft.Future;
import dev.weft.sync.Channel;

/** Woven code for {@link ManyProducers}; loaded only after the agent is in. */
final class ManyProducersTasks {
    private ManyProducersTasks() {}

    /** Sends {@code 1..count} on {@code out}; returns their sum. */
    static Future<Long> produce(Channel<Integer> out, int count) {
        long sum = 0;
        for (int i = 1; i <= count; i++) {
            await(out.send(i));
            sum += i;
        }
        return ready(sum);
    }

    /** Receives {@code count} messages from {@code in}; returns their sum. */
    static Future<Long> consume(Channel<Integer> in, int count) {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += await(in.receive());
        }
        return ready(sum);
    }
}
