package com.example.app;

import static dev.weft.Async.await;
import static dev.weft.Async.ready;

import dev.weft.Async;
import dev.weft.Future;
import dev.weft.JoinHandle;
import dev.weft.sync.Channel;
import dev.weft.sync.ChannelClosedException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts words with two coroutines joined by a small bounded channel: a producer that splits lines
 * and waits whenever the channel is full, and a consumer that counts until the channel closes.
 */
public final class WordCount {
    private WordCount() {}

    public static Future<Map<String, Integer>> count(List<String> lines) {
        Channel<String> words = Channel.bounded(2);
        JoinHandle<Integer> producer = Async.spawn(produce(lines, words));
        Map<String, Integer> counts = await(consume(words));
        int sent = await(producer);
        if (sent != counts.values().stream().mapToInt(Integer::intValue).sum()) {
            throw new IllegalStateException("sent " + sent + " words, counted " + counts);
        }
        return ready(counts);
    }

    static Future<Integer> produce(List<String> lines, Channel<String> out) {
        int sent = 0;
        for (String line : lines) {
            for (String word : line.toLowerCase().split("\\W+")) {
                if (!word.isEmpty()) {
                    await(out.send(word)); // suspends while the consumer is behind
                    sent++;
                }
            }
        }
        out.close();
        return ready(sent);
    }

    static Future<Map<String, Integer>> consume(Channel<String> in) {
        Map<String, Integer> counts = new TreeMap<>();
        while (true) {
            try {
                counts.merge(await(in.receive()), 1, Integer::sum);
            } catch (ChannelClosedException drained) {
                return ready(counts);
            }
        }
    }

    public static void main(String[] args) {
        List<String> lines = args.length > 0 ? List.of(args) : List.of("the quick brown fox", "jumps over the lazy dog");
        System.out.println(Async.blockOn(count(lines)));
    }
}
