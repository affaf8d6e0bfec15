package dev.weft.woven;

import java.util.ArrayList;
import java.util.List;

/**
 * The await chain of a suspended coroutine, read from the frames themselves: no stack is walked and
 * nothing is recorded while the code runs, so it costs nothing until it is asked for.
 *
 * <pre>{@code
 * Future<String> f = shop.checkout(cart);   // a woven coroutine
 * f.poll(cx);                               // suspends inside shop.pay(..)
 * LogicalStack.of(f);   // [Shop.pay(Shop.java:41), Shop.checkout(Shop.java:17)]
 * LogicalStack.leaf(f); // the future pay(..) waits on, e.g. a socket read
 * }</pre>
 *
 * <p>Reading a frame that another thread is polling gives the site it last suspended at: fields
 * are read without synchronization, so the answer is a snapshot that may be one step old.
 */
public final class LogicalStack {
    private LogicalStack() {}

    /**
     * Where each coroutine in the chain is suspended, innermost first as in a stack trace; empty when
     * {@code future} is not a suspended coroutine. A frame whose class has no line numbers gives an
     * element with line -1 and no file name.
     */
    public static List<StackTraceElement> of(Object future) {
        List<StackTraceElement> out = new ArrayList<>();
        for (Object f = future; f instanceof Coroutine<?> c; f = c.awaitedFuture()) {
            StackTraceElement at = c.suspendedAt();
            if (at == null) {
                break;
            }
            out.add(0, at);
        }
        return out;
    }

    /**
     * The future the innermost suspended coroutine of the chain waits on: a leaf future (a timer, a
     * socket read, a channel receive, a task's handle), or {@code future} itself when it is not a
     * suspended coroutine.
     */
    public static Object leaf(Object future) {
        Object f = future;
        while (f instanceof Coroutine<?> c && c.awaitedFuture() != null) {
            f = c.awaitedFuture();
        }
        return f;
    }
}
