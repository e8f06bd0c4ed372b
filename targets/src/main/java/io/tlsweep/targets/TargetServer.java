package io.tlsweep.targets;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.tlsweep.targets.cert.CertificateFacts;
import io.tlsweep.targets.cert.CertifiedKey;
import io.tlsweep.targets.cert.FarmCertificateAuthority;
import io.tlsweep.targets.flaky.FlakyFrontInitializer;
import io.tlsweep.targets.hostile.HostileChannelInitializer;
import io.tlsweep.targets.hostile.UnofferedSuiteRule;
import io.tlsweep.targets.prelude.PreludeChannelInitializer;
import io.tlsweep.targets.prelude.ScriptedConversation;
import io.tlsweep.targets.prelude.TdsFrontInitializer;
import io.tlsweep.targets.scripted.LegacyServerScript;
import io.tlsweep.targets.scripted.ScriptedChannelInitializer;
import io.tlsweep.targets.tls.AcceptanceRules;
import io.tlsweep.targets.tls.ServerSslContexts;
import io.tlsweep.targets.tls.TlsChannelInitializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** One bound target: its listening channel and every connection it accepted, closed together. */
final class TargetServer implements AutoCloseable {

    private final FarmTarget target;
    private final ChannelGroup channels;
    private final Optional<TargetServer> backend;
    private final AtomicReference<OpenConnections> watch;
    private final AtomicLong accepted;

    private TargetServer(FarmTarget target, ChannelGroup channels, Optional<TargetServer> backend,
            AtomicReference<OpenConnections> watch, AtomicLong accepted) {
        this.target = target;
        this.channels = channels;
        this.backend = backend;
        this.watch = watch;
        this.accepted = accepted;
    }

    /** Binds {@code spec} on {@code port} (0 = ephemeral) and computes its expected facts. */
    static TargetServer start(TargetSpec spec, int port, FarmEventLoop loop, FarmCertificateAuthority ca,
                              ServerSslContexts contexts) {
        if (spec instanceof HostileTargetSpec h && h.behaviour() == Behaviour.CLOSED_PORT) {
            int released = port != 0 ? port : releasedPort(h.bindAddress());
            return new TargetServer(new FarmTarget(spec.name(), spec.bindAddress(), released, spec,
                    new HostileExpectation(h.behaviour(), h.behaviour().description())), null, Optional.empty(),
                    new AtomicReference<>(), new AtomicLong());
        }
        ChannelHandler initializer;
        Expectation expected;
        Optional<TargetServer> backend = Optional.empty();
        if (spec instanceof FlakyTargetSpec flaky) {
            TargetServer behind = start(flaky.backend(), 0, loop, ca, contexts);
            backend = Optional.of(behind);
            expected = behind.target().expected();
            initializer = new FlakyFrontInitializer(flaky, behind.target().address(), loop.socketChannelType());
        } else if (spec instanceof TlsTargetSpec tls) {
            contexts.validate(tls);
            CertifiedKey key = ca.issue(tls.certificate());
            expected = AcceptanceRules.expectation(tls, key);
            initializer = new TlsChannelInitializer(tls, contexts.build(tls, key));
        } else if (spec instanceof ScriptedTargetSpec scripted) {
            CertifiedKey key = ca.issue(scripted.certificate());
            expected = scriptedExpectation(scripted, key);
            initializer = new ScriptedChannelInitializer(scripted, script(scripted, key), key.privateKey());
        } else if (spec instanceof PreludeTargetSpec prelude && prelude.tls() instanceof TlsTargetSpec tls) {
            contexts.validate(tls);
            CertifiedKey key = ca.issue(tls.certificate());
            expected = AcceptanceRules.expectation(tls, key);
            SslContext context = contexts.build(tls, key);
            initializer = new PreludeChannelInitializer(prelude,
                    ch -> List.of(TlsChannelInitializer.tlsHandler(tls, context, ch)));
        } else if (spec instanceof TdsTargetSpec tds) {
            TlsTargetSpec tls = tds.tls();
            contexts.validate(tls);
            CertifiedKey key = ca.issue(tls.certificate());
            expected = AcceptanceRules.expectation(tls, key);
            SslContext context = contexts.build(tls, key);
            SslContext strict = tds.strict() == TdsTargetSpec.Strict.NOT_SERVED ? context
                    : contexts.build(tls, key, List.of(TdsTargetSpec.STRICT_ALPN));
            initializer = new TdsFrontInitializer(tds, ch -> TlsChannelInitializer.tlsHandler(tls, context, ch),
                    ch -> TlsChannelInitializer.tlsHandler(tls, strict, ch));
        } else if (spec instanceof PreludeTargetSpec prelude) {
            ScriptedTargetSpec scripted = (ScriptedTargetSpec) prelude.tls();
            CertifiedKey key = ca.issue(scripted.certificate());
            expected = scriptedExpectation(scripted, key);
            LegacyServerScript script = script(scripted, key);
            initializer = new PreludeChannelInitializer(prelude, ch -> PreludeChannelInitializer.scripted(prelude,
                    new ScriptedConversation(script, scripted.linger())));
        } else {
            HostileTargetSpec hostile = (HostileTargetSpec) spec;
            initializer = new HostileChannelInitializer(hostile);
            String detail = hostile.behaviour() == Behaviour.UNOFFERED_SUITE ? UnofferedSuiteRule.DESCRIPTION
                    : hostile.behaviour().description();
            expected = new HostileExpectation(hostile.behaviour(), detail);
        }
        ChannelGroup channels = new DefaultChannelGroup(spec.name(), GlobalEventExecutor.INSTANCE);
        AtomicReference<OpenConnections> watch = new AtomicReference<>();
        AtomicLong accepted = new AtomicLong();
        Channel server;
        try {
            server = new ServerBootstrap()
                    .group(loop.group())
                    .channel(loop.serverChannelType())
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childHandler(new Tracker(channels, initializer, watch, accepted))
                    .bind(spec.bindAddress(), port)
                    .syncUninterruptibly()
                    .channel();
        } catch (RuntimeException e) {
            backend.ifPresent(TargetServer::close);
            throw e;
        }
        channels.add(server);
        int bound = ((InetSocketAddress) server.localAddress()).getPort();
        return new TargetServer(new FarmTarget(spec.name(), spec.bindAddress(), bound, spec, expected), channels,
                backend, watch, accepted);
    }

