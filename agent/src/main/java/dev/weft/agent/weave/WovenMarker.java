package dev.weft.agent.weave;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.objectweb.asm.Attribute;
import org.objectweb.asm.ByteVector;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.tree.ClassNode;

/**
 * The class attribute {@code dev.weft.Woven} that every class written by {@link ClassWeaver} carries,
 * so that a class woven at build time is not woven again by the agent, nor by a second build. The
 * JVM ignores attributes it does not know (JVMS 4.7.1). Checking walks the class file's header,
 * fields and methods by their lengths, without parsing code: a string constant spelling the name
 * elsewhere in the class does not count.
 */
public final class WovenMarker {
    static final String NAME = "dev.weft.Woven";
    private static final byte[] NAME_BYTES = NAME.getBytes(StandardCharsets.UTF_8);
    /** The attribute's content: a format number, so a later weaver can tell what wrote the class. */
    private static final int FORMAT = 1;

    private WovenMarker() {}

    /** Adds the marker to a class about to be written. */
    static void mark(ClassNode host) {
        if (host.attrs == null) {
            host.attrs = new java.util.ArrayList<>();
        }
        host.attrs.removeIf(a -> a.type.equals(NAME));
        host.attrs.add(new Marker());
    }

    /** Whether a class file carries the marker; false for one that cannot be parsed. */
    public static boolean isWoven(byte[] classFile) {
        try {
            ClassReader reader = new ClassReader(classFile);
            int pos = reader.header + 6;
            pos += 2 + 2 * reader.readUnsignedShort(pos); // interfaces
            pos = skipMembers(reader, pos); // fields
            pos = skipMembers(reader, pos); // methods
            return hasMarker(reader, classFile, pos);
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    private static int skipMembers(ClassReader reader, int pos) {
        int count = reader.readUnsignedShort(pos);
        pos += 2;
        for (int i = 0; i < count; i++) {
            pos = skipAttributes(reader, pos + 6);
        }
        return pos;
    }

    private static int skipAttributes(ClassReader reader, int pos) {
        int count = reader.readUnsignedShort(pos);
        pos += 2;
        for (int i = 0; i < count; i++) {
            pos += 6 + reader.readInt(pos + 2);
        }
        return pos;
    }

    private static boolean hasMarker(ClassReader reader, byte[] b, int pos) {
        int count = reader.readUnsignedShort(pos);
        pos += 2;
        for (int i = 0; i < count; i++) {
            int utf8 = reader.getItem(reader.readUnsignedShort(pos));
            int length = reader.readUnsignedShort(utf8);
            if (length == NAME_BYTES.length
                    && Arrays.equals(b, utf8 + 2, utf8 + 2 + length, NAME_BYTES, 0, length)) {
                return true;
            }
            pos += 6 + reader.readInt(pos + 2);
        }
        return false;
    }

    private static final class Marker extends Attribute {
        Marker() {
            super(NAME);
        }

        @Override
        protected ByteVector write(ClassWriter writer, byte[] code, int codeLength, int maxStack, int maxLocals) {
            return new ByteVector().putShort(FORMAT);
        }
    }
}
