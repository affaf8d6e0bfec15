package dev.weft;

import dev.weft.rethrow.Throw;
import java.util.List;
import java.util.Objects;

/**
 * Runs futures against each other: the first to finish wins, and the others are
 * {@linkplain Cancellable cancelled} at once, so their timers, I/O interest, channel slots and
 * lock-queue places are released.
 *
 * <pre>{@code
 * // a reply, or give up after a second; the loser is cancelled either way
 * Object first = await(Select.race(fetch(url), Timer.sleep(Duration.ofSeconds(1))));
 *
 * Select.Winner<Reply> w = await(Select.select(List.of(askA(), askB(), askC())));
 * log("replica " + w.index() + " answered first");
 * }</pre>
 *
 * <p>Finishing by throwing counts as finishing for {@code select} and {@code race}: the failure is
 * rethrown unchanged and the others are cancelled. {@link #firstSuccess} waits for a success
 * instead, and fails only when every future failed. When several futures are ready in the same
 * poll, the earliest in the list wins (the first poll tries them in list order).
 *
 * <p>Plain futures and {@link JoinHandle}s lose alike: a losing future is
 * {@linkplain Cancellable cancelled} (one that is not {@code Cancellable} is simply never polled
 * again) and a losing handle has its task {@linkplain JoinHandle#cancel() cancelled}. Cancelling
 * the select itself does the same to every contender.
 */
public final class Select {
    private Select() {}

    /** The winner of a {@link #select}: its position in the list and its output. */
    public record Winner<T>(int index, T value) {}

    /**
     * The output of whichever future finishes first, with its position.
     *
     * @throws IllegalArgumentException if {@code futures} is empty: nothing would ever win
     */
    public static <T> Future<Winner<T>> select(List<? extends Future<? extends T>> futures) {
        return new FirstOf<>(futures);
    }

    /** The output of whichever future finishes first; see {@link #select}. */
    public static <T> Future<T> race(List<? extends Future<? extends T>> futures) {
        FirstOf<T> first = new FirstOf<>(futures);
        return new Race<>(first);
    }

    /** The output of whichever of two futures finishes first. */
    public static <T> Future<T> race(Future<? extends T> a, Future<? extends T> b) {
        return race(List.of(a, b));
    }

    /**
     * The output of the first future to succeed; the others are cancelled then. Failures do not
     * win: when every future failed, fails with the first failure (in order of finishing), the
     * others added to it as {@linkplain Throwable#addSuppressed suppressed}. Like JDK 25's
     * {@code StructuredTaskScope.Joiner.anySuccessfulResultOrThrow()}, for futures.
     *
     * <pre>{@code
     * // whichever mirror answers; a mirror that refuses the connection does not end the race
     * byte[] page = await(Select.firstSuccess(List.of(fetch(mirrorA), fetch(mirrorB))));
     * }</pre>
     *
     * @throws IllegalArgumentException if {@code futures} is empty: nothing could succeed
     */
    public static <T> Future<T> firstSuccess(List<? extends Future<? extends T>> futures) {
        return new FirstSuccess<>(futures);
    }

    private static final class FirstOf<T> implements Future<Winner<T>>, Cancellable {
        private final Fanout<T> contenders = new Fanout<>();

        FirstOf(List<? extends Future<? extends T>> futures) {
            if (futures.isEmpty()) {
                throw new IllegalArgumentException("select of no futures would never finish");
            }
            for (Future<? extends T> f : futures) {
                contenders.add(Objects.requireNonNull(f, "future"));
            }
        }

        @Override
        public Poll<Winner<T>> poll(Context cx) {
            int id = contenders.pollNext(cx);
            if (id == Fanout.PENDING) {
                return Poll.pending();
            }
            if (id == Fanout.EMPTY) {
                throw new IllegalStateException("select polled after it finished");
            }
            Throwable failed = contenders.failure;
            T value = contenders.output;
            contenders.cancelAll();
            if (failed != null) {
                throw Throw.unchecked(failed);
            }
            return Poll.ready(new Winner<>(id, value));
        }

        @Override
        public void cancel() {
            contenders.cancelAll();
        }
    }

    /** {@link FirstOf} without the position, kept {@code Cancellable}. */
    private record Race<T>(FirstOf<T> first) implements Future<T>, Cancellable {
        @Override
        public Poll<T> poll(Context cx) {
            Poll<Winner<T>> p = first.poll(cx);
            return p.isReady() ? Poll.ready(p.value().value()) : Poll.pending();
        }

        @Override
        public void cancel() {
            first.cancel();
        }
    }
}
