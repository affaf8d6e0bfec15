package dev.weft;

import dev.weft.rethrow.Throw;

/**
 * {@link Async#fallible}: starts its body at the first poll, so calling the coroutine method runs
 * nothing even when the body has no await (and so was not woven), then polls the body's future.
 * A failure of the body, checked or not, is thrown from {@code poll} unchanged.
 *
 * <pre>
 * state      event        next       effect
 * --------   ----------   --------   -----------------------------------------
 * new        poll         started    body.start(), then the first poll of its future
 * new        cancel       done       the body never runs
 * started    poll         started    polls the body's future
 * started    cancel       done       cancels the body's future (a coroutine unwinds)
 * </pre>
 */
final class DeferredFallible<T, X extends Exception> implements FallibleFuture<T, X>, Cancellable, Described {
    private FallibleFuture.Body<T, X> body;
    private Future<T> started;

    DeferredFallible(FallibleFuture.Body<T, X> body) {
        this.body = body;
    }

    @Override
    public Poll<T> poll(Context cx) {
        if (started == null) {
            if (body == null) {
                throw new IllegalStateException("a cancelled Async.fallible future was polled");
            }
            started = start();
        }
        return started.poll(cx);
    }

    private Future<T> start() {
        FallibleFuture.Body<T, X> b = body;
        body = null;
        Future<T> f;
        try {
            f = b.start();
        } catch (Exception e) {
            throw Throw.unchecked(e);
        }
        if (f == null) {
            throw new NullPointerException("the body given to Async.fallible returned null");
        }
        return f;
    }

    @Override
    public void cancel() {
        body = null;
        Cancellable.cancel(started);
    }

    @Override
    public String describe() {
        return started == null ? "Async.fallible, not started" : Described.of(started);
    }

    @Override
    public Object inner() {
        return started;
    }
}
