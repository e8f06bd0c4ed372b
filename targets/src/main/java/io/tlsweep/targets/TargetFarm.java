package io.tlsweep.targets;

import io.tlsweep.targets.cert.FarmCertificateAuthority;
import io.tlsweep.targets.cert.KeyPairCache;
import io.tlsweep.targets.tls.ServerSslContexts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A farm of loopback targets with known configurations. Start it with {@link #start(List)} or
 * {@link #startDefault()}, read each target's address and expected facts from {@link #targets()},
 * and close it (all servers and connections, then the shared event loop).
 *
 * <p>All servers share one event loop group (epoll when available, NIO otherwise) and bind
 * ephemeral ports on 127.x addresses only. Certificates come from a CA made for this farm.
 */
public final class TargetFarm implements AutoCloseable {
    /**
     * Bouncy Castle JSSE logs every refused handshake at INFO, and a scanner provokes thousands; kept here
     * (a strong reference, so the level sticks) and turned down whenever a farm starts.
     */
    private static final Logger BOUNCY_CASTLE_LOG = Logger.getLogger("org.bouncycastle");

    private final FarmEventLoop loop;
    private final FarmCertificateAuthority ca;
    private final ServerSslContexts contexts = new ServerSslContexts();
    private final Map<String, TargetServer> servers = new LinkedHashMap<>();
    private boolean closed;

    private TargetFarm(FarmEventLoop loop, FarmCertificateAuthority ca) {
        this.loop = loop;
        this.ca = ca;
    }

    /** Starts the built-in profiles ({@link DefaultProfiles#all()}). */
    public static TargetFarm startDefault() {
        return start(DefaultProfiles.all());
    }

    /**
     * Starts one server per spec. Fails (and releases whatever it had started) when a name repeats
     * or a stack cannot serve a spec.
     */
    public static TargetFarm start(List<? extends TargetSpec> specs) {
        BOUNCY_CASTLE_LOG.setLevel(Level.SEVERE);
        Set<String> names = new HashSet<>();
        for (TargetSpec spec : specs) {
            if (!names.add(spec.name())) {
                throw new IllegalArgumentException("duplicate target name: " + spec.name());
            }
        }
        FarmEventLoop loop = new FarmEventLoop(Math.max(2, Runtime.getRuntime().availableProcessors()));
        TargetFarm farm = new TargetFarm(loop, new FarmCertificateAuthority(KeyPairCache.shared()));
        try {
            for (TargetSpec spec : specs) {
                farm.add(spec);
            }
            return farm;
        } catch (RuntimeException e) {
            farm.close();
            throw e;
        }
    }

    /** Starts one more target on an ephemeral port. */
    public synchronized FarmTarget add(TargetSpec spec) {
        requireOpen();
        if (servers.containsKey(spec.name())) {
            throw new IllegalArgumentException("duplicate target name: " + spec.name());
        }
        TargetServer server = TargetServer.start(spec, 0, loop, ca, contexts);
        servers.put(spec.name(), server);
        return server.target();
    }

    /**
     * Stops the named target (closing its connections) and starts {@code spec} on the same port
     * in its place; the new spec may have another name. Returns the new target.
     */
    public synchronized FarmTarget restart(String name, TargetSpec spec) {
        requireOpen();
        TargetServer old = server(name);
        if (!name.equals(spec.name()) && servers.containsKey(spec.name())) {
            throw new IllegalArgumentException("duplicate target name: " + spec.name());
        }
        if (!old.target().host().equals(spec.bindAddress())) {
            throw new IllegalArgumentException("restart keeps the address: " + old.target().host());
        }
        int port = old.target().port();
        old.close();
        servers.remove(name);
        TargetServer fresh = TargetServer.start(spec, port, loop, ca, contexts);
        servers.put(spec.name(), fresh);
        return fresh.target();
    }

    /** Stops and forgets the named target. */
    public synchronized void stop(String name) {
        server(name).close();
        servers.remove(name);
    }

    /** Every running target in start order. */
    public synchronized List<FarmTarget> targets() {
        return servers.values().stream().map(TargetServer::target).toList();
    }

    public synchronized FarmTarget target(String name) {
        return server(name).target();
    }

    /** The running well-behaved targets. */
    public List<FarmTarget> tlsTargets() {
        return targets().stream().filter(t -> !t.isHostile()).toList();
    }

    /** The running hostile targets. */
    public List<FarmTarget> hostileTargets() {
        return targets().stream().filter(FarmTarget::isHostile).toList();
    }

    /**
     * Counts, from now on, the most connections the named target has open at once ({@link OpenConnections});
     * asking again gives the same count.
     */
    public synchronized OpenConnections watchOpenConnections(String name) {
        return server(name).watchOpenConnections();
    }

    /**
     * The connections the named target has accepted since it started, counted before its pipeline sees them (a
     * flaky target's front counts its own; a closed port accepts none).
     */
    public synchronized long acceptedConnections(String name) {
        return server(name).accepted();
    }

    /** The farm CA that signs every non-self-signed leaf. */
    public X509Certificate caCertificate() {
        return ca.certificate();
    }

    public String caCertificatePem() {
        return ca.certificatePem();
    }

    /** Writes the CA certificate as PEM (for a scanner's {@code --ca-file}) and returns the path. */
    public Path writeCaCertificate(Path file) throws IOException {
        return Files.writeString(file, caCertificatePem(), StandardCharsets.US_ASCII);
    }

    /** {@code epoll} or {@code nio}. */
    public String transport() {
        return loop.transport();
    }

    /** One line per target: name, host:port, stack, expected versions or behaviour. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (FarmTarget t : targets()) {
            lines.add(t.describe());
        }
        return lines;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            servers.values().forEach(TargetServer::close);
            servers.clear();
        } finally {
            loop.close();
        }
    }

    private TargetServer server(String name) {
        TargetServer server = servers.get(name);
        if (server == null) {
            throw new NoSuchElementException("no target named " + name);
        }
        return server;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("farm is closed");
        }
    }
}
