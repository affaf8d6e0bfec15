package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link Async#fallible} without the agent: when its body runs, what its failure is, how it cancels. */
class FallibleTest {
    private static final Context NO_WAKE = Context.of(() -> {});

    /** Pending until cancelled; counts its cancels. */
    private static final class Holding implements Future<Integer>, Cancellable {
        final AtomicInteger cancels = new AtomicInteger();

        @Override
        public Poll<Integer> poll(Context cx) {
            return Poll.pending();
        }

        @Override
        public void cancel() {
            cancels.incrementAndGet();
        }
    }

    @Test
    void theBodyStartsAtTheFirstPollOnly() {
        AtomicInteger starts = new AtomicInteger();
        CountingFuture<Integer> inner = new CountingFuture<>();
        FallibleFuture<Integer, IOException> f = Async.fallible(() -> {
            starts.incrementAndGet();
            return inner;
        });
        assertEquals(0, starts.get());
        assertTrue(f.poll(NO_WAKE).isPending());
        inner.complete(7);
        assertEquals(7, f.poll(NO_WAKE).value());
        assertEquals(1, starts.get(), "the body starts once; later polls go to its future");
        assertEquals(2, inner.polls.get());
    }

    @Test
    void aCheckedFailureOfTheBodyIsThrownFromPollUnchanged() {
        IOException failure = new IOException("refused");
        FallibleFuture<Integer, IOException> f = Async.fallible(() -> {
            throw failure;
        });
        assertSame(failure, assertThrows(IOException.class, () -> Async.blockOn(f)));
    }

    @Test
    void cancelBeforeTheFirstPollRunsNothing() {
        AtomicInteger starts = new AtomicInteger();
        FallibleFuture<Integer, IOException> f = Async.fallible(() -> {
            starts.incrementAndGet();
            return Async.ready(1);
        });
        Cancellable.cancel(f);
        assertThrows(IllegalStateException.class, () -> f.poll(NO_WAKE));
        assertEquals(0, starts.get());
    }

    @Test
    void cancelAfterStartingCancelsTheBodysFuture() {
        Holding holding = new Holding();
        FallibleFuture<Integer, IOException> f = Async.fallible(() -> holding);
        assertTrue(f.poll(NO_WAKE).isPending());
        Cancellable.cancel(f);
        assertEquals(1, holding.cancels.get());
    }

    @Test
    void aBodyReturningNullFailsAtTheFirstPoll() {
        FallibleFuture<Integer, IOException> f = Async.fallible(() -> null);
        assertThrows(NullPointerException.class, () -> f.poll(NO_WAKE));
    }
}
