package dev.weft;

import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Hand-written sequencing for tests, which run without the weaving agent: what a coroutine with a
 * loop of awaits would do, spelled as futures.
 */
public final class Steps {
    private Steps() {}

    /** Runs {@code step(0)}, then {@code step(1)} ... {@code step(n - 1)}, each to completion. */
    public static Future<Void> repeat(int n, IntFunction<? extends Future<?>> step) {
        return new Future<>() {
            int i;
            Future<?> current;

            @Override
            public Poll<Void> poll(Context cx) {
                while (i < n) {
                    if (current == null) {
                        current = step.apply(i);
                    }
                    if (current.poll(cx).isPending()) {
                        return Poll.pending();
                    }
                    current = null;
                    i++;
                }
                return Poll.ready(null);
            }
        };
    }

    /** Awaits {@code first}, then the future {@code next} makes of its output. */
    public static <A, B> Future<B> then(Future<A> first, Function<? super A, ? extends Future<B>> next) {
        return new Future<>() {
            Future<B> second;

            @Override
            public Poll<B> poll(Context cx) {
                if (second == null) {
                    Poll<A> p = first.poll(cx);
                    if (p.isPending()) {
                        return Poll.pending();
                    }
                    second = next.apply(p.value());
                }
                return second.poll(cx);
            }
        };
    }

    /** A waker that counts its wakes, for driving futures by hand. */
    public static final class CountingWaker implements Waker {
        public final java.util.concurrent.atomic.AtomicInteger wakes = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void wake() {
            wakes.incrementAndGet();
        }

        public Context context() {
            return Context.of(this);
        }
    }
}
