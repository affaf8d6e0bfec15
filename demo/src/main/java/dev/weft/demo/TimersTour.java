package dev.weft.demo;

import static dev.weft.Async.await;
import static dev.weft.Async.ready;

import dev.weft.Async;
import dev.weft.Executor;
import dev.weft.Future;
import dev.weft.JoinHandle;

/** The seeds' first program: a spawned sleeper finishes last, on the same single thread. */
final class TimersTour {
    private final Clock clock;

    TimersTour(Clock clock) {
        this.clock = clock;
    }

    void run() {
        System.out.println("1. A timer future on a single-threaded executor");
        clock.restart();
        try (Executor executor = Executor.singleThreaded()) {
            executor.blockOn(main());
        }
    }

    private Future<Void> main() {
        clock.say("Hello, Weft!");
        JoinHandle<Void> sleeper = Async.spawn(sleepThenSay());
        clock.say("spawned a task that sleeps 2 units");
        await(sleeper);
        clock.say("one thread served both tasks; it was free while the timer ran");
        return ready(null);
    }

    private Future<Void> sleepThenSay() {
        await(clock.sleep(2));
        clock.say("...and hello again, 2 units later");
        return ready(null);
    }
}
