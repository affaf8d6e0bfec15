package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.scheduler.StressExecutors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JoinTest {
    private final Context cx = new Steps.CountingWaker().context();

    @Test
    void joinPairsAndTriplesOutputsByPosition() {
        Probe<String> a = new Probe<>();
        Probe<Integer> b = new Probe<>();
        Future<Join.Pair<String, Integer>> pair = Join.join(a, b);
        assertTrue(pair.poll(cx).isPending());
        b.complete(2);
        assertTrue(pair.poll(cx).isPending());
        a.complete("one");
        assertEquals(new Join.Pair<>("one", 2), pair.poll(cx).value());

        Join.Triple<String, Integer, Boolean> t =
                Async.blockOn(Join.join(Async.ready("x"), Async.ready(1), Async.ready(true)));
        assertEquals(new Join.Triple<>("x", 1, true), t);
    }

    @Test
    void joinAllKeepsListOrderNotFinishingOrderAndPollsOnlyWokenChildren() {
        List<Probe<Integer>> probes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            probes.add(new Probe<>());
        }
        Future<List<Integer>> all = Join.joinAll(probes);
        assertTrue(all.poll(cx).isPending());
        for (int i = 4; i >= 1; i--) {
            probes.get(i).complete(i * 10);
            assertTrue(all.poll(cx).isPending());
        }
        assertEquals(1, probes.get(0).polls.get(), "a child that was never woken is not polled again");
        probes.get(0).complete(0);
        assertEquals(List.of(0, 10, 20, 30, 40), all.poll(cx).value());
        assertEquals(List.of(), Async.blockOn(Join.joinAll(List.<Future<Integer>>of())));
    }

    @Test
    void joinAllLetsEveryChildFinishThenRethrowsTheFirstFailure() {
        Probe<Integer> a = new Probe<>();
        Probe<Integer> b = new Probe<>();
        Probe<Integer> c = new Probe<>();
        Future<List<Integer>> all = Join.joinAll(List.of(a, b, c));
        all.poll(cx);
        IllegalStateException first = new IllegalStateException("first");
        b.fail(first);
        assertTrue(all.poll(cx).isPending(), "joinAll waits for the others");
        a.fail(new IllegalStateException("second"));
        assertTrue(all.poll(cx).isPending());
        c.complete(3);
        assertSame(first, assertThrows(IllegalStateException.class, () -> all.poll(cx)));
        assertEquals(0, a.cancels.get() + b.cancels.get() + c.cancels.get());
    }

    @Test
    void tryJoinAllCancelsTheOthersAtTheFirstFailure() {
        Probe<Integer> a = new Probe<>();
        Probe<Integer> b = new Probe<>();
        Probe<Integer> c = new Probe<>();
        Future<List<Integer>> all = Join.tryJoinAll(List.of(a, b, c));
        all.poll(cx);
        a.complete(1);
        all.poll(cx);
        Exception boom = new Exception("checked, unchanged");
        b.fail(boom);
        assertSame(boom, assertThrows(Exception.class, () -> all.poll(cx)));
        assertEquals(0, a.cancels.get(), "a finished child is not cancelled");
        assertEquals(0, b.cancels.get(), "nor is the one that failed");
        assertEquals(1, c.cancels.get());
    }

    @Test
    void cancellingAJoinCancelsItsRunningChildren() {
        Probe<Integer> a = new Probe<>();
        Probe<Integer> b = new Probe<>();
        Future<Join.Pair<Integer, Integer>> both = Join.tryJoin(a, b);
        both.poll(cx);
        a.complete(1);
        both.poll(cx);
        ((Cancellable) both).cancel();
        assertEquals(0, a.cancels.get());
        assertEquals(1, b.cancels.get());
    }

    @StressTest
    void joinAcrossThreadsOnTheStressExecutor() {
        try (Executor ex = StressExecutors.create()) {
            for (int round = 0; round < StressSize.of(200); round++) {
                List<Future<Integer>> children = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    children.add(ex.spawn(Async.ready(i)));
                }
                assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), ex.blockOn(Join.joinAll(children)));
            }
        }
    }
}
