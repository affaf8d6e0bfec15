package dev.weft.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.objectweb.asm.ClassReader;

/** The transformer's guarantees, exercised by calling it as the JVM does. */
class WeftTransformerTest {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final AgentOptions QUIET = new AgentOptions(false, null);
    private final ClassLoader loader = getClass().getClassLoader();

    /** A Throwable that cannot even describe itself. */
    static final class UnprintableError extends Error {
        private static final long serialVersionUID = 1L;

        @Override
        public String toString() {
            throw new IllegalStateException("toString of a broken Throwable");
        }

        @Override
        public String getMessage() {
            throw new IllegalStateException("getMessage of a broken Throwable");
        }
    }

    static Stream<Arguments> weaverFailures() {
        return Stream.of(
                Arguments.of("OutOfMemoryError", (Supplier<Throwable>) () -> new OutOfMemoryError("Java heap space")),
                Arguments.of("StackOverflowError", (Supplier<Throwable>) StackOverflowError::new),
                Arguments.of("LinkageError", (Supplier<Throwable>) () -> new LinkageError("loader constraint violated")),
                Arguments.of("IllegalStateException", (Supplier<Throwable>) () -> new IllegalStateException("a bug")),
                Arguments.of("UnprintableError", (Supplier<Throwable>) UnprintableError::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("weaverFailures")
    void anyThrowableFromTheWeaverLeavesTheClassUnwovenAndItsAwaitsSayWhy(String kind, Supplier<Throwable> failure)
            throws Exception {
        String name = "crafted/Failing" + NAMES.incrementAndGet();
        byte[] original = CraftedClasses.coroutine(name);
        WeftTransformer transformer = new WeftTransformer(QUIET, (bytes, hierarchy) -> {
            throw sneaky(failure.get());
        });

        assertNull(transformer.transform(loader, name, null, null, original), "the class must load unwoven");

        Throwable thrown = CraftedClasses.runUnwoven(name, original);
        assertTrue(thrown instanceof IllegalStateException, String.valueOf(thrown));
        String message = thrown.getMessage();
        assertTrue(message.contains("left this class unwoven: weaving FAILED"), message);
        assertTrue(message.contains(kind), message);
        assertTrue(message.contains("Failing"), message);
    }

    @Test
    void bootAndPlatformClassesAreSkippedAndTheirAwaitsSaySo() throws Exception {
        for (ClassLoader skipped : new ClassLoader[] {null, ClassLoader.getPlatformClassLoader()}) {
            String name = "crafted/Skipped" + NAMES.incrementAndGet();
            byte[] original = CraftedClasses.coroutine(name);
            assertNull(new WeftTransformer(QUIET).transform(skipped, name, null, null, original));
            String message = CraftedClasses.runUnwoven(name, original).getMessage();
            assertTrue(message.contains("left this class unwoven: skipped: classes of the boot and platform class "
                    + "loaders are never woven"), message);
        }
    }

    @Test
    void withoutTheAgentAwaitSaysItIsNotAttached() throws Exception {
        String name = "crafted/NeverSeen" + NAMES.incrementAndGet();
        String message = CraftedClasses.runUnwoven(name, CraftedClasses.coroutine(name)).getMessage();
        assertTrue(message.contains("the Weft agent is not attached"), message);
        assertTrue(message.contains("NeverSeen"), message);
    }

    @Test
    void aClassDefinedWithANullNameIsWovenUnderTheNameInItsBytes() {
        String name = "crafted/Nameless" + NAMES.incrementAndGet();
        byte[] woven = new WeftTransformer(QUIET).transform(loader, null, null, null, CraftedClasses.coroutine(name));
        assertNotNull(woven, "a null class name must not make the agent skip the class");
        assertEquals(name, new ClassReader(woven).getClassName());
    }

    @Test
    void dumpWritesOnlyUnderItsDirectory(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("dump");
        WeftTransformer transformer = new WeftTransformer(new AgentOptions(false, dir));
        List<String> crafted = List.of("../escape/Evil", "a/../../escape2/Evil", tmp.resolve("absolute/Evil") + "",
                "./dot/Evil");
        for (String name : crafted) {
            assertNotNull(transformer.transform(loader, name, null, null, CraftedClasses.coroutine(name)),
                    "weaving " + name + " should still work; only its dump is refused");
        }
        assertNotNull(transformer.transform(loader, "fine/Plain", null, null, CraftedClasses.coroutine("fine/Plain")));

        List<String> written;
        try (Stream<Path> files = Files.walk(tmp)) {
            written = files.filter(Files::isRegularFile).map(p -> tmp.relativize(p).toString()).sorted()
                    .collect(Collectors.toList());
        }
        assertEquals(List.of("dump/fine/Plain$run$Weft.class", "dump/fine/Plain.class"), written);
        assertFalse(Files.exists(tmp.resolve("escape")));
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }

}
