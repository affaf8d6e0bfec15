package dev.weft.sync;

import dev.weft.Cancellable;
import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.Waker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Races on one channel, each a self-contained run: start the racing threads, join them, check
 * what came out. The same runs feed the model checker ({@link ChannelModelCheckTest}) and the
 * repeated stress ({@link ChannelStressTest}). A thread waits for a pending future by spinning on
 * its waker's flag, so a lost wake shows up as a thread that never finishes.
 */
final class ChannelRaces {
    private ChannelRaces() {}

    /** Two senders into a full channel of capacity 1, one receiver taking all three elements. */
    static void sendersMeetAReceiverOnAFullChannel() {
        Channel<Integer> ch = Channel.bounded(1);
        List<Integer> got = new ArrayList<>();
        run(() -> {
            drive(ch.send(1));
            drive(ch.send(2));
        }, () -> drive(ch.send(3)), () -> {
            for (int i = 0; i < 3; i++) {
                got.add(drive(ch.receive()));
            }
        });
        check(got.size() == 3 && got.containsAll(List.of(1, 2, 3)), "received " + got);
        check(got.indexOf(1) < got.indexOf(2), "one sender's elements out of order: " + got);
        checkEmptyAndOpen(ch);
    }

    /** A receive that finds the channel empty meets a send: the receive gets the element. */
    static void receiveMeetsASend() {
        Channel<Integer> ch = Channel.bounded(1);
        List<Integer> got = new ArrayList<>();
        run(() -> got.add(drive(ch.receive())), () -> check(ch.trySend(1), "trySend into an empty channel failed"));
        check(got.equals(List.of(1)), "received " + got);
        checkEmptyAndOpen(ch);
    }

    /** A sender, a close and a draining receiver: the receiver gets exactly what was sent, in order. */
    static void closeWhileSendingAndReceiving() {
        Channel<Integer> ch = Channel.bounded(1);
        List<Integer> sent = new ArrayList<>();
        List<Integer> got = new ArrayList<>();
        run(() -> {
            for (int v = 1; v <= 3; v++) {
                try {
                    drive(ch.send(v));
                } catch (ChannelClosedException closed) {
                    return;
                }
                sent.add(v);
            }
        }, ch::close, () -> {
            try {
                for (;;) {
                    got.add(drive(ch.receive()));
                }
            } catch (ChannelClosedException drained) {
                // the end
            }
        });
        check(got.equals(sent), "sent " + sent + " but received " + got);
        check(ch.tryReceive().isClosed(), "not closed and drained at the end");
    }

    /** A waiting receive cancelled while a send hands it an element: the element is kept once. */
    static void cancelledReceiveVsHandOff() {
        Channel<Integer> ch = Channel.bounded(2);
        AtomicBoolean delivered = new AtomicBoolean();
        run(() -> {
            Future<Integer> r = ch.receive();
            Poll<Integer> p = r.poll(Context.of(() -> {}));
            if (p.isReady()) {
                delivered.set(true);
            } else {
                ((Cancellable) r).cancel();
            }
        }, () -> check(ch.trySend(1), "trySend into an empty open channel failed"));
        int kept = (delivered.get() ? 1 : 0) + drain(ch).size();
        check(kept == 1, "the element was kept " + kept + " times");
        checkCapacity(ch, 2);
    }

    /** A waiting send cancelled while a receive makes room: its element gets in at most once, room is not lost. */
    static void cancelledSendVsRoom() {
        Channel<Integer> ch = Channel.bounded(1);
        check(ch.trySend(0), "trySend into an empty channel failed");
        AtomicBoolean sent = new AtomicBoolean();
        List<Integer> taken = new ArrayList<>();
        run(() -> {
            Future<Void> s = ch.send(1);
            if (s.poll(Context.of(() -> {})).isReady()) {
                sent.set(true);
            } else {
                ((Cancellable) s).cancel();
            }
        }, () -> taken.add(ch.tryReceive().element()));
        taken.addAll(drain(ch));
        check(taken.get(0) == 0 && taken.size() <= 2, "took " + taken);
        check(!sent.get() || taken.contains(1), "a completed send was lost: " + taken);
        checkCapacity(ch, 1);
    }

