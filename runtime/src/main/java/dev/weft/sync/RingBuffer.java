package dev.weft.sync;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The elements of a bounded {@link Channel}: a lock-free ring that any number of threads put into
 * and take from. Each slot carries a sequence number that says whose turn it is, so a putter and a
 * taker meet on the slot alone and never on a shared lock.
 *
 * <pre>
 * slot i of a ring of n slots, for the lap that puts ticket t (t % n == i)
 * seq       meaning                          next      by
 * --------  -------------------------------  --------  ------------------------------------------
 * t         free: ticket t may put           t + 1     the putter holding ticket t (tail)
 * t + 1     holds ticket t's element         (taken)   a taker wins head t by CAS, empties the slot
 * t + n     free for the next lap            ...       the taker, after it read the element
 * </pre>
 *
 * <p>A putter must have reserved room first ({@link Channel} counts elements against the
 * capacity), so a ticket always finds its slot free, or about to be: the only wait is for a taker
 * that has won the slot's head but not yet written {@code t + n}, a few instructions away.
 * {@link #take()} answers null when the head slot is not yet published, even if a later one is;
 * the putter of the head slot checks for waiting receivers after it publishes, so nothing waits
 * on it in vain.
 */
final class RingBuffer<T> implements ElementBuffer<T> {
    private static final VarHandle SEQ = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle HEAD;
    private static final VarHandle TAIL;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            HEAD = lookup.findVarHandle(RingBuffer.class, "head", long.class);
            TAIL = lookup.findVarHandle(RingBuffer.class, "tail", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Object[] elements;
    private final long[] seqs;
    private final int mask;
    private volatile long head;
    private volatile long tail;

    /** A ring of {@code capacity} slots rounded up to a power of two (at least 2), so a slot is a mask away. */
    RingBuffer(int capacity) {
        int slots = Integer.highestOneBit(Math.max(1, capacity - 1)) << 1;
        elements = new Object[slots];
        seqs = new long[slots];
        mask = slots - 1;
        for (int i = 0; i < slots; i++) {
            seqs[i] = i;
        }
    }

    @Override
    public void put(T value) {
        long ticket = (long) TAIL.getAndAdd(this, 1L);
        int i = (int) ticket & mask;
        while ((long) SEQ.getAcquire(seqs, i) != ticket) {
            Thread.onSpinWait(); // the previous lap's taker is between its CAS and its release
        }
        elements[i] = value;
        // volatile, not release: the caller's next read (are receivers waiting?) must not move above it
        SEQ.setVolatile(seqs, i, ticket + 1);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T take() {
        for (;;) {
            long h = head;
            int i = (int) h & mask;
            long seq = (long) SEQ.getVolatile(seqs, i); // volatile: read after a waiter enqueued
            if (seq < h + 1) {
                return null; // empty, or the head's putter has not published yet
            }
            if (seq == h + 1 && HEAD.compareAndSet(this, h, h + 1)) {
                Object value = elements[i];
                elements[i] = null;
                SEQ.setRelease(seqs, i, h + mask + 1);
                return (T) value;
            }
            // another taker won head h; try the next one
        }
    }
}
