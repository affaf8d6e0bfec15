package dev.weft;

import dev.weft.woven.Await;
import dev.weft.woven.Coroutine;

/**
 * What the weaver makes of {@code T method() { return ready(await(awaited)); }}, by hand, with
 * the two overrides the weaver's line table gives each frame class: where it is suspended and on
 * what. Like a woven frame it takes its awaited future back while it runs, so a frame being
 * resumed reports no await.
 */
public final class HandFrame<T> extends Coroutine<T> {
    private final StackTraceElement at;
    private final Future<T> awaited;
    private Object pending;

    /** A frame of {@code Host.method} suspended at {@code Host.java:line} while {@code awaited} is pending. */
    public HandFrame(String host, String method, int line, Future<T> awaited) {
        this.at = new StackTraceElement(host, method, host.substring(host.lastIndexOf('.') + 1) + ".java", line);
        this.awaited = awaited;
    }

    /** The element {@link #suspendedAt()} answers while suspended. */
    public StackTraceElement at() {
        return at;
    }

    @Override
    protected Object resume(Context cx) {
        pending = null;
        Object result = Await.poll(awaited, cx, this);
        if (result == SUSPENDED) {
            pending = awaited;
        }
        return result;
    }

    @Override
    protected StackTraceElement suspendedAt() {
        return pending != null ? at : null;
    }

    @Override
    protected Object awaitedFuture() {
        return pending;
    }
}
