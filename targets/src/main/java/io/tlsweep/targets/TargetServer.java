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

/** One bound target: its listening channel and every connection it accepted, closed together. */
final class TargetServer implements AutoCloseable {

    private final FarmTarget target;
    private final ChannelGroup channels;
    private final Optional<TargetServer> backend;

    private TargetServer(FarmTarget target, ChannelGroup channels, Optional<TargetServer> backend) {
        this.target = target;
        this.channels = channels;
        this.backend = backend;
    }

    /** Binds {@code spec} on {@code port} (0 = ephemeral) and computes its expected facts. */
    static TargetServer start(TargetSpec spec, int port, FarmEventLoop loop, FarmCertificateAuthority ca,
                              ServerSslContexts contexts) {
        if (spec instanceof HostileTargetSpec h && h.behaviour() == Behaviour.CLOSED_PORT) {
            int released = port != 0 ? port : releasedPort(h.bindAddress());
            return new TargetServer(new FarmTarget(spec.name(), spec.bindAddress(), released, spec,
                    new HostileExpectation(h.behaviour(), h.behaviour().description())), null, Optional.empty());
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
            SslContext context = contexts.build(tls, key);
            initializer = new TlsChannelInitializer(tls, context);
        } else if (spec instanceof ScriptedTargetSpec scripted) {
            CertifiedKey key = ca.issue(scripted.certificate());
            expected = new TlsExpectation(TlsStack.SCRIPTED, scripted.accepted(), Optional.empty(),
                    CertificateFacts.of(key.leaf()), List.of());
            initializer = new ScriptedChannelInitializer(scripted, new LegacyServerScript(scripted.accepted(),
                    key.chain().stream().map(TargetServer::der).toList()));
        } else {
            HostileTargetSpec hostile = (HostileTargetSpec) spec;
            initializer = new HostileChannelInitializer(hostile);
            String detail = hostile.behaviour() == Behaviour.UNOFFERED_SUITE ? UnofferedSuiteRule.DESCRIPTION
                    : hostile.behaviour().description();
            expected = new HostileExpectation(hostile.behaviour(), detail);
        }
        ChannelGroup channels = new DefaultChannelGroup(spec.name(), GlobalEventExecutor.INSTANCE);
        Channel server;
        try {
            server = new ServerBootstrap()
                    .group(loop.group())
                    .channel(loop.serverChannelType())
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childHandler(new Tracker(channels, initializer))
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
                backend);
    }

    FarmTarget target() {
        return target;
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

    private static int releasedPort(String address) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(address, 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reserve a port to release", e);
        }
    }

    /** Adds every accepted connection to the group, then installs the target's own pipeline. */
    private static final class Tracker extends ChannelInitializer<Channel> {
        private final ChannelGroup channels;
        private final ChannelHandler initializer;

        Tracker(ChannelGroup channels, ChannelHandler initializer) {
            this.channels = channels;
            this.initializer = initializer;
        }

        @Override
        protected void initChannel(Channel ch) {
            channels.add(ch);
            ch.pipeline().addLast(initializer);
        }
    }
}
