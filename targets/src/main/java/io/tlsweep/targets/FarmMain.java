package io.tlsweep.targets;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the default farm, prints one line per target and waits until the process is stopped
 * (SIGTERM / Ctrl-C close the farm through a shutdown hook).
 *
 * <p>Usage: {@code FarmMain [--ca-out FILE] [--delay-ms N]} — optionally write the farm CA certificate as PEM,
 * and put a {@link DelayRelay} adding N ms each way in front of every target (printed after the targets).
 */
public final class FarmMain {

    private FarmMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path caOut = null;
        long delayMs = -1;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--ca-out") && i + 1 < args.length) {
                caOut = Path.of(args[++i]);
            } else if (args[i].equals("--delay-ms") && i + 1 < args.length && args[i + 1].matches("\\d{1,6}")) {
                delayMs = Long.parseLong(args[++i]);
            } else {
                System.err.println("usage: FarmMain [--ca-out FILE] [--delay-ms N]");
                System.exit(2);
            }
        }
        // Bouncy Castle JSSE logs every refused handshake; scanners provoke many. Keep the console readable.
        Logger bouncyCastle = Logger.getLogger("org.bouncycastle");
        bouncyCastle.setLevel(Level.SEVERE);
        long started = System.nanoTime();
        TargetFarm farm = TargetFarm.startDefault();
        List<DelayRelay> relays = new ArrayList<>();
        if (delayMs >= 0) {
            for (FarmTarget t : farm.targets()) {
                relays.add(DelayRelay.start(t.address(), Duration.ofMillis(delayMs)));
            }
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            relays.forEach(DelayRelay::close);
            farm.close();
            stopped.countDown();
        }, "target-farm-shutdown"));
        farm.describe().forEach(System.out::println);
        for (int i = 0; i < relays.size(); i++) {
            System.out.printf("%s via 127.0.0.1:%d (+%d ms each way)%n", farm.targets().get(i).name(),
                    relays.get(i).address().getPort(), delayMs);
        }
        if (caOut != null) {
            System.out.println("CA certificate written to " + farm.writeCaCertificate(caOut));
        }
        System.out.printf("%d targets up in %d ms (%s); stop with Ctrl-C%n", farm.targets().size(),
                (System.nanoTime() - started) / 1_000_000, farm.transport());
        System.out.flush();
        stopped.await();
        bouncyCastle.fine("farm stopped");
    }
}
