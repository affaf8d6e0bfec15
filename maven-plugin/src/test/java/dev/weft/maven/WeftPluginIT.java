package dev.weft.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * The plugin as a user meets it: real Maven builds of the projects in {@code src/it}, then the
 * built classes checked and run with plain {@code java}, no agent anywhere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WeftPluginIT {
    private MavenBuild app;
    private MavenBuild.Result firstBuild;

    @BeforeAll
    void buildTheApp() throws Exception {
        app = MavenBuild.of("app");
        firstBuild = app.run("package");
        assertEquals(0, firstBuild.status(), firstBuild.log());
    }

    @Test
    void theAppsTestsAwaitUnderSurefireWithNoAgent() {
        assertTrue(firstBuild.log().contains("Weft: wove 1 class (0 already woven)"), firstBuild.log());
        assertTrue(firstBuild.log().contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0"), firstBuild.log());
    }

    @Test
    void aSecondBuildWeavesNothingAndChangesNoByte() throws Exception {
        Map<String, byte[]> before = classFiles();

        MavenBuild.Result second = app.run("package");

        assertEquals(0, second.status(), second.log());
        assertTrue(second.log().contains("Weft: wove 0 classes (1 already woven)"), second.log());
        Map<String, byte[]> after = classFiles();
        assertEquals(before.keySet(), after.keySet());
        before.forEach((name, bytes) -> assertTrue(Arrays.equals(bytes, after.get(name)), name + " changed"));
    }

    @Test
    void wovenClassesPassCheckClassAdapter() throws Exception {
        Path classes = app.project.resolve("target/classes");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL(), runtimeJar().toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class.forName("demo.Main", true, loader); // defines its frame class, which the verifier looks up
            StringWriter problems = new StringWriter();
            byte[] main = Files.readAllBytes(classes.resolve("demo/Main.class"));
            CheckClassAdapter.verify(new ClassReader(main), loader, false, new PrintWriter(problems));
            assertEquals("", problems.toString());
        }
    }

    @Test
    void theWovenJarRunsWithOnlyTheRuntimeOnJdk17And25() throws Exception {
        assertEquals("hello world", runMain(Path.of(System.getProperty("java.home"))));
        Path jdk25 = Path.of(MavenBuild.property("weft.it.jdk25"));
        if (Files.isExecutable(jdk25.resolve("bin/java"))) {
            assertEquals("hello world", runMain(jdk25));
        }
    }

    @Test
    void aMisplacedAwaitFailsTheBuildWithFileLineAndReason() throws Exception {
        MavenBuild bad = MavenBuild.of("misplaced");

        MavenBuild.Result result = bad.run("process-classes");

        assertNotEquals(0, result.status());
        Path source = bad.project.resolve("src/main/java/demo/Bad.java");
        assertTrue(result.log().contains("[ERROR] " + source + ":8: misplaced await in demo.Bad.locked: await in a "
                + "synchronized method"), result.log());
        byte[] compiled = Files.readAllBytes(bad.project.resolve("target/classes/demo/Bad.class"));
        MavenBuild.Result again = bad.run("process-classes");
        assertNotEquals(0, again.status(), "the class stays as compiled, so the second build fails too");
        assertTrue(Arrays.equals(compiled, Files.readAllBytes(bad.project.resolve("target/classes/demo/Bad.class"))));
    }

    private String runMain(Path javaHome) throws IOException, InterruptedException {
        String classpath = app.project.resolve("target/app.jar") + java.io.File.pathSeparator + runtimeJar();
        Process p = new ProcessBuilder(javaHome.resolve("bin/java").toString(), "-cp", classpath, "demo.Main")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertTrue(p.waitFor(1, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private static Path runtimeJar() {
        String v = MavenBuild.property("weft.version");
        return Path.of(MavenBuild.property("weft.it.repo"), "dev/weft/weft-runtime", v, "weft-runtime-" + v + ".jar");
    }

    private Map<String, byte[]> classFiles() throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        for (String dir : List.of("target/classes", "target/test-classes")) {
            Path root = app.project.resolve(dir);
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path f : walk.filter(Files::isRegularFile).toList()) {
                    files.put(app.project.relativize(f).toString(), Files.readAllBytes(f));
                }
            }
        }
        return files;
    }
}
