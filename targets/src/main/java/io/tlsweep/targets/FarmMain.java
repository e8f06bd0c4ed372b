package io.tlsweep.targets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the default farm, prints one line per target and waits until the process is stopped
 * (SIGTERM / Ctrl-C close the farm through a shutdown hook).
 *
 * <p>Usage: {@code FarmMain [--ca-out FILE]} — optionally write the farm CA certificate as PEM.
 */
public final class FarmMain {

    private FarmMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path caOut = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--ca-out") && i + 1 < args.length) {
                caOut = Path.of(args[++i]);
            } else {
                System.err.println("usage: FarmMain [--ca-out FILE]");
                System.exit(2);
            }
        }
        // Bouncy Castle JSSE logs every refused handshake; scanners provoke many. Keep the console readable.
        Logger bouncyCastle = Logger.getLogger("org.bouncycastle");
        bouncyCastle.setLevel(Level.SEVERE);
        long started = System.nanoTime();
        TargetFarm farm = TargetFarm.startDefault();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            farm.close();
            stopped.countDown();
        }, "target-farm-shutdown"));
        farm.describe().forEach(System.out::println);
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
