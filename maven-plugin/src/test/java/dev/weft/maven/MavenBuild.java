package dev.weft.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Maven build of one project under {@code src/it}, copied afresh, run as a separate process
 * with the integration tests' own local repository (where the build installed Weft). Artifacts
 * that repository lacks come from the invoking build's repository first, then from Maven Central.
 */
final class MavenBuild {
    final Path project;

    private MavenBuild(Path project) {
        this.project = project;
    }

    static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("system property " + name + " is not set; run these tests with mvn verify");
        }
        return value;
    }

    /** Copies {@code src/it/<name>} to a fresh work directory, with {@code @weft.version@} filled in. */
    static MavenBuild of(String name) throws IOException {
        Path from = Path.of(property("weft.it.projects"), name);
        Path to = Path.of(property("weft.it.work"), name);
        deleteTree(to);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.writeString(target, Files.readString(f).replace("@weft.version@", property("weft.version")));
            }
        }
        return new MavenBuild(to);
    }

    /** Runs {@code mvn -B <goals>} in the project; the exit status and everything it printed. */
    Result run(String... goals) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(property("weft.it.mavenHome"), "bin", "mvn").toString(),
                "-B", "-s", settings().toString(), "-Dmaven.repo.local=" + property("weft.it.repo")));
        command.addAll(List.of(goals));
        Path log = Files.createTempFile(project, "build", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("MAVEN_OPTS");
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("mvn did not finish in 5 minutes: " + Files.readString(log));
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    record Result(int status, String log) {}

    private Path settings() throws IOException {
        Path settings = project.resolve("it-settings.xml");
        String cache = Path.of(property("weft.it.cache")).toUri().toString();
        String repository = "<id>weft-it-cache</id><url>" + cache + "</url>"
                + "<releases><enabled>true</enabled></releases><snapshots><enabled>false</enabled></snapshots>";
        Files.writeString(settings, "<settings><profiles><profile><id>weft-it-cache</id>"
                + "<repositories><repository>" + repository + "</repository></repositories>"
                + "<pluginRepositories><pluginRepository>" + repository + "</pluginRepository></pluginRepositories>"
                + "</profile></profiles><activeProfiles><activeProfile>weft-it-cache</activeProfile></activeProfiles>"
                + "</settings>");
        return settings;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(f);
            }
        }
    }
}
