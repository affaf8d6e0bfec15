package dev.weft.agent.weave;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Warns about a coroutine method that declares a checked exception: calling it never throws (a
 * lazy one runs nothing, an eager one completes its future exceptionally), so the clause only makes
 * its callers handle an exception where it cannot happen. The failure reaches whoever awaits the
 * future, and the way to say so in the type is {@code FallibleFuture} with {@code Async.fallible}.
 */
final class ThrowsClauseCheck {
    private static final Type RUNTIME_EXCEPTION = Type.getObjectType("java/lang/RuntimeException");
    private static final Type ERROR = Type.getObjectType("java/lang/Error");

    private ThrowsClauseCheck() {}

    /**
     * The warning for {@code m}, or null when its {@code throws} clause names no checked exception.
     * A lambda body is exempt: javac writes what it throws into its synthetic method, and
     * {@code Async.fallible(() -> ...)} is where the failure becomes the future's.
     */
    static String warning(ClassNode host, MethodNode m, AbstractInsnNode firstAwait, ClassHierarchy hierarchy) {
        if ((m.access & Opcodes.ACC_SYNTHETIC) != 0) {
            return null;
        }
        List<String> checked = new ArrayList<>();
        for (String e : m.exceptions) {
            if (isChecked(Type.getObjectType(e), hierarchy)) {
                checked.add(e.replace('/', '.'));
            }
        }
        if (checked.isEmpty()) {
            return null;
        }
        String names = String.join(", ", checked);
        return "Weft: coroutine " + SourceLines.where(host.name, m.name, host.sourceFile, firstAwait)
                + " declares throws " + names + ", but calling it never throws: the failure reaches whoever"
                + " awaits its future. Declare it in the return type instead: return FallibleFuture<T, "
                + checked.get(0).substring(checked.get(0).lastIndexOf('.') + 1) + "> from Async.fallible(() -> ...)";
    }

    private static boolean isChecked(Type exception, ClassHierarchy hierarchy) {
        try {
            return !hierarchy.isAssignable(RUNTIME_EXCEPTION, exception) && !hierarchy.isAssignable(ERROR, exception);
        } catch (WeaveException unreadable) {
            return false; // cannot tell; a warning we are unsure of is noise
        }
    }
}
