package dev.weft;

import dev.weft.rethrow.Throw;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Waits for several futures at once, polling them concurrently within one task.
 *
 * <pre>{@code
 * import static dev.weft.Join.join;
 *
 * Join.Pair<User, List<Order>> both = await(join(loadUser(id), loadOrders(id)));
 * List<Price> prices = await(Join.joinAll(quotes));
 * }</pre>
 *
 * <p>Two failure policies:
 * <ul>
 *   <li>{@code join} and {@code joinAll} let every future finish, then rethrow the first failure
 *       (in order of finishing) unchanged; later failures are dropped.</li>
 *   <li>{@code tryJoin} and {@code tryJoinAll} stop at the first failure: the futures still
 *       running are {@linkplain Cancellable cancelled} and the failure is rethrown unchanged.</li>
 * </ul>
 *
 * <p>Each future has its own waker, so a wake polls only the future it belongs to. Cancelling the
 * joined future cancels every future it still runs.
 *
 * <p>Plain futures and {@link JoinHandle}s are treated alike: a join owns what it was given, so
 * whatever it stops waiting for is stopped. When {@code tryJoin} stops at a failure, or the join is
 * cancelled, each future still running is {@linkplain Cancellable cancelled} and each handle still
 * running has its task {@linkplain JoinHandle#cancel() cancelled}. A cancelled task stops at its
 * next await, after the join has already failed; {@link Scope} also waits for its cancelled
 * children to finish.
 */
public final class Join {
    private Join() {}

    /** The outputs of two joined futures. */
    public record Pair<A, B>(A first, B second) {}

    /** The outputs of three joined futures. */
    public record Triple<A, B, C>(A first, B second, C third) {}

    /** Both outputs, once both futures finished. */
    @SuppressWarnings("unchecked")
    public static <A, B> Future<Pair<A, B>> join(Future<A> a, Future<B> b) {
        return new AllOf<>(List.of(a, b), false, out -> new Pair<>((A) out[0], (B) out[1]));
    }

    /** All three outputs, once all three futures finished. */
    @SuppressWarnings("unchecked")
    public static <A, B, C> Future<Triple<A, B, C>> join(Future<A> a, Future<B> b, Future<C> c) {
        return new AllOf<>(List.of(a, b, c), false, out -> new Triple<>((A) out[0], (B) out[1], (C) out[2]));
    }

    /** Like {@link #join(Future, Future)}, but the first failure cancels the other future. */
    @SuppressWarnings("unchecked")
    public static <A, B> Future<Pair<A, B>> tryJoin(Future<A> a, Future<B> b) {
        return new AllOf<>(List.of(a, b), true, out -> new Pair<>((A) out[0], (B) out[1]));
    }

    /** Like {@link #join(Future, Future, Future)}, but the first failure cancels the others. */
    @SuppressWarnings("unchecked")
    public static <A, B, C> Future<Triple<A, B, C>> tryJoin(Future<A> a, Future<B> b, Future<C> c) {
        return new AllOf<>(List.of(a, b, c), true, out -> new Triple<>((A) out[0], (B) out[1], (C) out[2]));
    }

    /** Every output, in the order of {@code futures} (not of finishing), once all finished. */
    public static <T> Future<List<T>> joinAll(List<? extends Future<? extends T>> futures) {
        return new AllOf<>(futures, false, Join::asList);
    }

    /** Like {@link #joinAll}, but the first failure cancels the futures still running. */
    public static <T> Future<List<T>> tryJoinAll(List<? extends Future<? extends T>> futures) {
        return new AllOf<>(futures, true, Join::asList);
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> asList(Object[] outputs) {
        return Collections.unmodifiableList(new ArrayList<>((List<T>) Arrays.asList(outputs)));
    }

    /** The joined future: collects outputs by position until every child finished. */
    private static final class AllOf<R> implements Future<R>, Cancellable {
        private final Fanout<Object> children = new Fanout<>();
        private final Object[] outputs;
        private final boolean failFast;
        private final Function<Object[], R> result;
        private Throwable firstFailure;
        private boolean finished;

        AllOf(List<? extends Future<?>> futures, boolean failFast, Function<Object[], R> result) {
            this.outputs = new Object[futures.size()];
            this.failFast = failFast;
            this.result = result;
            for (Future<?> f : futures) {
                children.add(Objects.requireNonNull(f, "future"));
            }
        }

        @Override
        public Poll<R> poll(Context cx) {
            if (finished) {
                throw new IllegalStateException("join polled after it finished");
            }
            for (;;) {
                int id = children.pollNext(cx);
                if (id == Fanout.PENDING) {
                    return Poll.pending();
                }
                if (id == Fanout.EMPTY) {
                    finished = true;
                    if (firstFailure != null) {
                        throw Throw.unchecked(firstFailure);
                    }
                    return Poll.ready(result.apply(outputs));
                }
                Throwable failed = children.failure;
                if (failed == null) {
                    outputs[id] = children.output;
                } else if (failFast) {
                    finished = true;
                    children.cancelAll();
                    throw Throw.unchecked(failed);
                } else if (firstFailure == null) {
                    firstFailure = failed;
                }
            }
        }

        @Override
        public void cancel() {
            children.cancelAll();
        }
    }
}
