package dev.weft;

import dev.weft.rethrow.Throw;
import java.util.List;
import java.util.Objects;

/**
 * The future behind {@link Select#firstSuccess}: a success wins and stops the others; failures are
 * collected until none is left running.
 */
final class FirstSuccess<T> implements Future<T>, Cancellable {
    private final Fanout<T> contenders = new Fanout<>();
    private Throwable firstFailure;
    private boolean finished;

    FirstSuccess(List<? extends Future<? extends T>> futures) {
        if (futures.isEmpty()) {
            throw new IllegalArgumentException("firstSuccess of no futures could never succeed");
        }
        for (Future<? extends T> f : futures) {
            contenders.add(Objects.requireNonNull(f, "future"));
        }
    }

    @Override
    public Poll<T> poll(Context cx) {
        if (finished) {
            throw new IllegalStateException("firstSuccess polled after it finished");
        }
        for (;;) {
            int id = contenders.pollNext(cx);
            if (id == Fanout.PENDING) {
                return Poll.pending();
            }
            if (id == Fanout.EMPTY) {
                finished = true;
                throw Throw.unchecked(firstFailure);
            }
            Throwable failed = contenders.failure;
            if (failed == null) {
                finished = true;
                T value = contenders.output;
                contenders.cancelAll();
                return Poll.ready(value);
            }
            if (firstFailure == null) {
                firstFailure = failed;
            } else if (failed != firstFailure) {
                firstFailure.addSuppressed(failed);
            }
        }
    }

    @Override
    public void cancel() {
        contenders.cancelAll();
    }
}
