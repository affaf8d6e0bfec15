package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks that events happen in a given order, from any threads: each event calls
 * {@code expect(n)} with its position, and the counter must be at {@code n} when it does.
 *
 * <pre>{@code
 * Order order = new Order();
 * order.expect(0); // first
 * order.expect(1); // then this
 * order.finish(2); // and nothing else
 * }</pre>
 */
public final class Order {
    private final AtomicInteger next = new AtomicInteger();

    public void expect(int position) {
        int actual = next.getAndIncrement();
        assertEquals(position, actual, "event " + position + " happened at position " + actual);
    }

    public void finish(int count) {
        assertEquals(count, next.get(), "events that happened");
    }
}
