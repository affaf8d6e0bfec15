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

    /** The kept waker and a sent value share the slot: a value that is itself a waker must read as a value. */
    @Test
    void aSentWakerIsAValueNotAWaitingReceiver() {
        OneShot<dev.weft.Waker> o = new OneShot<>();
        Steps.CountingWaker receiver = new Steps.CountingWaker();
        Steps.CountingWaker sent = new Steps.CountingWaker();
        assertTrue(o.poll(receiver.context()).isPending());
        assertTrue(o.send(sent));
        assertFalse(o.send(new Steps.CountingWaker()), "a sent waker fills the one-shot");
        assertEquals(1, receiver.wakes.get());
        assertEquals(0, sent.wakes.get(), "the sent waker is delivered, not woken");
        assertTrue(o.poll(receiver.context()).value() == sent);
    }

    /** With an undelivered consumer the state sits beside it; waiting, sending and cancelling still work. */
    @Test
    void aOneShotWithAConsumerWakesItsReceiverAndHandsOverWhatItNeverTook() {
        java.util.List<String> undelivered = new java.util.ArrayList<>();
        OneShot<String> taken = new OneShot<>(undelivered::add);
        Steps.CountingWaker w = new Steps.CountingWaker();
        assertTrue(taken.poll(w.context()).isPending());
        assertTrue(taken.poll(w.context()).isPending());
        assertTrue(taken.send("kept"));
        assertEquals(1, w.wakes.get());
        assertEquals("kept", taken.poll(w.context()).value());
        taken.cancel();

        OneShot<String> orphaned = new OneShot<>(undelivered::add);
        assertTrue(orphaned.poll(w.context()).isPending());
        assertTrue(orphaned.send("orphan"));
        orphaned.cancel();
        assertTrue(orphaned.isReceiverGone());
        assertEquals(java.util.List.of("orphan"), undelivered);
    }

    /** A million suspended receivers hold a million one-shots: one 4-byte field, 16 bytes with the header. */
    @Test
    void aOneShotIsOneField() {
        int fields = 0;
        for (java.lang.reflect.Field f : OneShot.class.getDeclaredFields()) {
            if (!java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                fields++;
                assertFalse(f.getType().isPrimitive() && f.getType() != int.class, f.toString());
            }
        }
        assertEquals(1, fields);
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
