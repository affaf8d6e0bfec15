package dev.weft.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.agent.weave.ClassHierarchy;
import dev.weft.agent.weave.ClassWeaver;
import dev.weft.agent.weave.WovenMarker;
import dev.weft.woven.LogicalStack;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

/** {@code java -jar weft-agent.jar weave}: classes compiled by javac, woven, then run with no agent. */
class WeaveCommandTest {
    private static final String ADDER = """
            package demo;

            import static dev.weft.Async.await;

            import dev.weft.Async;
            import dev.weft.Future;

            public class Adder {
                public static Future<Integer> add(Future<Integer> a, Future<Integer> b) {
                    int x = await(a);
                    Async.await(Async.yieldNow());
                    return Async.ready(x + await(b));
                }
            }
            """;
    private static final String SITES = """
            package demo;

            import static dev.weft.Async.await;

            import dev.weft.Async;
            import dev.weft.Future;

            public class Sites {
                public static Future<Integer> run(Future<Integer> a, Future<Integer> b) {
                    int x = await(a);
                    return Async.ready(x + await(b));
                }
            }
            """;
    private static final String BAD = """
            package demo;

            public class Bad {
                public static int notAFuture(dev.weft.Future<Integer> f) {
                    return dev.weft.Async.await(f);
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void wovenDirectoryRunsWithoutTheAgentAndPassesCheckClassAdapter() throws Exception {
        Path classes = compile("Adder", ADDER);
        Path adder = classes.resolve("demo/Adder.class");
        byte[] compiled = Files.readAllBytes(adder);
        String unwoven = ((IllegalStateException) callAdd(classes)).getMessage();
        assertTrue(unwoven.contains("not woven, at demo.Adder.add(Adder.java:10)")
                && unwoven.contains("weave the class at build time"), unwoven);

        Command c = Command.run("weave", classes.toString(), "--classpath", runtimeClasses());

        assertEquals(0, c.status, c.err);
        assertTrue(c.out.contains("wove 1 class (0 already woven)"), c.out);
        byte[] woven = Files.readAllBytes(adder);
        assertFalse(java.util.Arrays.equals(compiled, woven));
        assertTrue(WovenMarker.isWoven(woven));
        assertFalse(WeftAgent.isInstalled());
        assertEquals(42, callAdd(classes));
        StringWriter problems = new StringWriter();
        try (URLClassLoader loader = loaderOf(classes)) {
            Class.forName("demo.Adder", true, loader); // its initializer defines the frame the verifier looks up
            CheckClassAdapter.verify(new ClassReader(woven), loader, false, new PrintWriter(problems));
        }
        assertEquals("", problems.toString());
    }

    @Test
    void framesWovenAtBuildTimeReportTheAwaitTheyAreSuspendedAt() throws Exception {
        Path classes = compile("Sites", SITES);
        assertEquals(0, Command.run("weave", classes.toString(), "-cp", runtimeClasses()).status);
        try (URLClassLoader loader = loaderOf(classes)) {
            @SuppressWarnings("unchecked")
            Future<Integer> f = (Future<Integer>) loader.loadClass("demo.Sites")
                    .getMethod("run", Future.class, Future.class).invoke(null, pendingOnce(40), pendingOnce(2));
            Context cx = Context.of(() -> {});
            assertFalse(f.poll(cx).isReady());
            assertEquals(List.of(new StackTraceElement("demo.Sites", "run", "Sites.java", 10)), LogicalStack.of(f).frames());
            assertFalse(f.poll(cx).isReady());
            assertEquals(List.of(new StackTraceElement("demo.Sites", "run", "Sites.java", 11)), LogicalStack.of(f).frames());
            assertEquals(42, f.poll(cx).value());
            assertEquals(List.of(), LogicalStack.of(f).frames());
        }
    }

    /** Pending at its first poll, ready with {@code value} at the next. */
    private static Future<Integer> pendingOnce(int value) {
        boolean[] polled = {false};
        return cx -> {
            if (polled[0]) {
                return Poll.ready(value);
            }
            polled[0] = true;
            return Poll.pending();
        };
    }

    @Test
    void weavingTwiceChangesNoByte() throws Exception {
        Path classes = compile("Adder", ADDER);
        assertEquals(0, Command.run("weave", classes.toString(), "-cp", runtimeClasses()).status);
        byte[] first = Files.readAllBytes(classes.resolve("demo/Adder.class"));

        Command again = Command.run("weave", classes.toString(), "-cp", runtimeClasses());

        assertEquals(0, again.status, again.err);
        assertTrue(again.out.contains("wove 0 classes (1 already woven)"), again.out);
        assertArrayEquals(first, Files.readAllBytes(classes.resolve("demo/Adder.class")));
        assertNull(ClassWeaver.weave(first, new ClassHierarchy(getClass().getClassLoader())),
                "the agent's weaver leaves a marked class alone too");
    }

    @Test
    void misplacedAwaitIsReportedLikeACompilerErrorAndLeavesTheClassAsCompiled() throws Exception {
        Path classes = compile("Bad", BAD);
        byte[] compiled = Files.readAllBytes(classes.resolve("demo/Bad.class"));

        Command c = Command.run("weave", classes.toString(), "-cp", runtimeClasses());

        assertEquals(1, c.status);
        assertTrue(c.err.startsWith("demo/Bad.java:5: misplaced await in demo.Bad.notAFuture: "), c.err);
        assertTrue(c.err.contains("Future"), "says what the method should return: " + c.err);
        assertArrayEquals(compiled, Files.readAllBytes(classes.resolve("demo/Bad.class")));
        assertEquals(1, Command.run("weave", classes.toString(), "-cp", runtimeClasses()).status,
                "a second run finds it again");
    }

    @Test
    void jarIsWovenIntoTheOutDirectoryLeavingTheInputAlone() throws Exception {
        Path classes = compile("Adder", ADDER);
        Path jar = dir.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("demo/Adder.class"));
            out.write(Files.readAllBytes(classes.resolve("demo/Adder.class")));
            out.closeEntry();
        }
        byte[] input = Files.readAllBytes(jar);
        Path outDir = dir.resolve("woven");

        Command c = Command.run("weave", jar.toString(), "--out", outDir.toString(), "-cp", runtimeClasses());

        assertEquals(0, c.status, c.err);
        assertArrayEquals(input, Files.readAllBytes(jar));
        Path wovenJar = outDir.resolve("app.jar");
        try (JarFile woven = new JarFile(wovenJar.toFile())) {
            assertTrue(WovenMarker.isWoven(woven.getInputStream(woven.getEntry("demo/Adder.class")).readAllBytes()));
        }
        assertEquals(42, callAdd(wovenJar));
    }

    @Test
    void badArgumentsExitTwoWithUsage() {
        Command c = Command.run("weave");
        assertEquals(2, c.status);
        assertTrue(c.err.startsWith("usage: java -jar weft-agent.jar weave"), c.err);
        assertEquals(2, Command.run("weave", dir.resolve("missing").toString()).status);
    }

    private Path compile(String name, String source) throws IOException {
        Path src = dir.resolve("src/demo/" + name + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-d", classes.toString(), "-cp", runtimeClasses(), src.toString());
        assertEquals(0, status, "javac");
        return classes;
    }

    /** The test class path: the runtime's classes are on it, the agent is not attached. */
    private static String runtimeClasses() {
        return System.getProperty("java.class.path");
    }

    /** {@code Adder.add(ready(40), ready(2))} from classes loaded afresh; what it returned or threw. */
    @SuppressWarnings("unchecked")
    private static Object callAdd(Path classes) throws Exception {
        try (URLClassLoader loader = loaderOf(classes)) {
            Class<?> adder = loader.loadClass("demo.Adder");
            try {
                Future<Integer> f = (Future<Integer>) adder.getMethod("add", Future.class, Future.class)
                        .invoke(null, Async.ready(40), Async.ready(2));
                return Async.blockOn(f);
            } catch (InvocationTargetException e) {
                return e.getCause();
            } catch (IllegalStateException e) {
                return e;
            }
        }
    }

    private static URLClassLoader loaderOf(Path classes) throws IOException {
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, WeaveCommandTest.class.getClassLoader());
    }

    private record Command(int status, String out, String err) {
        static Command run(String... args) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = WeaveCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Command(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }
}
