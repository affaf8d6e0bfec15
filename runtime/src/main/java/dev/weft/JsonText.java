package dev.weft;

/**
 * A JSON writer just big enough for {@link TaskDump#toJson()}: objects, arrays, strings, numbers
 * and null, commas placed by tracking whether a value was the first in its container.
 */
final class JsonText {
    private final StringBuilder out = new StringBuilder();
    private boolean first = true; // the next value is the first in its container, or follows a key

    JsonText open(char bracket) {
        separate();
        out.append(bracket);
        first = true;
        return this;
    }

    JsonText close(char bracket) {
        out.append(bracket);
        first = false;
        return this;
    }

    JsonText key(String key) {
        separate();
        quote(key);
        out.append(':');
        first = true;
        return this;
    }

    JsonText string(String value) {
        separate();
        if (value == null) {
            out.append("null");
        } else {
            quote(value);
        }
        first = false;
        return this;
    }

    JsonText number(long value) {
        separate();
        out.append(value);
        first = false;
        return this;
    }

    private void separate() {
        if (!first) {
            out.append(',');
        }
    }

    private void quote(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
