package dev.weft.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The wheel alone, driven by explicit ticks: no threads, no clock. */
class TimerWheelTest {
    static final class Entry extends TimerEntry {
        final long due;
        long firedAt = -1;

        Entry(long due) {
            this.due = due;
        }
    }

    private final TimerWheel wheel = new TimerWheel();
    private final List<Entry> fired = new ArrayList<>();

    private void advance(long now) {
        wheel.advance(now, e -> {
            Entry x = (Entry) e;
            x.firedAt = now;
            fired.add(x);
        });
    }

    @Test
    void firesEachEntryAtTheFirstAdvancePastItsDeadlineAcrossAllLevels() {
        SplittableRandom rnd = new SplittableRandom(6);
        List<Entry> all = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            // deadlines spread over every level: 1 tick to about 2^33 ticks
            long due = 1 + (rnd.nextLong(1L << rnd.nextInt(1, 34)));
            Entry e = new Entry(due);
            assertTrue(wheel.insert(e, due));
            all.add(e);
        }
        assertEquals(all.size(), wheel.size());
        long now = 0;
        while (wheel.size() > 0) {
            long prev = now;
            // jump to the next slot the wheel reports, sometimes a bit beyond it
            long next = wheel.nextSlotTick();
            assertTrue(next > prev, "next slot " + next + " not after " + prev);
            now = next + (rnd.nextBoolean() ? 0 : rnd.nextLong(1, 5));
            int before = fired.size();
            advance(now);
            for (Entry e : fired.subList(before, fired.size())) {
                assertTrue(e.due <= now && e.due > prev, "entry due " + e.due + " fired in (" + prev + ", " + now + "]");
            }
        }
        assertEquals(all.size(), fired.size());
    }

    @Test
    void removedEntriesNeverFireAndLeaveTheCount() {
        Entry keep = new Entry(100);
        Entry drop = new Entry(100);
        Entry far = new Entry(1L << 30);
        wheel.insert(keep, 100);
        wheel.insert(drop, 100);
        wheel.insert(far, 1L << 30);
        assertEquals(3, wheel.size());
        wheel.remove(drop);
        wheel.remove(far);
        wheel.remove(far); // a second remove is a no-op
        assertEquals(1, wheel.size());
        advance(99);
        assertTrue(fired.isEmpty());
        advance(100);
        assertEquals(List.of(keep), fired);
        assertEquals(-1, wheel.nextSlotTick());
    }

    @Test
    void aDeadlineAlreadyProcessedIsRefusedSoTheCallerFiresIt() {
        advance(50);
        assertFalse(wheel.insert(new Entry(50), 50));
        assertTrue(wheel.insert(new Entry(51), 51));
    }

    @Test
    void deadlinesBeyondTheTopLevelStillFireOnTime() {
        long beyond = (1L << 36) * 3 + 12345; // three turns of the whole wheel and then some
        Entry e = new Entry(beyond);
        wheel.insert(e, beyond);
        long now = 0;
        int steps = 0;
        while (fired.isEmpty()) {
            now = wheel.nextSlotTick();
            advance(now);
            assertTrue(++steps < 1000, "too many steps");
        }
        assertEquals(beyond, e.firedAt);
    }
}
