package dev.weft;

import java.util.HashMap;
import java.util.Map;

/** A logging-style diagnostic context kept in a plain {@code ThreadLocal}, as MDC libraries keep it. */
public final class Mdc {
    private static final ThreadLocal<Map<String, String>> VALUES = new ThreadLocal<>();

    private Mdc() {}

    public static String get(String key) {
        Map<String, String> m = VALUES.get();
        return m == null ? null : m.get(key);
    }

    public static void put(String key, String value) {
        Map<String, String> m = VALUES.get();
        if (m == null) {
            m = new HashMap<>();
            VALUES.set(m);
        }
        m.put(key, value);
    }

    static Map<String, String> copy() {
        Map<String, String> m = VALUES.get();
        return m == null ? null : new HashMap<>(m);
    }

    static void replace(Map<String, String> values) {
        if (values == null) {
            VALUES.remove();
        } else {
            VALUES.set(new HashMap<>(values));
        }
    }

    /** Installs {@code values} around each poll of a task, as an MDC integration would. */
    public record Binding(Map<String, String> values) implements ThreadBinding {
        @Override
        public Object install() {
            Map<String, String> previous = copy();
            replace(values);
            return previous;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void restore(Object previous) {
            replace((Map<String, String>) previous);
        }
    }
}
