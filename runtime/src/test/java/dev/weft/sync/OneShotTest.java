package dev.weft.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Steps;
import org.junit.jupiter.api.Test;

class OneShotTest {

    @Test
    void aValueSentBeforeOrAfterThePollArrivesOnce() {
        OneShot<String> early = new OneShot<>();
        assertTrue(early.send("x"));
        assertFalse(early.send("y"));
        assertEquals("x", early.poll(new Steps.CountingWaker().context()).value());

        OneShot<String> late = new OneShot<>();
        Steps.CountingWaker w = new Steps.CountingWaker();
        assertTrue(late.poll(w.context()).isPending());
        assertTrue(late.send(null));
        assertEquals(1, w.wakes.get());
        assertNull(late.poll(w.context()).value());
    }

    /** The slot that holds the state holds a sent null too; neither may read as the other. */
    @Test
    void aSentNullIsAValueToTheUndeliveredConsumerAndToLaterSends() {
        java.util.List<String> undelivered = new java.util.ArrayList<>();
        OneShot<String> o = new OneShot<>(undelivered::add);
        assertTrue(o.send(null));
        assertFalse(o.send("second"), "a sent null still fills the one-shot");
        o.cancel();
        assertEquals(java.util.Collections.singletonList(null), undelivered);
        assertThrows(IllegalStateException.class, () -> o.poll(new Steps.CountingWaker().context()));
    }

    @Test
    void closingWithoutAValueFailsTheReceiver() {
        OneShot<String> o = new OneShot<>();
        Steps.CountingWaker w = new Steps.CountingWaker();
        o.poll(w.context());
        o.close();
        assertEquals(1, w.wakes.get());
        assertThrows(ChannelClosedException.class, () -> o.poll(w.context()));
        assertFalse(o.send("late"));
    }

    @Test
    void aCancelledReceiverRefusesTheValue() {
        OneShot<String> o = new OneShot<>();
        o.poll(new Steps.CountingWaker().context());
        o.cancel();
        assertTrue(o.isReceiverGone());
        assertFalse(o.send("nobody listens"));
    }

    @Test
    void sentFromAnotherThreadToATaskAwaitingIt() throws Exception {
        for (int round = 0; round < 200; round++) {
            OneShot<Integer> o = new OneShot<>();
            int r = round;
            Thread t = new Thread(() -> o.send(r));
            t.start();
            assertEquals(round, Async.blockOn(o));
            t.join();
        }
    }
}
