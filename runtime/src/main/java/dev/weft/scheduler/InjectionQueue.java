package dev.weft.scheduler;

import java.util.AbstractQueue;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The queue through which threads outside an executor hand it tasks (a spawn from outside, a wake
 * from the reactor or a timer): FIFO, any number of producers and consumers, and no allocation per
 * entry, unlike a {@code ConcurrentLinkedQueue}'s node per element. Entries go into linked chunks
 * of {@value #CHUNK} slots, so a spawn or a wake from outside costs a slot, plus a new chunk every
 * {@value #CHUNK} entries.
 *
 * <p>The two-lock design of {@code LinkedBlockingQueue}, over chunks: producers append under
 * {@code putLock}, consumers take under {@code takeLock}, so a producer never waits for a
 * consumer. {@code count} is how they meet: a producer increments it after storing its entry (and
 * linking a new chunk, if it needed one), a consumer takes only while it is positive, so every
 * entry a consumer reads was published by the increment it saw. A poll of an empty queue reads
 * {@code count} and takes no lock; an add is a sequentially consistent write of {@code count}, as
 * an executor's parking protocol needs (it adds, then reads whether the consumer parked).
 */
final class InjectionQueue extends AbstractQueue<Task<?>> {
    private static final int CHUNK = 32;

    /** One run of slots; {@code next} is linked by the producer that fills this one. */
    private static final class Chunk {
        final Task<?>[] slots = new Task<?>[CHUNK];
        Chunk next; // written under putLock before the count increment that publishes its first entry
    }

    private final Object putLock = new Object();
    private final Object takeLock = new Object();
    private final AtomicInteger count = new AtomicInteger();
    private Chunk tail = new Chunk(); // guarded by putLock
    private int tailIndex; // guarded by putLock: the next free slot of tail
    private Chunk head = tail; // guarded by takeLock
    private int headIndex; // guarded by takeLock: the oldest entry's slot in head

    @Override
    public boolean offer(Task<?> task) {
        if (task == null) {
            throw new NullPointerException("task");
        }
        synchronized (putLock) {
            if (tailIndex == CHUNK) {
                Chunk next = new Chunk();
                tail.next = next;
                tail = next;
                tailIndex = 0;
            }
            tail.slots[tailIndex++] = task;
            count.getAndIncrement();
        }
        return true;
    }

    @Override
    public Task<?> poll() {
        if (count.get() == 0) {
            return null;
        }
        synchronized (takeLock) {
            if (count.get() == 0) {
                return null;
            }
            if (headIndex == CHUNK) {
                head = head.next; // linked: an entry published past this chunk's end is in it
                headIndex = 0;
            }
            Task<?> task = head.slots[headIndex];
            head.slots[headIndex++] = null; // the queue must not keep a finished task reachable
            count.getAndDecrement();
            return task;
        }
    }

    @Override
    public Task<?> peek() {
        if (count.get() == 0) {
            return null;
        }
        synchronized (takeLock) {
            if (count.get() == 0) {
                return null;
            }
            return headIndex == CHUNK ? head.next.slots[0] : head.slots[headIndex];
        }
    }

    @Override
    public int size() {
        return count.get();
    }

    @Override
    public boolean isEmpty() {
        return count.get() == 0;
    }

    /** A copy of the entries, oldest first, taken with both locks held (a diagnostic, not a hot path). */
    @Override
    public Iterator<Task<?>> iterator() {
        List<Task<?>> copy = new ArrayList<>();
        synchronized (takeLock) {
            synchronized (putLock) {
                Chunk c = head;
                int i = headIndex;
                for (int left = count.get(); left > 0; left--) {
                    if (i == CHUNK) {
                        c = c.next;
                        i = 0;
                    }
                    copy.add(c.slots[i++]);
                }
            }
        }
        return java.util.Collections.unmodifiableList(copy).iterator();
    }
}
