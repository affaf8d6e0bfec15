package dev.weft.demo;

import static dev.weft.Async.await;
import static dev.weft.Async.ready;

import dev.weft.Async;
import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/** A hand-written state machine next to the coroutine the weaver makes from plain code. */
final class StateMachineTour {
    private final Clock clock;

    StateMachineTour(Clock clock) {
        this.clock = clock;
    }

    /**
     * Sums the values of two futures, by hand.
     *
     * <pre>
     * state  meaning
     * 0      not started: poll the first future
     * 1      waiting for the first future
     * 2      waiting for the second future; the first value is saved in {@code first}
     * </pre>
     */
    static final class HandWrittenSum implements Future<Integer> {
        private final Future<Integer> a;
        private final Future<Integer> b;
        private int state;
        private int first;

        HandWrittenSum(Future<Integer> a, Future<Integer> b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public Poll<Integer> poll(Context cx) {
            if (state <= 1) {
                Poll<Integer> p = a.poll(cx);
                if (p.isPending()) {
                    state = 1;
                    return Poll.pending();
                }
                first = p.value();
                state = 2;
            }
            Poll<Integer> p = b.poll(cx);
            return p.isPending() ? Poll.pending() : Poll.ready(first + p.value());
        }
    }

    /** The same logic as plain code; the agent turns it into a frame class like the one above. */
    static Future<Integer> wovenSum(Future<Integer> a, Future<Integer> b) {
        int first = await(a);
        int second = await(b);
        return ready(first + second);
    }

    private Future<Integer> later(int v) {
        await(clock.sleep(0.2));
        return ready(v);
    }

    void run() {
        System.out.println("4. A hand-written Future next to the woven coroutine");
        clock.restart();
        clock.say("hand-written: " + Async.blockOn(new HandWrittenSum(later(20), later(22))));
        clock.say("woven:        " + Async.blockOn(wovenSum(later(20), later(22))));
        describe(wovenSum(Async.ready(0), Async.ready(0)));
    }

    static void describe(Future<?> coroutine) {
        Class<?> frame = coroutine.getClass();
        List<String> fields = new ArrayList<>();
        int states = -1;
        for (Field f : frame.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                if (f.getName().equals("STATES")) {
                    try {
                        states = f.getInt(null);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            } else if (!f.getName().equals("state") && !f.getName().equals("awaiting")) {
                fields.add(f.getType().getSimpleName() + " " + f.getName());
            }
        }
        System.out.printf("  wovenSum returned a %s extends %s%n", frame.getSimpleName(),
                frame.getSuperclass().getSimpleName());
        System.out.printf("  its frame fields: %s; %d states (start + one per await), the current one and the"
                + " future it waits on in 'state' and 'awaiting'%n", fields, states);
    }
}
