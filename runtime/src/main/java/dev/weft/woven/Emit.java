package dev.weft.woven;

import dev.weft.AsyncStream;
import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Generator;
import dev.weft.Poll;

/**
 * What woven generator and stream code calls. The weaver turns {@code emit(x)} into
 * {@code await(Emit.value(x, cx))}: the element goes into the body's {@link EmitContext} and the
 * await suspends, so an emit is a suspension point like any other and shares the coroutine's
 * frame layout. Not for users.
 */
public final class Emit {
    private static final Poll<Object> CONTINUE = Poll.ready(null);

    /**
     * The future every emit awaits: pending while the element waits in the slot (so the body
     * suspends there), ready once the driver has taken it (so the body continues on resume).
     */
    private static final Future<Object> HANDED_OVER = cx -> {
        if (!(cx instanceof EmitContext e)) {
            throw new IllegalStateException("an emit ran outside its generator's iteration (context " + cx + ")");
        }
        return e.holding() ? Poll.pending() : CONTINUE;
    };

    private Emit() {}

    /** The element of one emit: put in the slot of {@code cx}; the await of the result suspends. */
    public static Future<Object> value(Object value, Context cx) {
        if (cx instanceof EmitContext e) {
            e.offer(value);
        }
        return HANDED_OVER;
    }

    /** The generator a woven method returns: its frame, not started, to copy for each iteration. */
    public static <T> Generator<T> generator(Coroutine<?> frame) {
        return new WovenGenerator<>(frame);
    }

    /** The stream a woven method returns, over its frame. */
    public static <T> AsyncStream<T> stream(Coroutine<?> frame) {
        return new WovenStream<>(frame);
    }
}
