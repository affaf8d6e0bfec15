package dev.weft;

import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One daemon thread that fires every timer in the runtime, in deadline order. Timer callbacks only
 * wake tasks; they never run user code on this thread.
 */
final class TimerThread {
    /** A registered deadline. Its waker can be replaced by later polls; it fires once. */
    static final class Entry implements Comparable<Entry> {
        private final long deadline;
        private final long seq;
        private volatile Waker waker;
        private volatile boolean fired;

        Entry(long deadline, long seq, Waker waker) {
            this.deadline = deadline;
            this.seq = seq;
            this.waker = waker;
        }

        boolean fired() {
            return fired;
        }

        void waker(Waker w) {
            waker = w;
        }

        void fire() {
            fired = true;
            waker.wake();
        }

        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(deadline - o.deadline, 0);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private static final class Holder {
        static final TimerThread INSTANCE = new TimerThread();
    }

    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long seq;

    private TimerThread() {
        Thread t = new Thread(this::run, "weft-timer");
        t.setDaemon(true);
        t.start();
    }

    static TimerThread get() {
        return Holder.INSTANCE;
    }

    Entry schedule(long deadline, Waker waker) {
        lock.lock();
        try {
            Entry e = new Entry(deadline, seq++, waker);
            queue.add(e);
            if (queue.peek() == e) {
                changed.signal();
            }
            return e;
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        for (;;) {
            Entry due = nextDue();
            if (due != null) {
                try {
                    due.fire();
                } catch (Throwable t) {
                    System.getLogger("dev.weft").log(System.Logger.Level.ERROR, "a waker threw on the timer thread", t);
                }
            }
        }
    }

    private Entry nextDue() {
        lock.lock();
        try {
            for (;;) {
                Entry head = queue.peek();
                if (head == null) {
                    changed.awaitUninterruptibly();
                    continue;
                }
                long wait = head.deadline - System.nanoTime();
                if (wait <= 0) {
                    return queue.poll();
                }
                try {
                    changed.awaitNanos(wait);
                } catch (InterruptedException e) {
                    // the timer thread is never interrupted on purpose; keep serving
                }
            }
        } finally {
            lock.unlock();
        }
    }
}
