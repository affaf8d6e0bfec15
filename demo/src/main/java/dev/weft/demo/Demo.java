package dev.weft.demo;

import java.util.Locale;

/**
 * A tour of Weft: {@code java -jar demo/target/weft-demo.jar [timers|join|state-machine|echo|generators|all|debug]
 * [--scale F] [--threads N]}. The jar names the agent in {@code Launcher-Agent-Class}, so the
 * await code below is woven without any flag.
 */
public final class Demo {
    private static final String USAGE = String.join("\n",
            "usage: java -jar weft-demo.jar [timers|join|state-machine|echo|generators|all|debug] [--scale F]"
                    + " [--threads N] [--clients N]",
            "  timers         a spawned sleeper finishes last, on one thread",
            "  join           tasks of 1 and 2 units: sequential (3 units) vs concurrent (2 units)",
            "  state-machine  a hand-written Future next to a woven coroutine, and the frame the weaver made",
            "  echo           an echo server and many clients on loopback, one reactor thread",
            "  generators     the seed's generator woven, its frame after each element, and the same as a stream",
            "  all            everything above (the default)",
            "  debug          a task dump of stuck tasks, then an async stack trace (not part of all)",
            "  --scale F      seconds per time unit (default 0.25)",
            "  --threads N    executor threads for the echo part (default 2)",
            "  --clients N    echo clients (default 1000)");

    private Demo() {}

    public static void main(String[] args) throws java.io.IOException {
        Locale.setDefault(Locale.ROOT);
        String command = "all";
        double scale = 0.25;
        int threads = 2;
        int clients = 1000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    System.out.println(USAGE);
                    return;
                }
                case "--scale" -> scale = Double.parseDouble(value(args, ++i, "--scale"));
                case "--threads" -> threads = Integer.parseInt(value(args, ++i, "--threads"));
                case "--clients" -> clients = Integer.parseInt(value(args, ++i, "--clients"));
                default -> command = args[i];
            }
        }
        Clock clock = new Clock(scale);
        long start = System.nanoTime();
        switch (command) {
            case "timers" -> new TimersTour(clock).run();
            case "join" -> new JoinTour(clock).run();
            case "state-machine" -> new StateMachineTour(clock).run();
            case "echo" -> new EchoTour(clients, threads).run();
            case "debug" -> new DebugTour().run();
            case "generators" -> new GeneratorTour(clock).run();
            case "all" -> {
                new TimersTour(clock).run();
                new JoinTour(clock).run();
                new SongTour(clock).run();
                new StateMachineTour(clock).run();
                new EchoTour(clients, threads).run();
                new GeneratorTour(clock).run();
            }
            default -> fail("unknown subcommand '" + command + "'");
        }
        System.out.printf("tour finished in %.2f s; %d threads alive in this JVM%n", (System.nanoTime() - start) / 1e9,
                Thread.activeCount());
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            fail(option + " needs a value");
        }
        return args[i];
    }

    private static void fail(String message) {
        System.err.println("weft-demo: " + message);
        System.err.println(USAGE);
        System.exit(2);
    }
}
