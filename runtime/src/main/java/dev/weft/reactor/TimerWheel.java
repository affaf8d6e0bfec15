package dev.weft.reactor;

import java.util.function.Consumer;

/**
 * A hierarchical timer wheel with 1 ms ticks: six levels of 64 slots, each level 64 times coarser
 * than the one below, so level 0 spans 64 ms and level 5 about 2.2 years. Insert and remove are
 * O(1) (an intrusive doubly linked list per slot plus one occupancy bit); finding the next deadline
 * is a few bit operations per level. Used by the reactor thread only; not thread-safe.
 *
 * <p>An entry sits at the level of the highest 6-bit digit in which its deadline differs from
 * {@code elapsed}, in the slot named by that digit of the deadline. When time reaches a slot of a
 * higher level its entries are re-inserted, and fall to a finer level (a cascade); each entry
 * cascades at most once per level. Because every entry at level {@code n} shares all digits above
 * {@code n} with {@code elapsed}, the lowest occupied level always holds the earliest slot.
 *
 * <p>Deadlines further out than the top level can express are parked in the top level and simply
 * cascade again when their slot comes round, until they are within range.
 */
final class TimerWheel {
    private static final int BITS = 6;
    private static final int SLOTS = 1 << BITS;
    private static final int LEVELS = 6;

    private final TimerEntry[] heads = new TimerEntry[LEVELS * SLOTS];
    private final long[] occupied = new long[LEVELS];
    private long elapsed; // the tick up to which every deadline has been processed
    private int size;

    /** Number of linked entries. */
    int size() {
        return size;
    }

    /**
     * Links {@code e} to fire at {@code deadlineTick}.
     *
     * @return false if that tick has already been processed (the caller fires it at once)
     */
    boolean insert(TimerEntry e, long deadlineTick) {
        if (deadlineTick <= elapsed) {
            return false;
        }
        e.deadlineTick = deadlineTick;
        link(e);
        size++;
        return true;
    }

    /** Unlinks {@code e} if it is linked; O(1). */
    void remove(TimerEntry e) {
        if (e.slot >= 0) {
            unlink(e);
            size--;
        }
    }

    /**
     * The tick of the earliest occupied slot, or -1 when the wheel is empty. A slot of a higher
     * level may hold entries due later than this tick (they cascade then), so this is when the
     * reactor must next look, not necessarily when something fires.
     */
    long nextSlotTick() {
        for (int level = 0; level < LEVELS; level++) {
            if (occupied[level] != 0) {
                return slotTick(level);
            }
        }
        return -1;
    }

    /**
     * Processes every slot due at or before {@code now}: entries due fire through {@code fire},
     * the rest cascade to finer levels. Afterwards {@code elapsed == now}.
     */
    void advance(long now, Consumer<TimerEntry> fire) {
        for (;;) {
            long tick = nextSlotTick();
            if (tick < 0 || tick > now) {
                break;
            }
            elapsed = tick;
            int level = lowestOccupiedLevel();
            int slot = (int) (tick >>> (level * BITS)) & (SLOTS - 1);
            TimerEntry e = takeSlot(level * SLOTS + slot);
            while (e != null) {
                TimerEntry next = e.next;
                e.next = null;
                e.prev = null;
                e.slot = -1;
                if (e.deadlineTick <= elapsed) {
                    size--;
                    fire.accept(e);
                } else {
                    link(e);
                }
                e = next;
            }
        }
        if (now > elapsed) {
            elapsed = now;
        }
    }

    private int lowestOccupiedLevel() {
        for (int level = 0; level < LEVELS; level++) {
            if (occupied[level] != 0) {
                return level;
            }
        }
        return -1;
    }

    private long slotTick(int level) {
        int shift = level * BITS;
        int current = (int) (elapsed >>> shift) & (SLOTS - 1);
        long rotated = Long.rotateRight(occupied[level], current);
        int slot = (current + Long.numberOfTrailingZeros(rotated)) & (SLOTS - 1);
        long levelSpan = 1L << (shift + BITS);
        long tick = (elapsed & -levelSpan) + ((long) slot << shift);
        if (tick <= elapsed && level > 0) {
            // Only the top level can hold a slot at or behind the current digit: an entry parked
            // there for a later turn of the whole wheel.
            tick += levelSpan;
        }
        return tick;
    }

    private void link(TimerEntry e) {
        long differ = (elapsed ^ e.deadlineTick) | (SLOTS - 1);
        int level = Math.min((63 - Long.numberOfLeadingZeros(differ)) / BITS, LEVELS - 1);
        int slot = (int) (e.deadlineTick >>> (level * BITS)) & (SLOTS - 1);
        int index = level * SLOTS + slot;
        TimerEntry head = heads[index];
        e.prev = null;
        e.next = head;
        if (head != null) {
            head.prev = e;
        }
        heads[index] = e;
        e.slot = index;
        occupied[level] |= 1L << slot;
    }

    private void unlink(TimerEntry e) {
        int index = e.slot;
        if (e.prev != null) {
            e.prev.next = e.next;
        } else {
            heads[index] = e.next;
        }
        if (e.next != null) {
            e.next.prev = e.prev;
        }
        if (heads[index] == null) {
            occupied[index / SLOTS] &= ~(1L << (index % SLOTS));
        }
        e.prev = null;
        e.next = null;
        e.slot = -1;
    }

    private TimerEntry takeSlot(int index) {
        TimerEntry head = heads[index];
        heads[index] = null;
        occupied[index / SLOTS] &= ~(1L << (index % SLOTS));
        return head;
    }
}
