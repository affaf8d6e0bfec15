package dev.weft.agent.weave;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Whether the entry stub of a coroutine returning a {@code CompletableFuture} subclass can create
 * that subclass with {@code new T()}: a concrete class the host can name, with a no-arg
 * constructor the host may call, by the JVM's access rules (a private one only within the nest).
 */
final class ResultCreation {
    private ResultCreation() {}

    /** Why {@code host} cannot create {@code type}, or null when it can. */
    static String problem(ClassNode host, String type, ClassHierarchy hierarchy) {
        ClassHierarchy.Creation c = type.equals(host.name)
                ? new ClassHierarchy.Creation(host.access, nestHostOf(host), noArgConstructorAccess(host))
                : hierarchy.creation(type);
        String prefix = type.replace('/', '.') + ", a CompletableFuture subclass that Weft cannot create: ";
        if ((c.classAccess() & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_INTERFACE)) != 0) {
            return prefix + "it is abstract";
        }
        boolean samePackage = packageOf(type).equals(packageOf(host.name));
        if ((c.classAccess() & Opcodes.ACC_PUBLIC) == 0 && !samePackage) {
            return prefix + "it is not accessible from " + host.name.replace('/', '.');
        }
        int ctor = c.noArgConstructorAccess();
        boolean accessible = ctor >= 0 && ((ctor & Opcodes.ACC_PUBLIC) != 0
                || ((ctor & Opcodes.ACC_PRIVATE) != 0 ? c.nestHost().equals(nestHostOf(host)) : samePackage));
        return accessible ? null : prefix + "it has no no-arg constructor accessible from " + host.name.replace('/', '.');
    }

    private static String nestHostOf(ClassNode host) {
        return host.nestHostClass != null ? host.nestHostClass : host.name;
    }

    private static int noArgConstructorAccess(ClassNode c) {
        for (MethodNode m : c.methods) {
            if (m.name.equals("<init>") && m.desc.equals("()V")) {
                return m.access;
            }
        }
        return -1;
    }

    private static String packageOf(String internalName) {
        int slash = internalName.lastIndexOf('/');
        return slash < 0 ? "" : internalName.substring(0, slash);
    }
}