    /** tryReceive answers closed only once drained: an element whose trySend succeeded is always taken first. */
    static void tryReceiveVsClose() {
        Channel<Integer> ch = Channel.bounded(2);
        AtomicBoolean sent = new AtomicBoolean();
        List<Integer> got = new ArrayList<>();
        run(() -> {
            try {
                sent.set(ch.trySend(1));
            } catch (ChannelClosedException closed) {
                // sent stays false
            }
        }, ch::close, () -> {
            for (;;) {
                Received<Integer> r = ch.tryReceive();
                if (r.hasElement()) {
                    got.add(r.element());
                } else if (r.isClosed()) {
                    return;
                } else {
                    Thread.onSpinWait();
                }
            }
        });
        check(got.equals(sent.get() ? List.of(1) : List.of()), "sent " + sent.get() + " but received " + got);
    }

    /** A receive waiting through a send and a close: it ends with the element if the send succeeded, else closed. */
    static void waitingReceiveVsSendAndClose() {
        Channel<Integer> ch = Channel.unbounded();
        AtomicBoolean sent = new AtomicBoolean();
        List<Integer> got = new ArrayList<>();
        run(() -> {
            try {
                got.add(drive(ch.receive()));
            } catch (ChannelClosedException drained) {
                // nothing came
            }
        }, () -> {
            try {
                sent.set(ch.trySend(1));
            } catch (ChannelClosedException closed) {
                // sent stays false
            }
        }, ch::close);
        check(got.equals(sent.get() ? List.of(1) : List.of()), "sent " + sent.get() + " but received " + got);
    }

    /** Drives {@code future} on this thread until ready, spinning while it is pending. */
    static <T> T drive(Future<T> future) {
        SpinWaker waker = new SpinWaker();
        Context cx = Context.of(waker);
        for (;;) {
            waker.woken = false;
            Poll<T> p = future.poll(cx);
            if (p.isReady()) {
                return p.value();
            }
            while (!waker.woken) {
                Thread.onSpinWait();
            }
        }
    }

    private static final class SpinWaker implements Waker {
        volatile boolean woken;

        @Override
        public void wake() {
            woken = true;
        }
    }

    private static List<Integer> drain(Channel<Integer> ch) {
        List<Integer> out = new ArrayList<>();
        for (Received<Integer> r; (r = ch.tryReceive()).hasElement(); ) {
            out.add(r.element());
        }
        return out;
    }

    private static void checkEmptyAndOpen(Channel<Integer> ch) {
        Received<Integer> r = ch.tryReceive();
        check(!r.hasElement() && !r.isClosed(), "expected empty and open, found " + r);
        check(ch.size() == 0, "size " + ch.size() + " after every element was taken");
    }

    /** After a drain: exactly {@code capacity} elements fit again, so no room was lost or made up. */
    private static void checkCapacity(Channel<Integer> ch, int capacity) {
        checkEmptyAndOpen(ch);
        for (int i = 0; i < capacity; i++) {
            check(ch.trySend(100 + i), "room for only " + i + " of " + capacity);
        }
        check(!ch.trySend(-1), "room for more than " + capacity);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new AssertionError(message);
        }
    }

    /**
     * Runs each body on its own thread, joins them, and fails if one threw (its thread reports
     * what). The threads are started one by one in this method, and their failures are not
     * caught: the model checker follows only threads started from code it instruments (not from
     * a JDK collection's forEach), and it stops a hung thread by throwing into it.
     */
    private static void run(Runnable a, Runnable b) {
        run(a, b, () -> {});
    }

    private static void run(Runnable a, Runnable b, Runnable c) {
        AtomicInteger returned = new AtomicInteger();
        Thread ta = new Thread(() -> runCounted(a, returned));
        Thread tb = new Thread(() -> runCounted(b, returned));
        Thread tc = new Thread(() -> runCounted(c, returned));
        for (Thread t : new Thread[] {ta, tb, tc}) {
            t.setDaemon(true); // a thread that hangs on a lost wake must not keep the test JVM alive
            t.start();
        }
        try {
            ta.join();
            tb.join();
            tc.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        check(returned.get() == 3, (3 - returned.get()) + " racing thread(s) threw");
    }

    private static void runCounted(Runnable body, AtomicInteger returned) {
        body.run();
        returned.incrementAndGet();
    }
}
