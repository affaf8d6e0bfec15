package dev.weft.agent.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Future;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;

/**
 * The verification pass on hand-made broken bytes, and the whole weave when a pass is made to emit
 * code that does not verify: the class falls back to its original code, and its awaits throw a
 * message saying weaving FAILED instead of the class failing to load.
 */
class WovenCodeVerifierTest {
    private static final ClassHierarchy HIERARCHY = new ClassHierarchy(WovenCodeVerifierTest.class.getClassLoader());

    /** A class {@code Hand} with one static method {@code m} of {@code desc} whose code {@code body} writes. */
    private static byte[] handMade(String desc, java.util.function.Consumer<MethodVisitor> body) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "dev/weft/agent/weave/Hand", null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_STATIC, "m", desc, null, null);
        mv.visitCode();
        body.accept(mv);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    @Test
    void wovenSamplesVerify() throws Exception {
        ClassWeaver.Result r = WeaveTestSupport.weave(Samples.class);
        assertEquals(java.util.List.of(), r.failures());
        assertNull(WovenCodeVerifier.check(r.bytes(), null, HIERARCHY));
        for (ClassWeaver.GeneratedClass frame : r.frames()) {
            assertNull(WovenCodeVerifier.check(frame.bytes(), null, HIERARCHY));
        }
    }

    @Test
    void returningAnIntFromAReferenceMethodIsReported() {
        byte[] bytes = handMade("()Ljava/lang/Object;", mv -> {
            mv.visitInsn(Opcodes.ICONST_0);
            mv.visitInsn(Opcodes.ARETURN);
        });
        WovenCodeVerifier.Problem p = WovenCodeVerifier.check(bytes, null, HIERARCHY);
        assertNotNull(p);
        assertEquals("dev.weft.agent.weave.Hand.m()Ljava/lang/Object;", p.method());
        assertTrue(p.complaint().contains("Error at instruction 1"), p.complaint());
    }

    @Test
    void referenceTypesAreCheckedFromClassFiles() {
        // an Integer method called on a String: the JVM rejects it, BasicVerifier alone would not
        byte[] wrongReceiver = handMade("(Ljava/lang/String;)I", mv -> {
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/Integer", "intValue", "()I", false);
            mv.visitInsn(Opcodes.IRETURN);
        });
        assertNotNull(WovenCodeVerifier.check(wrongReceiver, null, HIERARCHY));
        // a subclass where its superclass is wanted is fine
        byte[] subclass = handMade("(Ljava/lang/IllegalStateException;)Ljava/lang/RuntimeException;", mv -> {
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitInsn(Opcodes.ARETURN);
        });
        assertNull(WovenCodeVerifier.check(subclass, null, HIERARCHY));
        // any reference where an interface is wanted is fine too: the JVM checks that at the call
        byte[] asInterface = handMade("(Ljava/lang/Object;)Ljava/lang/Runnable;", mv -> {
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitInsn(Opcodes.ARETURN);
        });
        assertNull(WovenCodeVerifier.check(asInterface, null, HIERARCHY));
    }

    @Test
    void onlyTheNamedMethodsAreChecked() {
        byte[] bytes = handMade("()Ljava/lang/Object;", mv -> {
            mv.visitInsn(Opcodes.ICONST_0);
            mv.visitInsn(Opcodes.ARETURN);
        });
        assertNull(WovenCodeVerifier.check(bytes, Set.of("other()V"), HIERARCHY));
    }

    @Test
    void brokenWovenCodeFallsBackToTheOriginalClassWithAwaitsThatSayWhy() throws Exception {
        // break the body of reuse: return an int where the body returns Object
        ClassWeaver.Result r = ClassWeaver.weave(WeaveTestSupport.bytesOf(Samples.class), HIERARCHY, body -> {
            if (body.name.equals("reuse")) {
                InsnList broken = new InsnList();
                broken.add(new InsnNode(Opcodes.ICONST_0));
                broken.add(new InsnNode(Opcodes.ARETURN));
                body.instructions.insert(broken);
            }
        });
        assertEquals(1, r.failures().size());
        String logged = r.failures().get(0);
        assertTrue(logged.contains("weaving FAILED") && logged.contains("Samples.reuse(Ldev/weft/Future;I)")
                && logged.contains("does not verify") && logged.contains("Error at instruction"), logged);
        assertEquals(0, r.frames().size(), "no frame classes for a class that stays unwoven");
        assertNull(WovenCodeVerifier.check(r.bytes(), null, HIERARCHY));

        WeaveTestSupport.WovenLoader loader = new WeaveTestSupport.WovenLoader(Samples.class.getName(), r);
        Class<?> host = loader.loadClass(Samples.class.getName());
        Method notACoroutine = host.getDeclaredMethod("notACoroutine", int.class);
        notACoroutine.setAccessible(true);
        assertEquals(3, notACoroutine.invoke(null, 2), "the rest of the class works");

        String reuse = awaitFailure(host, "reuse", new Class<?>[] {Future.class, int.class}, Async.ready(1), 2);
        assertTrue(reuse.startsWith("Weft: weaving FAILED at dev.weft.agent.weave.Samples.reuse(Samples.java:"), reuse);
        assertTrue(reuse.contains("does not verify"), reuse);
        String twoRefs = awaitFailure(host, "twoRefs", new Class<?>[] {Future.class}, Async.ready("s"));
        assertTrue(twoRefs.startsWith("Weft: weaving FAILED at dev.weft.agent.weave.Samples.twoRefs(Samples.java:")
                && twoRefs.contains("weaving dev.weft.agent.weave.Samples.reuse"), twoRefs);
    }

    @Test
    void aPassThatThrowsFallsBackTheSameWay() throws Exception {
        ClassWeaver.Result r = ClassWeaver.weave(WeaveTestSupport.bytesOf(Samples.class), HIERARCHY, body -> {
            throw new WeaveException("a pass gave up");
        });
        assertTrue(r.failures().get(0).contains("a pass gave up"), r.failures().toString());
        Class<?> host = new WeaveTestSupport.WovenLoader(Samples.class.getName(), r).loadClass(Samples.class.getName());
        String wide = awaitFailure(host, "wide", new Class<?>[] {Future.class, long.class, double.class},
                Async.ready(1L), 1L, 1.0);
        assertTrue(wide.contains("weaving FAILED") && wide.contains("a pass gave up"), wide);
    }

    /** Calls the unwoven coroutine method, whose first await throws; returns the message. */
    private static String awaitFailure(Class<?> host, String name, Class<?>[] params, Object... args) throws Exception {
        Method m = host.getDeclaredMethod(name, params);
        m.setAccessible(true);
        InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> m.invoke(null, args));
        assertTrue(e.getCause() instanceof IllegalStateException, "got " + e.getCause());
        return e.getCause().getMessage();
    }
}
