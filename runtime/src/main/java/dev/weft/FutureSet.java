package dev.weft;

import dev.weft.rethrow.Throw;
import java.util.NoSuchElementException;

/**
 * A growing set of futures whose outputs come out in the order they finish. Each member has its own
 * waker, so polling the set polls only the members that were woken since the last poll, not all of
 * them: fanning out to thousands of requests costs per reply, not per reply times requests.
 *
 * <pre>{@code
 * FutureSet<Reply> inFlight = new FutureSet<>();
 * for (Host h : hosts) {
 *     inFlight.add(ask(h));
 * }
 * while (!inFlight.isEmpty()) {
 *     Reply r = await(inFlight.next());   // whichever answered first
 *     handle(r);
 * }
 * }</pre>
 *
 * <p>A member that throws is removed and {@link #next()} rethrows its failure unchanged; the set
 * stays usable. The set belongs to one owner: {@code add}, {@code next} and {@code cancel} are not
 * for concurrent use (the members' wakers are, from any thread). {@link #cancel()} cancels every
 * member still running, the task of a {@link JoinHandle} member included.
 *
 * @param <T> the members' output type
 */
public final class FutureSet<T> implements Cancellable {
    private final Fanout<T> members = new Fanout<>();

    /** Adds {@code future}; it is first polled by the next poll of {@link #next()}. */
    public void add(Future<? extends T> future) {
        members.add(java.util.Objects.requireNonNull(future, "future"));
    }

    /** How many members have not finished yet. */
    public int size() {
        return members.live();
    }

    public boolean isEmpty() {
        return members.live() == 0;
    }

    /**
     * Polls the woken members until one finishes and answers its output (or rethrows its failure);
     * pending when none has.
     *
     * @throws NoSuchElementException if the set is empty: an empty set would never wake its owner
     */
    public Poll<T> pollNext(Context cx) {
        int id = members.pollNext(cx);
        if (id == Fanout.PENDING) {
            return Poll.pending();
        }
        if (id == Fanout.EMPTY) {
            throw new NoSuchElementException("next() on an empty FutureSet");
        }
        if (members.failure != null) {
            throw Throw.unchecked(members.failure);
        }
        return Poll.ready(members.output);
    }

    /**
     * A future for the next member to finish. Dropping or cancelling this future leaves the set and
     * its members untouched.
     */
    public Future<T> next() {
        return this::pollNext;
    }

    /** Cancels every member still running; the set is empty afterwards. */
    @Override
    public void cancel() {
        members.cancelAll();
    }
}
