package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Reads the runtime's compiled classes with jdeps and checks the package map that docs/DESIGN.md
 * describes: the packages depend on each other without cycles, every class counted.
 */
class PackageLayoutTest {
    private static final Pattern EDGE = Pattern.compile("^\\s+(dev\\.weft\\.\\S+)\\s+->\\s+(dev\\.weft\\.\\S+)\\s");

    @Test
    void packagesFormNoCycle() throws Exception {
        Map<String, Set<String>> graph = packageGraph(classEdges());
        assertEquals(Set.of(), cycleMembers(graph), "packages on a cycle; graph: " + graph);
    }

    @Test
    void theWovenContractDependsOnlyOnTheCore() throws Exception {
        for (String[] edge : classEdges()) {
            if (packageOf(edge[0]).equals("dev.weft.woven")) {
                assertTrue(Set.of("dev.weft", "dev.weft.woven", "dev.weft.rethrow").contains(packageOf(edge[1])), edge[0] + " -> " + edge[1]);
            }
        }
    }

    /** Every {@code from -> to} pair between two runtime classes, as jdeps sees them in the class files. */
    private static List<String[]> classEdges() throws URISyntaxException {
        Path classes = Path.of(Async.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        StringWriter out = new StringWriter();
        int rc = ToolProvider.findFirst("jdeps").orElseThrow()
                .run(new PrintWriter(out), new PrintWriter(out), "-verbose:class", "-filter:none", classes.toString());
        assertEquals(0, rc, out.toString());
        List<String[]> edges = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            Matcher m = EDGE.matcher(line);
            if (m.find()) {
                edges.add(new String[] {m.group(1), m.group(2)});
            }
        }
        assertTrue(edges.size() > 100, "jdeps printed no class edges:\n" + out);
        return edges;
    }

    private static Map<String, Set<String>> packageGraph(List<String[]> edges) {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (String[] edge : edges) {
            String from = packageOf(edge[0]);
            String to = packageOf(edge[1]);
            graph.computeIfAbsent(from, k -> new TreeSet<>());
            if (!from.equals(to)) {
                graph.get(from).add(to);
            }
        }
        return graph;
    }

    /** The packages that can reach themselves again. */
    private static Set<String> cycleMembers(Map<String, Set<String>> graph) {
        Set<String> members = new TreeSet<>();
        for (String start : graph.keySet()) {
            if (reachable(graph, start).contains(start)) {
                members.add(start);
            }
        }
        return members;
    }

    private static Set<String> reachable(Map<String, Set<String>> graph, String start) {
        Set<String> seen = new TreeSet<>();
        List<String> todo = new ArrayList<>(graph.getOrDefault(start, Set.of()));
        while (!todo.isEmpty()) {
            String p = todo.remove(todo.size() - 1);
            if (seen.add(p)) {
                todo.addAll(graph.getOrDefault(p, Set.of()));
            }
        }
        return seen;
    }

    private static String packageOf(String className) {
        return className.substring(0, className.lastIndexOf('.'));
    }
}
