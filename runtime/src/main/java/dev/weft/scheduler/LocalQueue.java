package dev.weft.scheduler;

import java.lang.invoke.ConstantBootstraps;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Queue;

/**
 * A worker's bounded run queue: a ring of {@link #CAPACITY} slots that only its owner pushes to,
 * that its owner pops from (oldest first), and that other workers steal half of.
 *
 * <p>Positions are ever-increasing ints (wrapping is fine: only differences are used). The owner
 * alone writes {@code tail}. {@code head} packs two positions into one long so they change in one
 * CAS:
 *
 * <pre>
 * head = steal (high 32 bits) | real (low 32 bits)
 *
 * state                    meaning                                   who moves on
 * ----------------------   ---------------------------------------   ---------------------------------
 * steal == real            no steal in progress                      owner pop: real+1 (and steal with it)
 *                                                                    a stealer claims n: real+n, steal stays
 * steal != real            one stealer is copying [steal, real)      owner pop: real+1, steal stays
 *                                                                    other stealers back off
 *                                                                    the stealer, when done: steal = real
 * </pre>
 *
 * <p>Slots in [steal, tail) are in use: the owner pushes only while {@code tail - steal < CAPACITY},
 * so it never overwrites a slot a stealer is still copying. Popping and stealing both take from the
 * head by CAS, so every entry leaves the queue exactly once.
 */
final class LocalQueue {
    static final int CAPACITY = 256; // a power of two
    private static final int MASK = CAPACITY - 1;

    private static final VarHandle HEAD =
            ConstantBootstraps.fieldVarHandle(MethodHandles.lookup(), "head", VarHandle.class, LocalQueue.class, long.class);
    private static final VarHandle TAIL =
            ConstantBootstraps.fieldVarHandle(MethodHandles.lookup(), "tail", VarHandle.class, LocalQueue.class, int.class);

    private final Task<?>[] slots = new Task<?>[CAPACITY];
    @SuppressWarnings("unused") // accessed through HEAD
    private volatile long head;
    @SuppressWarnings("unused") // accessed through TAIL
    private volatile int tail;

    private static long pack(int steal, int real) {
        return ((long) steal << 32) | (real & 0xFFFF_FFFFL);
    }

    private static int steal(long head) {
        return (int) (head >>> 32);
    }

    private static int real(long head) {
        return (int) head;
    }

    /** How many entries are queued; a snapshot, exact only for the owner between its own operations. */
    int size() {
        long h = (long) HEAD.getVolatile(this);
        return (int) TAIL.getVolatile(this) - real(h);
    }

    boolean isEmpty() {
        return size() <= 0;
    }

    /**
     * Owner only. Appends {@code task}; when the ring is full, moves half of it plus {@code task} to
     * {@code overflow} instead, and answers true so the caller can tell idle workers about it.
     */
    boolean push(Task<?> task, Queue<Task<?>> overflow) {
        for (;;) {
            long h = (long) HEAD.getVolatile(this);
            int t = (int) TAIL.getOpaque(this);
            if (t - steal(h) < CAPACITY) {
                slots[t & MASK] = task;
                TAIL.setRelease(this, t + 1); // publishes the slot to stealers that read tail
                return false;
            }
            if (steal(h) != real(h)) {
                // A stealer is about to free room, but waiting for it could take long: overflow this one.
                overflow.add(task);
                return true;
            }
            if (moveHalfTo(h, task, overflow)) {
                return true;
            }
            // a stealer or nobody (we are the only popper) changed head: look again
        }
    }

    private boolean moveHalfTo(long h, Task<?> task, Queue<Task<?>> overflow) {
        int real = real(h);
        int half = CAPACITY / 2;
        if (!HEAD.compareAndSet(this, h, pack(real + half, real + half))) {
            return false;
        }
        for (int i = 0; i < half; i++) {
            int slot = (real + i) & MASK;
            overflow.add(slots[slot]);
            slots[slot] = null;
        }
        overflow.add(task);
        return true;
    }

    /** Owner only. The oldest entry, or null when empty. */
    Task<?> pop() {
        for (;;) {
            long h = (long) HEAD.getVolatile(this);
            int real = real(h);
            int t = (int) TAIL.getOpaque(this);
            if (real == t) {
                return null;
            }
            int steal = steal(h);
            long next = steal == real ? pack(real + 1, real + 1) : pack(steal, real + 1);
            if (HEAD.compareAndSet(this, h, next)) {
                int slot = real & MASK;
                Task<?> task = slots[slot];
                slots[slot] = null; // the finished task should not stay reachable from here
                return task;
            }
        }
    }

    /**
     * Called by the owner of {@code into}, whose queue is empty: moves half of this queue's entries
     * (rounded up) into {@code into} and returns one of them to run now, or null when there was
     * nothing to take or another stealer is busy here.
     */
    Task<?> stealHalfInto(LocalQueue into) {
        long h;
        int first;
        int n;
        int intoTail = (int) TAIL.getOpaque(into);
        // Entries other stealers are still copying out of `into` occupy slots too.
        int room = CAPACITY - (intoTail - steal((long) HEAD.getVolatile(into)));
        for (;;) {
            h = (long) HEAD.getVolatile(this);
            int steal = steal(h);
            first = real(h);
            if (steal != first) {
                return null; // one stealer at a time
            }
            int available = (int) TAIL.getAcquire(this) - first;
            if (available <= 0) {
                return null;
            }
            n = Math.min(available - available / 2, room + 1); // one runs now, never stored
            if (HEAD.compareAndSet(this, h, pack(steal, first + n))) {
                break;
            }
        }
        // [first, first + n) is ours; the owner cannot reuse those slots until we move steal on.
        for (int i = 0; i < n - 1; i++) {
            int slot = (first + i) & MASK;
            into.slots[(intoTail + i) & MASK] = slots[slot];
            slots[slot] = null;
        }
        int lastSlot = (first + n - 1) & MASK;
        Task<?> runNow = slots[lastSlot];
        slots[lastSlot] = null;
        for (;;) {
            long cur = (long) HEAD.getVolatile(this);
            int real = real(cur);
            if (HEAD.compareAndSet(this, cur, pack(real, real))) {
                break;
            }
        }
        if (n > 1) {
            TAIL.setRelease(into, intoTail + n - 1);
        }
        return runNow;
    }
}
