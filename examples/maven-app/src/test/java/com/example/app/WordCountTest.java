package com.example.app;

import static dev.weft.Async.await;
import static dev.weft.Async.ready;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.Async;
import dev.weft.Future;
import dev.weft.sync.Channel;
import dev.weft.time.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Woven by the plugin's weave-tests goal: these awaits run under surefire with no agent. */
class WordCountTest {
    @Test
    void countsWordsAcrossLines() {
        assertEquals(Map.of("a", 3, "b", 2, "c", 1), Async.blockOn(WordCount.count(List.of("a b", "A, c; b a"))));
    }

    @Test
    void theProducerWaitsForASlowConsumer() {
        assertEquals(List.of(1, 2, 3, 4, 5), Async.blockOn(slowlyDrained(5)));
    }

    /** Receives with a timer between receives, so the producer finds the channel full. */
    private static Future<List<Integer>> slowlyDrained(int n) {
        Channel<String> words = Channel.bounded(1);
        Async.spawn(WordCount.produce(List.of("w ".repeat(n)), words));
        List<Integer> seen = new java.util.ArrayList<>();
        for (int i = 1; i <= n; i++) {
            await(Timer.sleep(Duration.ofMillis(2)));
            await(words.receive());
            seen.add(i);
        }
        return ready(seen);
    }
}
