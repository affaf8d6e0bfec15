package dev.weft.agent.weave;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.BasicValue;

/** Fresh local variables for a method being rewritten, and the load/store opcodes for a value. */
final class LocalSlots {
    private LocalSlots() {}

    /** Reserves a new local for {@code value} past every existing one. */
    static int allocate(MethodNode m, BasicValue value) {
        int slot = m.maxLocals;
        m.maxLocals += value.getSize();
        return slot;
    }

    static VarInsnNode store(BasicValue value, int slot) {
        return new VarInsnNode(type(value).getOpcode(Opcodes.ISTORE), slot);
    }

    static VarInsnNode load(BasicValue value, int slot) {
        return new VarInsnNode(type(value).getOpcode(Opcodes.ILOAD), slot);
    }

    private static Type type(BasicValue value) {
        Type t = value.getType();
        if (t == null) {
            throw new WeaveException("an uninitialized value is on the operand stack across an await");
        }
        return TypedInterpreter.isReference(value) ? Type.getObjectType("java/lang/Object") : t;
    }
}
