package dev.weft.demo;

import static dev.weft.Async.await;
import static dev.weft.Async.ready;

import dev.weft.Async;
import dev.weft.Executor;
import dev.weft.Future;
import dev.weft.JoinHandle;

/** Sequential awaits add up; spawned tasks overlap. The printed times show the difference. */
final class JoinTour {
    private final Clock clock;
    double sequentialEnd;
    double concurrentEnd;

    JoinTour(Clock clock) {
        this.clock = clock;
    }

    void run() {
        System.out.println("2. Sequential vs concurrent: tasks of 1 and 2 units");
        try (Executor executor = Executor.singleThreaded()) {
            clock.restart();
            executor.blockOn(sequential());
            clock.restart();
            executor.blockOn(concurrent());
        }
        System.out.printf("  sequential took %.2f units, concurrent %.2f units (%.2fx)%n", sequentialEnd, concurrentEnd,
                sequentialEnd / concurrentEnd);
    }

    private Future<String> task(String name, double units) {
        await(clock.sleep(units));
        clock.say(name + " done");
        return ready(name);
    }

    private Future<Void> sequential() {
        await(task("sequential: first (1 unit)", 1));
        await(task("sequential: second (2 units)", 2));
        sequentialEnd = clock.now();
        return ready(null);
    }

    private Future<Void> concurrent() {
        JoinHandle<String> first = Async.spawn(task("concurrent: first (1 unit)", 1));
        JoinHandle<String> second = Async.spawn(task("concurrent: second (2 units)", 2));
        await(first);
        await(second);
        concurrentEnd = clock.now();
        return ready(null);
    }
}
