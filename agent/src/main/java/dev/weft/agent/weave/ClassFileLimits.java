package dev.weft.agent.weave;

import org.objectweb.asm.ClassTooLargeException;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.MethodNode;

/**
 * The limits of the class-file format that the JVM enforces with a {@code ClassFormatError} when
 * a class is defined: 255 argument slots per method, 65535 bytes of code per method and 65535
 * constant pool entries per class. ASM's writer refuses the last two; the first it writes as
 * asked, so the woven-code check asks this class.
 */
final class ClassFileLimits {
    static final int MAX_CODE_BYTES = 65535;
    static final int MAX_CONSTANT_POOL_ENTRIES = 65535;

    private ClassFileLimits() {}

    /** Why {@code m} cannot be in a class file, or null when it can. */
    static String problemOf(MethodNode m) {
        int slots = (m.access & Opcodes.ACC_STATIC) != 0 ? 0 : 1;
        for (Type t : Type.getArgumentTypes(m.desc)) {
            slots += t.getSize();
        }
        if (slots > FrameConstruction.MAX_ARGUMENT_SLOTS) {
            return "takes " + slots + " argument slots, over the class file's limit of "
                    + FrameConstruction.MAX_ARGUMENT_SLOTS;
        }
        return null;
    }

    static String describe(MethodTooLargeException e) {
        return "the woven code of " + e.getClassName().replace('/', '.') + "." + e.getMethodName()
                + " would be " + e.getCodeSize() + " bytes, over the class file's limit of " + MAX_CODE_BYTES
                + " bytes per method";
    }

    static String describe(ClassTooLargeException e) {
        return "the woven class " + e.getClassName().replace('/', '.') + " would need "
                + e.getConstantPoolCount() + " constant pool entries, over the class file's limit of "
                + MAX_CONSTANT_POOL_ENTRIES;
    }
}
