package dev.weft.agent.weave;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;

/**
 * Replaces an {@code await} (or {@code emit}) that cannot suspend (a misplaced one, an {@code Async::await} method
 * reference, or one in a class whose weave failed) with code that throws
 * {@code IllegalStateException} carrying the message the weaver logged at load time.
 * The operand stack keeps its shape, so the rest of the method verifies unchanged.
 */
final class MisuseRewriter {
    private MisuseRewriter() {}

    static void replace(MethodNode m, AbstractInsnNode site, String message) {
        InsnList code = new InsnList();
        String returnType;
        if (site instanceof InvokeDynamicInsnNode indy) {
            Type[] captured = Type.getArgumentTypes(indy.desc);
            for (int i = captured.length - 1; i >= 0; i--) {
                code.add(new InsnNode(captured[i].getSize() == 2 ? Opcodes.POP2 : Opcodes.POP));
            }
            returnType = Type.getReturnType(indy.desc).getInternalName();
        } else {
            code.add(new InsnNode(Opcodes.POP));
            returnType = null;
        }
        code.add(new LdcInsnNode(message));
        code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, AwaitCalls.AWAIT_HELPER, "misuse",
                "(Ljava/lang/String;)Ljava/lang/Object;", false));
        if (returnType != null) {
            code.add(new TypeInsnNode(Opcodes.CHECKCAST, returnType));
        } else if (AwaitCalls.isEmit(site)) {
            code.add(new InsnNode(Opcodes.POP)); // emit returns nothing
        }
        m.instructions.insertBefore(site, code);
        m.instructions.remove(site);
    }
}
