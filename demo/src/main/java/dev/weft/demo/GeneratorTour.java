package dev.weft.demo;

import static dev.weft.Async.await;
import static dev.weft.Async.ready;
import static dev.weft.Generator.emit;

import dev.weft.Async;
import dev.weft.AsyncStream;
import dev.weft.Future;
import dev.weft.Generator;
import dev.weft.Item;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.StringJoiner;

/**
 * The seed's generator (running sums of [1, 2, 3] going up, then counting back down) woven into a
 * state machine, with its frame printed after each element; then the same body as an async stream
 * that awaits a timer between elements.
 */
final class GeneratorTour {
    private final Clock clock;

    GeneratorTour(Clock clock) {
        this.clock = clock;
    }

    static Generator<Integer> upThenDown(int[] xs) {
        int sum = 0;
        for (int x : xs) {
            sum += x;
            emit(sum);
        }
        for (int i = xs.length - 1; i >= 0; i--) {
            sum -= xs[i];
            emit(sum);
        }
        return Generator.done();
    }

    AsyncStream<Integer> upThenDownSlowly(int[] xs) {
        int sum = 0;
        for (int x : xs) {
            await(clock.sleep(0.2));
            sum += x;
            emit(sum);
        }
        for (int i = xs.length - 1; i >= 0; i--) {
            await(clock.sleep(0.2));
            sum -= xs[i];
            emit(sum);
        }
        return AsyncStream.done();
    }

    Future<Integer> printEach(AsyncStream<Integer> sums) {
        int count = 0;
        for (Item<Integer> i; (i = await(sums.next())).present(); count++) {
            clock.say("stream element " + i.value());
        }
        return ready(count);
    }

    void run() {
        System.out.println("6. A generator and an async stream from the same weaver");
        int[] xs = {1, 2, 3};
        Class<?> frame = frameClass("upThenDown");
        System.out.printf("  upThenDown's frame %s extends %s: fields %s; %d states (start + one per emit)%n",
                frame.getSimpleName(), frame.getSuperclass().getSimpleName(), fields(frame), states(frame));
        Iterator<Integer> it = upThenDown(xs).iterator();
        while (it.hasNext()) {
            Object f = frameOf(it);
            System.out.printf("  emitted %d; suspended in %s%n", it.next(), f == null ? "(finished)" : snapshot(f));
        }
        clock.restart();
        clock.say("stream: " + Async.blockOn(printEach(upThenDownSlowly(xs))) + " elements, one per timer");
    }

    private static Class<?> frameClass(String method) {
        try {
            return Class.forName(GeneratorTour.class.getName() + "$" + method + "$Weft", false,
                    GeneratorTour.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("not woven: run the demo jar, which names the agent", e);
        }
    }

    private static List<String> fields(Class<?> frame) {
        List<String> out = new ArrayList<>();
        for (Field f : frame.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers()) && !f.getName().equals("state") && !f.getName().equals("awaiting")) {
                out.add(f.getType().getSimpleName() + " " + f.getName());
            }
        }
        return out;
    }

    private static int states(Class<?> frame) {
        try {
            Field f = frame.getDeclaredField("STATES");
            f.setAccessible(true);
            return f.getInt(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The frame an iteration steps. Only for this tour: the runtime keeps it private, and the frame
     * class's fields package-private, so that code holding a generator cannot move its resume point.
     */
    private static Object frameOf(Iterator<?> cursor) {
        try {
            Field f = cursor.getClass().getDeclaredField("frame");
            f.setAccessible(true);
            return f.get(cursor);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String snapshot(Object frame) {
        StringJoiner out = new StringJoiner(", ", "{", "}");
        try {
            for (Field f : frame.getClass().getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !f.getName().equals("awaiting")) {
                    Object v = f.get(frame);
                    out.add(f.getName() + "=" + (v instanceof int[] a ? Arrays.toString(a) : v));
                }
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}
