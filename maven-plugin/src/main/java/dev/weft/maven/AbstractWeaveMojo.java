package dev.weft.maven;

import dev.weft.agent.build.BuildWeaver;
import dev.weft.agent.build.WeaveProblem;
import dev.weft.agent.build.WeaveReport;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What both goals do: weave one output directory in place with the agent's weaver, against the
 * class path it was compiled with. Classes woven by an earlier build carry the weaver's marker and
 * are left as they are, so a build that recompiled nothing writes nothing. A misplaced
 * {@code await} fails the build with {@code path/File.java:line: reason} per site, like a compiler
 * error; the class stays as compiled, so the next build reports it again.
 */
abstract class AbstractWeaveMojo extends AbstractMojo {
    /** Skips weaving; the classes then need the agent at run time. */
    @Parameter(property = "weft.skip", defaultValue = "false")
    private boolean skip;

    /** Logs every woven method with its await points and frame fields. */
    @Parameter(property = "weft.verbose", defaultValue = "false")
    private boolean verbose;

    /** The directory to weave. */
    abstract File classesDirectory();

    /** What those classes were compiled against; the directory itself may be among them. */
    abstract List<String> classpathElements();

    /** Where the sources are, to name the file of a misplaced await as the compiler would. */
    abstract List<String> sourceRoots();

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        Path classes = classesDirectory().toPath();
        if (skip || !Files.isDirectory(classes)) {
            getLog().info("Weft: nothing to weave in " + classes + (skip ? " (weft.skip)" : ""));
            return;
        }
        long start = System.nanoTime();
        WeaveReport report;
        try {
            report = new BuildWeaver(classpath(classes)).weave(classes, null);
        } catch (IOException | RuntimeException e) {
            throw new MojoExecutionException("Weft could not weave " + classes + ": " + e, e);
        }
        if (verbose) {
            report.wovenMethods().forEach(m -> getLog().info("Weft wove " + m));
        }
        getLog().info("Weft: " + report.summary() + " in " + classes + ", " + (System.nanoTime() - start) / 1_000_000
                + " ms");
        if (report.failed()) {
            fail(report.problems());
        }
    }

    private List<Path> classpath(Path classes) {
        List<Path> paths = new ArrayList<>();
        for (String element : classpathElements()) {
            Path p = Path.of(element);
            if (!p.equals(classes)) {
                paths.add(p);
            }
        }
        return paths;
    }

    private void fail(List<WeaveProblem> problems) throws MojoFailureException {
        StringBuilder message = new StringBuilder("Weft found " + problems.size() + " misplaced await(s) or "
                + "classes it could not weave:");
        for (WeaveProblem p : problems) {
            String line = sourceOf(p.sourcePath()) + (p.line() > 0 ? ":" + p.line() : "") + ": " + p.message();
            getLog().error(line);
            message.append(System.lineSeparator()).append(line);
        }
        throw new MojoFailureException(message.toString());
    }

    /** The source file under a source root, as an IDE can open it; the package-relative path if none has it. */
    private String sourceOf(String relative) {
        for (String root : sourceRoots()) {
            Path candidate = Path.of(root).resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate.toString();
            }
        }
        return relative;
    }
}
