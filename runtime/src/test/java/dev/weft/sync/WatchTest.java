package dev.weft.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Cancellable;
import dev.weft.Context;
import dev.weft.Executor;
import dev.weft.Future;
import dev.weft.JoinHandle;
import dev.weft.Poll;
import dev.weft.Steps;
import dev.weft.StressSize;
import dev.weft.StressTest;
import dev.weft.scheduler.StressExecutors;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WatchTest {

    @Test
    void everyWatcherWakesAndSeesTheLatestValue() {
        Watch<String> w = new Watch<>("v0");
        Watch.Watcher<String> a = w.watch();
        Watch.Watcher<String> b = w.watch();
        Steps.CountingWaker wa = new Steps.CountingWaker();
        Steps.CountingWaker wb = new Steps.CountingWaker();
        Future<String> ca = a.changed();
        Future<String> cb = b.changed();
        assertTrue(ca.poll(wa.context()).isPending());
        assertTrue(cb.poll(wb.context()).isPending());
        w.set("v1");
        w.set("v2");
        assertEquals(1, wa.wakes.get());
        assertEquals(1, wb.wakes.get());
        assertEquals("v2", ca.poll(wa.context()).value(), "intermediate v1 is skipped");
        assertEquals("v2", cb.poll(wb.context()).value());
        assertTrue(a.changed().poll(wa.context()).isPending(), "v2 was seen");
    }

    @Test
    void closeEndsWatchersAfterTheLastUnseenVersion() {
        Watch<Integer> w = new Watch<>(0);
        Watch.Watcher<Integer> a = w.watch();
        w.set(1);
        w.close();
        Context cx = new Steps.CountingWaker().context();
        assertEquals(1, a.changed().poll(cx).value());
        assertThrows(ChannelClosedException.class, () -> a.changed().poll(cx));
        assertThrows(ChannelClosedException.class, () -> w.set(2));
    }

    @Test
    void aCancelledWaitIsNotWoken() {
        Watch<Integer> w = new Watch<>(0);
        Steps.CountingWaker wa = new Steps.CountingWaker();
        Future<Integer> c = w.watch().changed();
        c.poll(wa.context());
        ((Cancellable) c).cancel();
        w.set(1);
        assertEquals(0, wa.wakes.get());
    }

    @StressTest
    void watchersOnManyThreadsAllSeeTheFinalValue() throws Exception {
        Watch<Integer> w = new Watch<>(0);
        int last = StressSize.of(2_000);
        try (Executor ex = StressExecutors.create()) {
            List<JoinHandle<Integer>> hs = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Watch.Watcher<Integer> watcher = w.watch();
                hs.add(ex.spawn(new Future<>() {
                    Future<Integer> waiting;
                    int latest;

                    @Override
                    public Poll<Integer> poll(Context cx) {
                        for (;;) {
                            if (waiting == null) {
                                waiting = watcher.changed();
                            }
                            Poll<Integer> p;
                            try {
                                p = waiting.poll(cx);
                            } catch (ChannelClosedException end) {
                                return Poll.ready(latest);
                            }
                            if (p.isPending()) {
                                return Poll.pending();
                            }
                            waiting = null;
                            assertTrue(p.value() >= latest, "versions never go back");
                            latest = p.value();
                        }
                    }
                }));
            }
            for (int v = 1; v <= last; v++) {
                w.set(v);
            }
            w.close();
            for (JoinHandle<Integer> h : hs) {
                assertEquals(last, h.toCompletableFuture().get(30, TimeUnit.SECONDS));
            }
        }
    }
}
