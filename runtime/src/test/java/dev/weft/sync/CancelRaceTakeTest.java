package dev.weft.sync;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.CancelRace;
import dev.weft.Executor;
import dev.weft.Future;
import dev.weft.Steps;
import dev.weft.StressSize;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A cancel that loses the race with a completing take must not lose what was taken: the task
 * delivers it (its handle completes with the take's output), or the take gives it back. Each round
 * suspends one task on a take, then races the give against {@code JoinHandle.cancel()}; the test
 * counts what ended up where, on the single-threaded and the work-stealing executor.
 */
@Tag("stress")
class CancelRaceTakeTest {
    private static final int ROUNDS = StressSize.of(1_000);

    private static Executor executor(String kind) {
        return kind.equals("singleThreaded") ? Executor.singleThreaded() : Executor.workStealing(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"singleThreaded", "workStealing"})
    void channelReceive(String kind) throws Exception {
        CancelRace.Tally tally = new CancelRace.Tally(ROUNDS);
        race(kind, () -> {
            Channel<Integer> ch = Channel.unbounded();
            return new Round<>(ch.receive(), () -> ch.trySend(1), (o) -> {
                tally.count(o.delivered(), drain(ch));
            });
        });
        tally.assertNothingLostOrDuplicated("Channel.receive");
    }

    @ParameterizedTest
    @ValueSource(strings = {"singleThreaded", "workStealing"})
    void oneShot(String kind) throws Exception {
        CancelRace.Tally tally = new CancelRace.Tally(ROUNDS);
        race(kind, () -> {
            AtomicInteger returned = new AtomicInteger();
            OneShot<Integer> shot = new OneShot<>(undelivered -> returned.incrementAndGet());
            AtomicInteger sent = new AtomicInteger();
            return new Round<>(shot, () -> sent.set(shot.send(1) ? 1 : 0), (o) -> {
                // a send that answered false kept its value: the sender still has it
                tally.count(o.delivered(), returned.get() + (1 - sent.get()));
            });
        });
        tally.assertNothingLostOrDuplicated("OneShot");
    }

    @ParameterizedTest
    @ValueSource(strings = {"singleThreaded", "workStealing"})
    void watchChanged(String kind) throws Exception {
        CancelRace.Tally tally = new CancelRace.Tally(ROUNDS);
        race(kind, () -> {
            Watch<Integer> watch = new Watch<>(0);
            Watch.Watcher<Integer> watcher = watch.watch();
            return new Round<>(watcher.changed(), () -> watch.set(1), (o) -> {
                // not delivered: the same watcher must still see the version as unseen
                boolean unseen = watcher.changed().poll(new Steps.CountingWaker().context()).isReady();
                tally.count(o.delivered(), unseen ? 1 : 0);
            });
        });
        tally.assertNothingLostOrDuplicated("Watch.changed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"singleThreaded", "workStealing"})
    void semaphorePermits(String kind) throws Exception {
        CancelRace.Tally tally = new CancelRace.Tally(ROUNDS);
        race(kind, () -> {
            Semaphore permits = new Semaphore(0);
            return new Round<>(permits.acquire(2), () -> permits.release(2), (o) -> {
                tally.count(o.delivered(), permits.availablePermits() / 2);
            });
        });
        tally.assertNothingLostOrDuplicated("Semaphore.acquire");
    }

    @ParameterizedTest
    @ValueSource(strings = {"singleThreaded", "workStealing"})
    void mutex(String kind) throws Exception {
        CancelRace.Tally tally = new CancelRace.Tally(ROUNDS);
        race(kind, () -> {
            AsyncMutex mutex = new AsyncMutex();
            assertTrue(mutex.tryLock());
            return new Round<>(mutex.lock(), mutex::unlock, (o) -> {
                tally.count(o.delivered(), mutex.isLocked() ? 0 : 1);
            });
        });
        tally.assertNothingLostOrDuplicated("AsyncMutex.lock");
    }

    private static int drain(Channel<Integer> ch) {
        int n = 0;
        while (ch.tryReceive().hasElement()) {
            n++;
        }
        return n;
    }

    /** One race: the take, what completes it, and the audit of where the element went. */
    private record Round<T>(Future<T> take, CancelRace.Give give, Audit<T> audit) {}

    private interface Audit<T> {
        void after(CancelRace.Outcome<T> outcome) throws Exception;
    }

    private static <T> void race(String kind, Supplier<Round<T>> rounds) throws Exception {
        try (Executor ex = executor(kind); CancelRace race = new CancelRace()) {
            for (int i = 0; i < ROUNDS; i++) {
                Round<T> r = rounds.get();
                r.audit().after(race.round(ex, r.take(), r.give()));
            }
        }
    }
}
