package demo;

import static dev.weft.Async.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.Async;
import dev.weft.Future;
import org.junit.jupiter.api.Test;

class MainTest {
    private static Future<String> twice() {
        String a = await(Main.greet(Async.ready("a")));
        await(Async.yieldNow());
        return Async.ready(a + ", " + await(Main.greet(Async.ready("b"))));
    }

    @Test
    void awaitsInATestRunWithoutTheAgent() {
        assertEquals("hello a, hello b", Async.blockOn(twice()));
    }
}
