package dev.weft.agent.build;

import dev.weft.agent.weave.AsyncReferenceScan;
import dev.weft.agent.weave.ClassHierarchy;
import dev.weft.agent.weave.ClassWeaver;
import dev.weft.agent.weave.WovenMarker;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Weaves compiled classes ahead of time, with the agent's weaver and verification, so they run
 * with only the Weft runtime on the class path. The input is a directory of class files or a jar;
 * the output is the input itself, or a copy of it elsewhere.
 *
 * <pre>{@code
 * WeaveReport report = new BuildWeaver(List.of(Path.of("lib/weft-runtime.jar")))
 *         .weave(Path.of("target/classes"), null);
 * report.problems().forEach(System.err::println);   // com/example/App.java:12: misplaced await in ...
 * }</pre>
 *
 * <p>Classes carrying the {@link WovenMarker} are left alone, so weaving twice changes nothing.
 * Superclasses are read as class files from the input and {@code classpath}, never loaded.
 */
public final class BuildWeaver {
    private final List<Path> classpath;

    /** {@code classpath}: the directories and jars the input was compiled against, the Weft runtime among them. */
    public BuildWeaver(List<Path> classpath) {
        this.classpath = List.copyOf(classpath);
    }

    /**
     * Weaves a directory of class files or a jar. With {@code out} null it rewrites the input in
     * place (a jar only when something in it changed); otherwise it writes a full copy to
     * {@code out}: a directory tree for a directory, {@code out/<name>.jar} for a jar.
     */
    public WeaveReport weave(Path input, Path out) throws IOException {
        try (URLClassLoader resources = new URLClassLoader(urls(input), ClassLoader.getPlatformClassLoader())) {
            Run run = new Run(new ClassHierarchy(resources));
            if (Files.isDirectory(input)) {
                weaveDirectory(run, input, out == null ? input : out);
            } else {
                weaveJar(run, input, out == null ? null : out.resolve(input.getFileName()));
            }
            return run.report();
        }
    }

    private URL[] urls(Path input) throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        urls.add(input.toUri().toURL());
        for (Path p : classpath) {
            urls.add(p.toUri().toURL());
        }
        return urls.toArray(URL[]::new);
    }

    private static void weaveDirectory(Run run, Path in, Path out) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(in)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            Path target = out.resolve(in.relativize(file).toString());
            byte[] woven = file.toString().endsWith(".class") ? run.weave(Files.readAllBytes(file)) : null;
            if (woven != null) {
                Files.createDirectories(target.getParent());
                Files.write(target, woven);
            } else if (!target.equals(file)) {
                Files.createDirectories(target.getParent());
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    /** Copies every entry in order, keeping its time, so weaving the same jar twice gives the same bytes. */
    private static void weaveJar(Run run, Path jar, Path out) throws IOException {
        Path temp = Files.createTempFile(out == null ? jar.toAbsolutePath().getParent() : prepare(out), "weft", ".jar");
        boolean changed = false;
        try (ZipFile zip = new ZipFile(jar.toFile());
                ZipOutputStream to = new ZipOutputStream(Files.newOutputStream(temp))) {
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements();) {
                ZipEntry entry = entries.nextElement();
                byte[] bytes = zip.getInputStream(entry).readAllBytes();
                byte[] woven = entry.getName().endsWith(".class") ? run.weave(bytes) : null;
                changed |= woven != null;
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                to.putNextEntry(copy);
                to.write(woven != null ? woven : bytes);
                to.closeEntry();
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        if (out != null || changed) {
            Files.move(temp, out != null ? out : jar, StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.delete(temp);
        }
    }

    private static Path prepare(Path outJar) throws IOException {
        Path dir = outJar.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        return dir;
    }

    /** One weave over many classes, sharing the hierarchy and collecting the report. */
    private static final class Run {
        private final ClassHierarchy hierarchy;
        private final List<String> wovenMethods = new ArrayList<>();
        private final List<WeaveProblem> problems = new ArrayList<>();
        private int written;
        private int alreadyWoven;

        Run(ClassHierarchy hierarchy) {
            this.hierarchy = hierarchy;
        }

        /** The woven class, or null to keep the original: unchanged, woven already, or with a problem. */
        byte[] weave(byte[] classFile) {
            if (WovenMarker.isWoven(classFile)) {
                alreadyWoven++;
                return null;
            }
            if (!AsyncReferenceScan.mentionsAsync(classFile)) {
                return null;
            }
            ClassReader reader = new ClassReader(classFile);
            String packagePath = packagePath(reader.getClassName());
            ClassWeaver.Result result;
            try {
                result = ClassWeaver.weave(classFile, hierarchy);
            } catch (RuntimeException e) {
                problems.add(new WeaveProblem(packagePath + sourceFile(reader), -1, "cannot weave "
                        + reader.getClassName().replace('/', '.') + ": " + e.getMessage()));
                return null;
            }
            if (result == null) {
                return null;
            }
            int before = problems.size();
            result.misuses().forEach(m -> problems.add(WeaveProblem.ofMisuse(packagePath, sourceFile(reader), m)));
            result.failures().forEach(f -> problems.add(new WeaveProblem(packagePath + sourceFile(reader), -1, f)));
            if (problems.size() > before) {
                return null;
            }
            wovenMethods.addAll(result.woven());
            written++;
            return result.bytes();
        }

        WeaveReport report() {
            return new WeaveReport(written, alreadyWoven, List.copyOf(wovenMethods), List.copyOf(problems));
        }

        private static String packagePath(String internalName) {
            return internalName.substring(0, internalName.lastIndexOf('/') + 1);
        }

        private static String sourceFile(ClassReader reader) {
            String[] source = {null};
            reader.accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public void visitSource(String file, String debug) {
                    source[0] = file;
                }
            }, ClassReader.SKIP_CODE | ClassReader.SKIP_FRAMES);
            if (source[0] != null) {
                return source[0];
            }
            String name = reader.getClassName();
            int dollar = name.indexOf('$', name.lastIndexOf('/') + 1);
            return name.substring(name.lastIndexOf('/') + 1, dollar < 0 ? name.length() : dollar) + ".java";
        }
    }
}
