package dev.weft.agent;

import dev.weft.Future;
import java.lang.reflect.InvocationTargetException;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** Class files made for the transformer's tests: any name, one coroutine method, loadable as they are. */
final class CraftedClasses {
    private CraftedClasses() {}

    /** {@code static Future run(Future f) { return Async.ready(Async.await(f)); }} in a class named {@code internalName}. */
    static byte[] coroutine(String internalName) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, internalName, null, "java/lang/Object", null);
        cw.visitSource("Crafted.java", null);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "run",
                "(Ldev/weft/Future;)Ldev/weft/Future;", null, null);
        mv.visitCode();
        Label line = new Label();
        mv.visitLabel(line);
        mv.visitLineNumber(7, line);
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, "dev/weft/Async", "await", "(Ldev/weft/Future;)Ljava/lang/Object;", false);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, "dev/weft/Async", "ready", "(Ljava/lang/Object;)Ldev/weft/Future;", false);
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** Defines {@code bytes} as they are (unwoven) in a fresh loader and calls {@code run}; returns what it threw. */
    static Throwable runUnwoven(String internalName, byte[] bytes) throws Exception {
        Class<?> c = new OneClassLoader().define(internalName.replace('/', '.'), bytes);
        try {
            c.getMethod("run", Future.class).invoke(null, dev.weft.Async.ready(1));
            return null;
        } catch (InvocationTargetException e) {
            return e.getCause();
        }
    }

    private static final class OneClassLoader extends ClassLoader {
        OneClassLoader() {
            super(CraftedClasses.class.getClassLoader());
        }

        Class<?> define(String name, byte[] bytes) {
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
