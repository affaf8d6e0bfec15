package dev.weft.agent.weave;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;

/**
 * Puts each frame class's bytes into its host as string constants and starts the host's static
 * initializer (created if absent, in interfaces too) with
 * {@code Frames.define(MethodHandles.lookup(), "Frame", chunks)} per frame. The host defines its
 * frames with its own lookup, so the agent needs no privilege to define classes; its woven methods
 * can run only once it is initialized, after the frames exist. The call comes before the user's
 * initializer code, so frames exist even when that code throws or calls a coroutine method.
 */
final class FrameEmbedding {
    /** Bytes per string constant: a CONSTANT_Utf8 holds 65,535 bytes, and a byte above 0x7F takes two. */
    static final int CHUNK = 32_767;
    static final String CLINIT = "<clinit>";
    private static final String LOOKUP_DESC = "Ljava/lang/invoke/MethodHandles$Lookup;";

    private FrameEmbedding() {}

    static void embed(ClassNode host, List<ClassWeaver.GeneratedClass> frames) {
        if (frames.isEmpty()) {
            return;
        }
        InsnList prologue = new InsnList();
        prologue.add(new MethodInsnNode(Opcodes.INVOKESTATIC, "java/lang/invoke/MethodHandles", "lookup",
                "()" + LOOKUP_DESC, false));
        for (ClassWeaver.GeneratedClass frame : frames) {
            prologue.add(new InsnNode(Opcodes.DUP));
            prologue.add(new LdcInsnNode(frame.name().replace('/', '.')));
            prologue.add(chunks(frame.bytes()));
            prologue.add(new MethodInsnNode(Opcodes.INVOKESTATIC, AwaitCalls.FRAMES, "define",
                    "(" + LOOKUP_DESC + "Ljava/lang/String;[Ljava/lang/String;)V", false));
        }
        prologue.add(new InsnNode(Opcodes.POP));
        staticInitializer(host).instructions.insert(prologue);
    }

    /** {@code new String[] {chunk0, chunk1, ...}}, each char one byte of {@code bytes}. */
    private static InsnList chunks(byte[] bytes) {
        InsnList out = new InsnList();
        int count = (bytes.length + CHUNK - 1) / CHUNK;
        out.add(new LdcInsnNode(count));
        out.add(new TypeInsnNode(Opcodes.ANEWARRAY, "java/lang/String"));
        for (int i = 0; i < count; i++) {
            int from = i * CHUNK;
            out.add(new InsnNode(Opcodes.DUP));
            out.add(new LdcInsnNode(i));
            out.add(new LdcInsnNode(new String(bytes, from, Math.min(CHUNK, bytes.length - from),
                    StandardCharsets.ISO_8859_1)));
            out.add(new InsnNode(Opcodes.AASTORE));
        }
        return out;
    }

    private static MethodNode staticInitializer(ClassNode host) {
        for (MethodNode m : host.methods) {
            if (m.name.equals(CLINIT)) {
                return m;
            }
        }
        MethodNode clinit = new MethodNode(Opcodes.ACC_STATIC, CLINIT, "()V", null, null);
        clinit.instructions.add(new InsnNode(Opcodes.RETURN));
        host.methods.add(clinit);
        return clinit;
    }
}
