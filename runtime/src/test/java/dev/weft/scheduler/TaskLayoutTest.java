package dev.weft.scheduler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A million suspended tasks hold a million {@link Task}s, so a task's instance fields are a
 * budget: five 4-byte words (references, as compressed oops, and ints), which with the 12-byte
 * object header is 32 bytes. One more word, or a {@code long}, rounds it up to 40.
 */
class TaskLayoutTest {
    private static final int BUDGET = 20;

    @Test
    void anUnnamedTaskFitsInThirtyTwoBytes() {
        List<String> fields = new ArrayList<>();
        int bytes = 0;
        for (Class<?> c = Task.class; c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    bytes += sizeOf(f.getType());
                    fields.add(c.getSimpleName() + "." + f.getName() + " (" + f.getType().getSimpleName() + ")");
                }
            }
        }
        assertTrue(bytes <= BUDGET, bytes + " bytes of fields, over the " + BUDGET + " that fit in 32: " + fields);
    }

    private static int sizeOf(Class<?> type) {
        if (type == long.class || type == double.class) {
            return 8;
        }
        if (type == short.class || type == char.class) {
            return 2;
        }
        if (type == byte.class || type == boolean.class) {
            return 1;
        }
        return 4; // int, float, a compressed reference
    }
}
