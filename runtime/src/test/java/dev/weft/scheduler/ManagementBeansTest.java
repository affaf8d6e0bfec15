package dev.weft.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Executor;
import dev.weft.JoinHandle;
import dev.weft.Probe;
import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** The task dump and the executor counters, read the way JConsole reads them: through the MBean server. */
class ManagementBeansTest {
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @Test
    void theTasksBeanDumpsThroughTheMBeanServer() throws Exception {
        try (Executor ex = Executor.singleThreaded()) {
            Probe<String> probe = new Probe<>();
            JoinHandle<String> h = ex.spawn("jmx-probe", probe);
            while (!h.toString().contains("suspended")) {
                Thread.onSpinWait();
            }
            ObjectName tasks = new ObjectName("dev.weft:type=Tasks");
            awaitRegistered(tasks, true);

            String text = (String) server.invoke(tasks, "dump", null, null);
            String json = (String) server.invoke(tasks, "dumpJson", null, null);

            assertTrue(text.matches("(?s)Weft task dump at .*task \\d+ \\(jmx-probe\\) on weft-single-\\d+: suspended\n"
                    + "    waits on: Probe\n.*"), text);
            assertTrue(json.matches("(?s)\\{\"capturedAt\":\"[^\"]+\",\"tasks\":\\[.*\\{\"id\":\\d+,\"name\":\"jmx-probe\","
                    + "\"executor\":\"weft-single-\\d+\",\"state\":\"suspended\",\"stack\":\\[\\],\"waitsOn\":\"Probe\"}.*]}"), json);
            assertTrue((Integer) server.getAttribute(tasks, "LiveTasks") >= 1);
            probe.complete("done");
            h.join();
        }
    }

    @Test
    void eachExecutorHasACountersBeanWhileItRuns() throws Exception {
        ObjectName name;
        int tasks = 200;
        try (WorkStealingExecutor ex = new WorkStealingExecutor(2, "jmx-counted")) {
            name = new ObjectName(ManagementBeans.executorName(ex));
            awaitRegistered(name, true);
            @SuppressWarnings("unchecked")
            Probe<Void>[] gates = new Probe[tasks];
            JoinHandle<?>[] handles = new JoinHandle<?>[tasks];
            for (int i = 0; i < tasks; i++) {
                gates[i] = new Probe<>();
                handles[i] = ex.spawn(gates[i]);
            }
            while ((Long) server.getAttribute(name, "Polls") < tasks) {
                Thread.onSpinWait(); // every task's first poll
            }
            assertEquals(tasks, server.getAttribute(name, "LiveTasks"));
            for (Probe<Void> gate : gates) {
                gate.complete(null); // a wake from this thread, outside the executor
            }
            for (JoinHandle<?> h : handles) {
                h.join();
            }
            while ((Integer) server.getAttribute(name, "LiveTasks") != 0) {
                Thread.onSpinWait(); // a task leaves the registry just after its handle is completed
            }
            assertTrue((Long) server.getAttribute(name, "Polls") >= 2L * tasks, "a first poll and one after the wake");
            assertEquals((long) tasks, server.getAttribute(name, "WakesFromOutside"));
            assertTrue((Long) server.getAttribute(name, "Wakes") >= tasks);
            assertEquals(2, ((int[]) server.getAttribute(name, "LocalQueueDepths")).length);
            assertTrue((Integer) server.getAttribute(name, "InjectedQueueDepth") >= 0);
            assertTrue((Long) server.getAttribute(name, "Parks") >= 0 && (Long) server.getAttribute(name, "Steals") >= 0);
        }
        awaitRegistered(name, false); // closing the executor unregisters its bean
    }

    /** Registration runs on the weft-jmx thread, in order, soon after the executor starts or closes. */
    private void awaitRegistered(ObjectName name, boolean registered) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (server.isRegistered(name) != registered) {
            assertTrue(System.nanoTime() < deadline, name + (registered ? " never registered" : " never unregistered"));
            Thread.onSpinWait();
        }
    }
}
