package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.scheduler.StressExecutors;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelectTest {
    private final Context cx = new Steps.CountingWaker().context();

    @Test
    void theFirstToFinishWinsAndTheLosersAreCancelled() {
        Probe<String> a = new Probe<>();
        Probe<String> b = new Probe<>();
        Probe<String> c = new Probe<>();
        Future<Select.Winner<String>> sel = Select.select(List.of(a, b, c));
        assertTrue(sel.poll(cx).isPending());
        b.complete("b");
        assertEquals(new Select.Winner<>(1, "b"), sel.poll(cx).value());
        assertEquals(1, a.cancels.get());
        assertEquals(0, b.cancels.get());
        assertEquals(1, c.cancels.get());
    }

    @Test
    void aFailureWinsTooAndIsRethrownUnchanged() {
        Probe<String> a = new Probe<>();
        Probe<String> b = new Probe<>();
        Future<String> race = Select.race(a, b);
        race.poll(cx);
        RuntimeException boom = new RuntimeException("boom");
        a.fail(boom);
        assertSame(boom, assertThrows(RuntimeException.class, () -> race.poll(cx)));
        assertEquals(1, b.cancels.get());
    }

    @Test
    void whenSeveralAreReadyTheEarliestInTheListWins() {
        Probe<String> slow = new Probe<>();
        assertEquals(new Select.Winner<>(1, "x"),
                Async.blockOn(Select.select(List.of(slow, Async.ready("x"), Async.ready("y")))));
        assertEquals(1, slow.cancels.get());
    }

    @Test
    void cancellingTheRaceCancelsEveryContender() {
        Probe<String> a = new Probe<>();
        Probe<String> b = new Probe<>();
        Future<String> race = Select.race(List.of(a, b));
        race.poll(cx);
        ((Cancellable) race).cancel();
        assertEquals(1, a.cancels.get());
        assertEquals(1, b.cancels.get());
    }

    @Test
    void anEmptySelectIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Select.race(List.<Future<String>>of()));
    }

    @StressTest
    void racesAcrossThreadsCancelExactlyTheLosers() throws Exception {
        try (Executor ex = StressExecutors.create()) {
            for (int round = 0; round < StressSize.of(300); round++) {
                Probe<Integer> a = new Probe<>();
                Probe<Integer> b = new Probe<>();
                JoinHandle<Integer> h = ex.spawn(Select.race(a, b));
                while (a.polls.get() == 0 || b.polls.get() == 0) {
                    Thread.onSpinWait();
                }
                int r = round;
                Thread t1 = new Thread(() -> a.complete(1));
                Thread t2 = new Thread(() -> b.complete(2));
                if (r % 2 == 0) {
                    t1.start();
                    t2.start();
                } else {
                    t2.start();
                    t1.start();
                }
                int winner = h.join();
                t1.join();
                t2.join();
                Probe<Integer> loser = winner == 1 ? b : a;
                Probe<Integer> won = winner == 1 ? a : b;
                assertEquals(1, loser.cancels.get());
                assertEquals(0, won.cancels.get());
            }
        }
    }
}
