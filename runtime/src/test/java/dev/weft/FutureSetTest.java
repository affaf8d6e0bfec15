package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.scheduler.StressExecutors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FutureSetTest {

    @Test
    void outputsComeOutInTheOrderMembersFinish() {
        Steps.CountingWaker parent = new Steps.CountingWaker();
        Context cx = parent.context();
        FutureSet<String> set = new FutureSet<>();
        List<Probe<String>> probes = List.of(new Probe<>(), new Probe<>(), new Probe<>());
        probes.forEach(set::add);
        assertTrue(set.pollNext(cx).isPending());

        probes.get(2).complete("c");
        probes.get(0).complete("a");
        assertEquals(2, parent.wakes.get(), "each member's wake reaches the owner");
        assertEquals("c", set.pollNext(cx).value());
        assertEquals("a", set.pollNext(cx).value());
        assertTrue(set.pollNext(cx).isPending());
        probes.get(1).complete("b");
        assertEquals("b", set.pollNext(cx).value());
        assertTrue(set.isEmpty());
        assertThrows(NoSuchElementException.class, () -> set.pollNext(cx));
    }

    @Test
    void pollsOnlyTheMembersThatWereWoken() {
        Context cx = new Steps.CountingWaker().context();
        FutureSet<Integer> set = new FutureSet<>();
        List<Probe<Integer>> probes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Probe<Integer> p = new Probe<>();
            probes.add(p);
            set.add(p);
        }
        assertTrue(set.pollNext(cx).isPending());
        probes.forEach(p -> assertEquals(1, p.polls.get()));

        probes.get(42).complete(42);
        probes.get(7).complete(7);
        assertEquals(42, set.pollNext(cx).value());
        assertEquals(7, set.pollNext(cx).value());
        assertTrue(set.pollNext(cx).isPending());
        for (int i = 0; i < 100; i++) {
            int expected = (i == 42 || i == 7) ? 2 : 1;
            assertEquals(expected, probes.get(i).polls.get(), "member " + i);
        }
        assertEquals(98, set.size());
    }

    @Test
    void aFailingMemberIsRethrownUnchangedAndTheSetGoesOn() {
        Context cx = new Steps.CountingWaker().context();
        FutureSet<String> set = new FutureSet<>();
        Probe<String> bad = new Probe<>();
        Probe<String> good = new Probe<>();
        set.add(bad);
        set.add(good);
        assertTrue(set.pollNext(cx).isPending());
        Exception boom = new java.io.IOException("boom");
        bad.fail(boom);
        assertSame(boom, assertThrows(java.io.IOException.class, () -> set.pollNext(cx)));
        good.complete("ok");
        assertEquals("ok", set.pollNext(cx).value());
    }

    @Test
    void cancelCancelsEveryMemberStillRunning() {
        Context cx = new Steps.CountingWaker().context();
        FutureSet<String> set = new FutureSet<>();
        Probe<String> done = new Probe<>();
        Probe<String> running = new Probe<>();
        set.add(done);
        set.add(running);
        done.complete("x");
        assertEquals("x", set.pollNext(cx).value());
        set.cancel();
        assertEquals(0, done.cancels.get(), "a finished member is not cancelled");
        assertEquals(1, running.cancels.get());
        assertTrue(set.isEmpty());
        running.complete("late"); // a late wake from a cancelled member is harmless
    }

    @Test
    void aMemberThatAlwaysWakesItselfDoesNotHogThePoll() {
        Steps.CountingWaker parent = new Steps.CountingWaker();
        Context cx = parent.context();
        FutureSet<String> set = new FutureSet<>();
        set.add(c -> {
            c.waker().wake();
            return Poll.pending();
        });
        assertTrue(set.pollNext(cx).isPending(), "the poll ends although the member is always woken");
        assertTrue(parent.wakes.get() >= 1, "and the owner is asked to come back");
    }

    @StressTest
    void stressMembersCompletedFromManyThreads() throws Exception {
        int members = StressSize.of(2_000);
        int threads = 4;
        List<Probe<Integer>> probes = new ArrayList<>();
        FutureSet<Integer> set = new FutureSet<>();
        for (int i = 0; i < members; i++) {
            Probe<Integer> p = new Probe<>();
            probes.add(p);
            set.add(p);
        }
        try (Executor ex = StressExecutors.create()) {
            Set<Integer> seen = new HashSet<>();
            CountDownLatch firstPoll = new CountDownLatch(1);
            JoinHandle<Void> owner = ex.spawn(cx -> {
                firstPoll.countDown();
                while (!set.isEmpty()) {
                    Poll<Integer> p = set.pollNext(cx);
                    if (p.isPending()) {
                        return Poll.pending();
                    }
                    assertTrue(seen.add(p.value()), "output " + p.value() + " came out twice");
                }
                return Poll.ready(null);
            });
            assertTrue(firstPoll.await(10, TimeUnit.SECONDS));
            // every probe was polled once by the first poll before any completes (they were all queued)
            Thread[] completers = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                int me = t;
                completers[t] = new Thread(() -> {
                    for (int i = me; i < members; i += threads) {
                        Probe<Integer> p = probes.get(i);
                        while (p.polls.get() == 0) {
                            Thread.onSpinWait();
                        }
                        p.complete(i);
                    }
                });
                completers[t].start();
            }
            for (Thread t : completers) {
                t.join(10_000);
            }
            owner.toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals(members, seen.size());
            for (Probe<Integer> p : probes) {
                assertTrue(p.polls.get() <= 2, "each member is polled once, then once after its single wake");
            }
        }
    }
}