    private static TlsExpectation scriptedExpectation(ScriptedTargetSpec scripted, CertifiedKey key) {
        return new TlsExpectation(TlsStack.SCRIPTED, scripted.accepted(), Optional.empty(),
                CertificateFacts.of(key.leaf()), List.of(), scripted.quirks());
    }

    private static LegacyServerScript script(ScriptedTargetSpec scripted, CertifiedKey key) {
        return new LegacyServerScript(scripted.accepted(), scripted.quirks(),
                key.chain().stream().map(TargetServer::der).toList());
    }

    FarmTarget target() {
        return target;
    }

    /** Starts counting the connections open at once (on every accept from now on); the same count if already on. */
    OpenConnections watchOpenConnections() {
        OpenConnections fresh = new OpenConnections(target.host(), target.port());
        return watch.compareAndSet(null, fresh) ? fresh : watch.get();
    }

    /** Connections accepted since the target started (by the front, for a flaky target). */
    long accepted() {
        return accepted.get();
    }

    @Override
    public void close() {
        if (channels != null) {
            channels.close().awaitUninterruptibly();
        }
        backend.ifPresent(TargetServer::close);
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode a farm certificate", e);
        }
    }

    /**
     * A port bound and released at once, outside the kernel's range of ephemeral ports where it can tell it: a
     * released ephemeral port may become the source port of a client's own connection (a scan's, say), and a
     * connection to it from itself is then answered by the client's own bytes instead of being refused.
     */
    private static int releasedPort(String address) {
        int below = ephemeralPortsFrom().orElse(0);
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; below > 10_000 && attempt < 50; attempt++) {
            int port = 10_000 + random.nextInt(below - 10_000);
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(address, port));
                return port;
            } catch (IOException e) {
                // taken: try another
            }
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(address, 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reserve a port to release", e);
        }
    }

    /** The first ephemeral port of Linux's {@code ip_local_port_range}, when it can be read. */
    private static java.util.OptionalInt ephemeralPortsFrom() {
        // read as a stream: Files.readString takes a /proc file's size of 0 at its word and stops after one byte
        try (java.io.BufferedReader r = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of(
                "/proc/sys/net/ipv4/ip_local_port_range"))) {
            return java.util.OptionalInt.of(Integer.parseInt(r.readLine().trim().split("\\s+")[0]));
        } catch (IOException | RuntimeException e) {
            return java.util.OptionalInt.empty();
        }
    }

    /**
     * Counts every accepted connection and adds it to the group (and, when watched, counts the connections open),
     * then installs the target's own pipeline.
     */
    private static final class Tracker extends ChannelInitializer<Channel> {
        private final ChannelGroup channels;
        private final ChannelHandler initializer;
        private final AtomicReference<OpenConnections> watch;
        private final AtomicLong accepted;

        Tracker(ChannelGroup channels, ChannelHandler initializer, AtomicReference<OpenConnections> watch,
                AtomicLong accepted) {
            this.channels = channels;
            this.initializer = initializer;
            this.watch = watch;
            this.accepted = accepted;
        }

        @Override
        protected void initChannel(Channel ch) {
            accepted.incrementAndGet();
            OpenConnections open = watch.get();
            if (open != null) {
                open.sample();
            }
            channels.add(ch);
            ch.pipeline().addLast(initializer);
        }
    }
}
