package dev.weft.agent;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;

/**
 * Defines frame classes in their host's class loader and package while the host is being
 * transformed. The JDK offers no public way to define a class in a package that has no class yet,
 * so the agent uses its {@code Instrumentation} to open {@code java.lang} to itself and calls
 * {@code ClassLoader.defineClass}.
 */
final class FrameClassDefiner {
    private final Method defineClass;

    FrameClassDefiner(Instrumentation inst) {
        Module javaBase = Object.class.getModule();
        inst.redefineModule(javaBase, Set.of(), Map.of(), Map.of("java.lang", Set.of(FrameClassDefiner.class.getModule())),
                Set.of(), Map.of());
        try {
            defineClass = ClassLoader.class.getDeclaredMethod("defineClass", String.class, byte[].class, int.class,
                    int.class, ProtectionDomain.class);
            defineClass.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Weft cannot reach ClassLoader.defineClass", e);
        }
    }

    void define(ClassLoader loader, String internalName, byte[] bytes, ProtectionDomain domain) {
        try {
            defineClass.invoke(loader, internalName.replace('/', '.'), bytes, 0, bytes.length, domain);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LinkageError && loaderAlreadyHas(loader, internalName)) {
                return; // the host is being transformed again in this loader; its frame exists
            }
            throw new IllegalStateException("cannot define " + internalName.replace('/', '.') + ": " + cause, cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot define " + internalName.replace('/', '.'), e);
        }
    }

    private static boolean loaderAlreadyHas(ClassLoader loader, String internalName) {
        try {
            Class.forName(internalName.replace('/', '.'), false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
