package dev.weft.internal;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.Waker;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * A {@link Future} over a {@link CompletionStage}: ready when the stage completes; a failed stage
 * rethrows its cause, unwrapped from {@code CompletionException} and {@code ExecutionException}.
 */
final class StageFuture<T> implements Future<T> {
    private final CompletionStage<T> stage;
    private volatile Waker waker;
    private volatile boolean done;
    private boolean listening;

    StageFuture(CompletionStage<T> stage) {
        this.stage = stage;
    }

    @Override
    public Poll<T> poll(Context cx) {
        if (!done) {
            waker = cx.waker();
            if (!listening) {
                listening = true;
                stage.whenComplete((v, e) -> {
                    done = true;
                    waker.wake();
                });
            }
            if (!done) {
                return Poll.pending();
            }
        }
        return Poll.ready(outcome());
    }

    private T outcome() {
        CompletableFuture<T> cf = stage.toCompletableFuture();
        try {
            return cf.join();
        } catch (CompletionException e) {
            throw rethrowCause(e);
        }
    }

    private static RuntimeException rethrowCause(Throwable wrapper) {
        Throwable cause = wrapper;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        throw Sneaky.<RuntimeException>rethrow(cause);
    }
}
