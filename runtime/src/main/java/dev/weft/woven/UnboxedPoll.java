package dev.weft.woven;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;

/**
 * A runtime future that can answer a poll without a {@link Poll}: {@link Await#poll} calls
 * {@link #pollUnboxed} instead of {@link Future#poll}, so awaiting a ready channel receive, join
 * handle, one-shot, timer or socket operation allocates nothing. Not for users.
 *
 * <p>Why it is here and not on {@code Future}: {@code Future.poll} is the one contract users
 * implement and call, and a second way to poll would be a second thing to get right in every
 * hand-written future and combinator. Only woven code's await asks for the unboxed answer, and
 * only futures of the runtime offer it, each answering exactly what its {@code poll} would (the
 * same value, the same failure, the same waker registered), which {@link #boxed} turns back into a
 * {@code Poll} for everyone else. A future that does not implement this is polled through
 * {@code Future.poll} as before.
 */
public interface UnboxedPoll {
    /**
     * The same step as {@link Future#poll}: the value (which may be null) when ready, or
     * {@link Coroutine#SUSPENDED} after the context's waker was registered; failures thrown.
     */
    Object pollUnboxed(Context cx);

    /**
     * Polls {@code f} for a runtime future that wraps it (a timeout, say): unboxed when {@code f}
     * offers it, a coroutine stepped directly, any other future through {@code poll}. The answer is
     * as {@link #pollUnboxed}'s.
     */
    static Object pollOf(Future<?> f, Context cx) {
        if (f instanceof Coroutine<?> c) {
            return c.step(cx);
        }
        if (f instanceof UnboxedPoll u) {
            return u.pollUnboxed(cx);
        }
        Poll<?> p = f.poll(cx);
        return p.isReady() ? p.value() : Coroutine.SUSPENDED;
    }

    /**
     * The {@code Poll} for an answer of {@link #pollUnboxed}: how such a future's {@code poll}
     * is written. A ready null (a completed send, a sleep) is one shared instance.
     */
    @SuppressWarnings("unchecked")
    static <T> Poll<T> boxed(Object answer) {
        if (answer == Coroutine.SUSPENDED) {
            return Poll.pending();
        }
        return answer == null ? (Poll<T>) Await.READY_NULL : Poll.ready((T) answer);
    }
}
