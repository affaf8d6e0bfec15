package dev.weft.net;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;

/**
 * Test-only glue for writing socket clients and servers without the weaver: sequencing and loops
 * as futures. Each combinator is lazy and iterative (no recursion, so long loops cannot overflow).
 */
final class Flow {
    private Flow() {}

    /** A step that may throw anything; checked exceptions pass through unchanged. */
    interface Step<A, B> {
        Future<B> apply(A a) throws Exception;
    }

    interface Body {
        /** One iteration; completes with whether to go round again. */
        Future<Boolean> next() throws Exception;
    }

    /** Runs {@code first}, then the future {@code next} makes from its value. */
    static <A, B> Future<B> then(Future<A> first, Step<? super A, B> next) {
        return new Future<>() {
            Future<B> second;

            @Override
            public Poll<B> poll(Context cx) {
                if (second == null) {
                    Poll<A> a = first.poll(cx);
                    if (a.isPending()) {
                        return Poll.pending();
                    }
                    second = call(next, a.value());
                }
                return second.poll(cx);
            }
        };
    }

    /** Repeats {@code body} until an iteration completes with false. */
    static Future<Void> loop(Body body) {
        return new Future<>() {
            Future<Boolean> current;

            @Override
            public Poll<Void> poll(Context cx) {
                for (;;) {
                    if (current == null) {
                        current = call(x -> body.next(), null);
                    }
                    Poll<Boolean> p = current.poll(cx);
                    if (p.isPending()) {
                        return Poll.pending();
                    }
                    current = null;
                    if (!p.value()) {
                        return Poll.ready(null);
                    }
                }
            }
        };
    }

    /** Fills {@code buf} completely from {@code s}; fails with EOFException if the stream ends first. */
    static Future<Void> readFully(TcpStream s, java.nio.ByteBuffer buf) {
        return loop(() -> then(s.read(buf), n -> {
            if (n < 0) {
                throw new java.io.EOFException("stream ended with " + buf.remaining() + " bytes missing");
            }
            return done(buf.hasRemaining());
        }));
    }

    static <T> Future<T> done(T value) {
        return cx -> Poll.ready(value);
    }

    private static <A, B> Future<B> call(Step<? super A, B> step, A a) {
        try {
            return step.apply(a);
        } catch (Exception e) {
            throw Flow.<RuntimeException>rethrow(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E rethrow(Throwable t) throws E {
        throw (E) t;
    }
}
