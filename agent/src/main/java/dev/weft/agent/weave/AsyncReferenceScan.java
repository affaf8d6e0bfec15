package dev.weft.agent.weave;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decides from the raw constant pool, before any parsing, whether a class file mentions
 * {@code dev/weft/Async} (or {@code Generator} or {@code AsyncStream}, whose {@code emit} is woven
 * too). Classes that do not are never handed to ASM, which keeps the agent cheap
 * for the thousands of classes an application loads that never use Weft.
 */
public final class AsyncReferenceScan {
    /** The classes whose calls the weaver rewrites: await's, and emit's two names. */
    private static final byte[][] WOVEN_CALL_OWNERS = {
        "dev/weft/Async".getBytes(StandardCharsets.UTF_8),
        "dev/weft/Generator".getBytes(StandardCharsets.UTF_8),
        "dev/weft/AsyncStream".getBytes(StandardCharsets.UTF_8),
    };

    private AsyncReferenceScan() {}

    /**
     * Whether a CONSTANT_Utf8 entry equals {@code dev/weft/Async}, {@code dev/weft/Generator} or
     * {@code dev/weft/AsyncStream}. Answers true for a malformed
     * pool, so that the weaver parses the class and reports the problem.
     */
    public static boolean mentionsAsync(byte[] classFile) {
        try {
            return scan(classFile);
        } catch (IndexOutOfBoundsException e) {
            return true;
        }
    }

    private static boolean scan(byte[] b) {
        if (b.length < 10 || u4(b, 0) != 0xCAFEBABE) {
            return true;
        }
        int count = u2(b, 8);
        int pos = 10;
        for (int i = 1; i < count; i++) {
            int tag = b[pos] & 0xFF;
            switch (tag) {
                case 1: { // Utf8
                    int len = u2(b, pos + 1);
                    if (isWovenCallOwner(b, pos + 3, len)) {
                        return true;
                    }
                    pos += 3 + len;
                    break;
                }
                case 5: case 6: // Long, Double take two entries
                    pos += 9;
                    i++;
                    break;
                case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18:
                    pos += 5;
                    break;
                case 7: case 8: case 16: case 19: case 20:
                    pos += 3;
                    break;
                case 15:
                    pos += 4;
                    break;
                default:
                    return true; // unknown tag: let the parser decide
            }
        }
        return false;
    }

    private static boolean isWovenCallOwner(byte[] b, int from, int len) {
        for (byte[] name : WOVEN_CALL_OWNERS) {
            if (len == name.length && Arrays.equals(b, from, from + len, name, 0, len)) {
                return true;
            }
        }
        return false;
    }

    private static int u2(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    private static int u4(byte[] b, int i) {
        return (u2(b, i) << 16) | u2(b, i + 2);
    }
}
