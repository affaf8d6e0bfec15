package demo;

import static dev.weft.Async.await;

import dev.weft.Async;
import dev.weft.Future;
import dev.weft.time.Timer;
import java.time.Duration;

public class Main {
    static Future<String> greet(Future<String> name) {
        String n = await(name);
        await(Timer.sleep(Duration.ofMillis(5)));
        return Async.ready("hello " + n);
    }

    public static void main(String[] args) {
        System.out.println(Async.blockOn(greet(Async.ready("world"))));
    }
}
