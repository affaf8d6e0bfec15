package dev.weft.agent.weave;

import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * How the entry stub hands the receiver and arguments to a new frame. Usually through the frame's
 * constructor; but a method may take up to 255 slots of receiver and parameters, and a
 * constructor's own receiver takes one more, which the class-file format does not allow. Then the
 * frame has a no-argument constructor and the stub fills its fields one by one.
 */
final class FrameConstruction {
    /** Argument slots a method may have, its receiver included (JVMS 4.3.3). */
    static final int MAX_ARGUMENT_SLOTS = 255;

    private FrameConstruction() {}

    /** Whether the constructor can take the entry values: they and the frame itself fit in 255 slots. */
    static boolean constructorTakesEntry(List<Type> entry) {
        return 1 + slots(entry) <= MAX_ARGUMENT_SLOTS;
    }

    static String constructorDesc(List<Type> entry) {
        return constructorTakesEntry(entry)
                ? Type.getMethodDescriptor(Type.VOID_TYPE, entry.toArray(new Type[0])) : "()V";
    }

    /** {@code new Frame(this, args)}, or {@code new Frame()} followed by a store of each value in its field. */
    static InsnList newFrame(String frameClass, List<Type> entry, FrameLayout layout) {
        InsnList code = new InsnList();
        code.add(new TypeInsnNode(Opcodes.NEW, frameClass));
        code.add(new InsnNode(Opcodes.DUP));
        if (constructorTakesEntry(entry)) {
            int local = 0;
            for (Type t : entry) {
                code.add(new VarInsnNode(t.getOpcode(Opcodes.ILOAD), local));
                local += t.getSize();
            }
            code.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, frameClass, "<init>", constructorDesc(entry), false));
            return code;
        }
        code.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, frameClass, "<init>", "()V", false));
        List<FrameLayout.Slot> fields = layout.slots(0);
        for (FrameLayout.Slot field : fields) {
            code.add(new InsnNode(Opcodes.DUP));
            code.add(new VarInsnNode(field.kind().loadOpcode, field.local()));
            code.add(new FieldInsnNode(Opcodes.PUTFIELD, frameClass, field.fieldName(), field.fieldDesc()));
        }
        return code;
    }

    private static int slots(List<Type> types) {
        int n = 0;
        for (Type t : types) {
            n += t.getSize();
        }
        return n;
    }
}
