package dev.weft.agent.weave;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;

/** ResultCreation alone: which CompletableFuture subclasses an entry stub in a given host can create. */
class ResultCreationTest {
    static class Task<T> extends CompletableFuture<T> {}

    abstract static class AbstractTask<T> extends CompletableFuture<T> {}

    static class NoDefault<T> extends CompletableFuture<T> {
        NoDefault(int n) {}
    }

    private static class PrivateTask<T> extends CompletableFuture<T> {}

    private final ClassHierarchy hierarchy = new ClassHierarchy(getClass().getClassLoader());

    @Test
    void aConcreteClassWithAReachableNoArgConstructorCanBeCreated() throws IOException {
        ClassNode host = node(ResultCreationTest.class);
        assertNull(ResultCreation.problem(host, name(Task.class), hierarchy));
        assertNull(ResultCreation.problem(host, name(CompletableFuture.class), hierarchy));
        assertNull(ResultCreation.problem(host, name(PrivateTask.class), hierarchy), "a private constructor in the same nest");
    }

    @Test
    void otherwiseTheProblemSaysWhy() throws IOException {
        ClassNode host = node(ResultCreationTest.class);
        assertTrue(ResultCreation.problem(host, name(AbstractTask.class), hierarchy).endsWith("it is abstract"));
        assertTrue(ResultCreation.problem(host, name(NoDefault.class), hierarchy).contains("no no-arg constructor"));
        ClassNode otherNest = node(Samples.class);
        assertTrue(ResultCreation.problem(otherNest, name(PrivateTask.class), hierarchy).contains("no no-arg constructor"),
                "a private constructor outside the nest");
        assertTrue(ResultCreation.problem(host, "java/security/SecureClassLoader", hierarchy).contains("no no-arg constructor"),
                "a protected constructor in another package");
    }

    private static String name(Class<?> c) {
        return Type.getInternalName(c);
    }

    private static ClassNode node(Class<?> c) throws IOException {
        ClassNode n = new ClassNode();
        new ClassReader(WeaveTestSupport.bytesOf(c)).accept(n, ClassReader.SKIP_CODE);
        return n;
    }
}
