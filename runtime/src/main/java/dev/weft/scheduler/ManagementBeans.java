package dev.weft.scheduler;

import java.lang.management.ManagementFactory;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Registers Weft's MBeans with the platform MBean server: {@code dev.weft:type=Tasks} once, when the
 * first executor starts (so a program that never spawns pays nothing), and one
 * {@code dev.weft:type=Executor,name=...} per executor while it runs. {@code -Dweft.jmx=false} turns
 * both off. A failure to register is logged, never thrown: monitoring must not stop an executor.
 *
 * <p>The work runs on one short-lived daemon thread, {@code weft-jmx}, in the order it was asked
 * for (so an executor's unregistration follows its registration): starting the platform MBean
 * server took about 300 ms on a loaded machine, which the first spawn should not wait for.
 */
final class ManagementBeans {
    static final String TASKS = "dev.weft:type=Tasks";
    private static final boolean ENABLED = !"false".equals(System.getProperty("weft.jmx"));
    private static final Pattern NEEDS_QUOTES = Pattern.compile("[,=:\"*?\\s]");
    private static final System.Logger LOG = System.getLogger(ManagementBeans.class.getName());
    private static boolean tasksRegistered; // weft-jmx thread only

    private ManagementBeans() {}

    static void executorStarted(ObservedExecutor executor) {
        if (ENABLED) {
            Registrations.QUEUE.execute(() -> {
                registerTasksOnce();
                register(executorName(executor), executor.metrics());
            });
        }
    }

    static void executorClosed(ObservedExecutor executor) {
        if (ENABLED) {
            Registrations.QUEUE.execute(() -> unregister(executor));
        }
    }

    /** The registrations, one at a time and in order, off the threads that start executors. */
    private static final class Registrations {
        static final ThreadPoolExecutor QUEUE = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "weft-jmx");
                    t.setDaemon(true);
                    return t;
                });
    }

    private static void unregister(ObservedExecutor executor) {
        try {
            ObjectName name = new ObjectName(executorName(executor));
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (JMException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not unregister " + executorName(executor), e);
        }
    }

    private static void registerTasksOnce() {
        if (!tasksRegistered) {
            tasksRegistered = true;
            register(TASKS, new TasksBean());
        }
    }

    private static void register(String objectName, Object bean) {
        try {
            ManagementFactory.getPlatformMBeanServer().registerMBean(bean, new ObjectName(objectName));
        } catch (JMException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Weft could not register the MBean " + objectName, e);
        }
    }

    static String executorName(ObservedExecutor executor) {
        String name = executor.name();
        return "dev.weft:type=Executor,name=" + (NEEDS_QUOTES.matcher(name).find() ? ObjectName.quote(name) : name);
    }
}
