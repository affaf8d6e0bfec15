package dev.weft;

import dev.weft.rethrow.Throw;
import java.util.concurrent.CancellationException;
import java.util.function.Function;

/**
 * The future {@link Scope#run} returns: polls the body and watches the children's handles through
 * a {@link Fanout}, so each child's outcome is read the moment it wakes the scope.
 *
 * <pre>
 * state      event                                  next       effect
 * --------   ------------------------------------   --------   ------------------------------------
 * new        first poll                             running    body called with the scope
 * running    body or child fails                    failing    body cancelled, live children cancelled
 * running    body done, no child left               done       body's output
 * failing    a child fails (not cancellation)       failing    added to the first failure, suppressed
 * failing    no child left                          done       throws the first failure
 * any live   cancel                                 cancelled  body and children cancelled, scope closed
 * </pre>
 *
 * <p>Only the owner (the party polling the scope) polls and cancels; children may be spawned into
 * the scope from any thread, and {@link Scope} hands them over at the next poll.
 */
final class ScopeRun<T> implements Future<T>, Cancellable, Described {
    private final Scope scope = new Scope();
    private final Fanout<Object> children = new Fanout<>();
    private Function<? super Scope, ? extends Future<T>> start;
    private Future<T> body;
    private boolean bodyDone;
    private T output;
    private Throwable failure;
    private boolean finished;

    ScopeRun(Function<? super Scope, ? extends Future<T>> start) {
        this.start = start;
    }

    @Override
    public Poll<T> poll(Context cx) {
        if (finished) {
            throw new IllegalStateException("scope polled after it finished");
        }
        scope.ownerPolling(cx.waker(), true);
        try {
            pollBody(cx);
            pollChildren(cx);
        } finally {
            scope.ownerPolling(cx.waker(), false);
        }
        if (!bodyDone || children.live() > 0 || !scope.closeIfQuiet()) {
            return Poll.pending();
        }
        finished = true;
        if (failure != null) {
            throw Throw.unchecked(failure);
        }
        return Poll.ready(output);
    }

    private void pollBody(Context cx) {
        if (bodyDone) {
            return;
        }
        try {
            if (start != null) {
                Function<? super Scope, ? extends Future<T>> s = start;
                start = null;
                body = s.apply(scope);
            }
            Poll<T> p = body.poll(cx);
            if (p.isReady()) {
                bodyDone = true;
                body = null;
                output = p.value();
            }
        } catch (Throwable t) {
            bodyDone = true;
            body = null;
            fail(t);
        }
    }

    private void pollChildren(Context cx) {
        for (;;) {
            for (JoinHandle<?> h : scope.takeSpawned()) {
                children.add(h);
                if (failure != null) {
                    h.cancel();
                }
            }
            int id = children.pollNext(cx);
            if (id == Fanout.PENDING || id == Fanout.EMPTY) {
                return;
            }
            Throwable t = children.failure;
            if (t != null && !(t instanceof CancellationException)) {
                fail(t);
            }
        }
    }

    private void fail(Throwable t) {
        if (failure != null) {
            if (t != failure) {
                failure.addSuppressed(t);
            }
            return;
        }
        failure = t;
        scope.startCancelling();
        Future<T> b = body;
        body = null;
        if (!bodyDone) {
            bodyDone = true;
            Cancellable.cancel(b);
        }
        output = null;
        children.forEachLive(Fanout::stop);
    }

    @Override
    public void cancel() {
        start = null;
        Future<T> b = body;
        body = null;
        bodyDone = true;
        Cancellable.cancel(b);
        for (JoinHandle<?> h : scope.close()) {
            h.cancel();
        }
        children.cancelAll();
    }

    /** Its children are tasks of their own in a dump; while the body runs, the dump looks into it. */
    @Override
    public Object inner() {
        return bodyDone ? null : body;
    }

    @Override
    public String describe() {
        return "scope, waiting for " + children.live() + (children.live() == 1 ? " child task" : " child tasks");
    }

    @Override
    public String toString() {
        return "Scope[" + (finished ? "finished" : failure != null ? "failing" : "running") + ", " + children.live()
                + " children]";
    }
}
