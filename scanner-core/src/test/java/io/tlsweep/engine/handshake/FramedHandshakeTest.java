package io.tlsweep.engine.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.tlsweep.prelude.LinePrelude;
import io.tlsweep.prelude.tds.TdsFraming;
import io.tlsweep.result.Failure;
import io.tlsweep.result.PreludeFacts;
import io.tlsweep.result.FailureKind;
import io.tlsweep.testing.SelfSignedKey;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The prelude handler and the framing under a real SslHandler, with no socket: the test plays the server's
 * prelude, then carries the bytes between the client's SslHandler and a server SslHandler, unwrapping and
 * wrapping the TDS-shaped packets as a framed server would. The handshake completes through the framing, and
 * the framing steps aside after it.
 */
class FramedHandshakeTest {

    /** What the prelude handler told its connection. */
    private static final class Told implements PreludeHandler.Listener {
        boolean started;
        final List<Failure> failures = new ArrayList<>();
        boolean cut;

        @Override
        public void tlsStarted(PreludeFacts facts) {
            started = true;
        }

        @Override
        public void preludeFailed(Failure failure) {
            failures.add(failure);
        }

        @Override
        public void preludeCut() {
            cut = true;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void theHandshakeRunsThroughTheFramingWhichStepsAsideAfterIt(String version) throws Exception {
        SelfSignedKey key = SelfSignedKey.rsa2048();
        SslContext serverContext = SslContextBuilder.forServer(key.keys().getPrivate(), key.certificate())
                .sslProvider(SslProvider.JDK).protocols(version).build();
        SslContext clientContext = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).protocols(version)
                .trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        EmbeddedChannel server = new EmbeddedChannel(serverContext.newHandler(ByteBufAllocator.DEFAULT));
        SslHandler ssl = clientContext.newHandler(ByteBufAllocator.DEFAULT);
        Told told = new Told();
        EmbeddedChannel client = new EmbeddedChannel(new PreludeHandler(new LinePrelude(true), ssl, 5000, told));
        try {
            client.writeInbound(ascii("220 framed\r\n"));
            assertThat(drain(client)).isEqualTo(LinePrelude.STARTTLS);
            client.writeInbound(ascii("220 ready\r\n"));
            assertThat(told.started).isTrue();
            assertThat(client.pipeline().get(PreludeHandler.class)).isNull();
            assertThat(client.pipeline().get(FramingHandler.class)).isNotNull();

            TdsFraming framedServer = new TdsFraming();
            int packets = 0;
            for (int round = 0; round < 20 && !ssl.handshakeFuture().isDone(); round++) {
                byte[] fromClient = drain(client);
                if (fromClient.length > 0) {
                    assertThat(fromClient[0]).as("every client byte of the handshake is in a packet")
                            .isEqualTo((byte) 0x12);
                    packets++;
                    byte[] tls = ((io.tlsweep.prelude.TlsFraming.Unwrapped.Bytes) framedServer.unwrap(fromClient, 0,
                            fromClient.length)).tls();
                    server.writeInbound(Unpooled.wrappedBuffer(tls));
                }
                byte[] fromServer = drain(server);
                if (fromServer.length > 0) {
                    client.writeInbound(Unpooled.wrappedBuffer(framedServer.wrap(fromServer)));
                }
                client.runPendingTasks();
                server.runPendingTasks();
            }
            assertThat(ssl.handshakeFuture().isSuccess()).as(String.valueOf(ssl.handshakeFuture().cause())).isTrue();
            assertThat(ssl.engine().getSession().getProtocol()).isEqualTo(version);
            byte[] last = drain(client); // TLS 1.3: the client's Finished, written as its handshake completed
            if (last.length > 0) {
                assertThat(last[0]).as("the handshake's last flight is in packets too").isEqualTo((byte) 0x12);
                packets++;
            }
            assertThat(packets).isGreaterThanOrEqualTo(2);
            assertThat(client.pipeline().get(FramingHandler.class)).as("records after the handshake travel bare")
                    .isNull();
            client.writeOutbound(ascii("after"));
            assertThat(drain(client)[0]).as("an application_data record, bare").isEqualTo((byte) 0x17);
            assertThat(told.failures).isEmpty();
            assertThat(told.cut).isFalse();
        } finally {
            client.finishAndReleaseAll();
            server.finishAndReleaseAll();
        }
    }

    @Test
    void bytesThatBreakTheFramingAreAMalformedReply() throws Exception {
        SslContext clientContext = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                .trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        Told told = new Told();
        EmbeddedChannel client = new EmbeddedChannel(new PreludeHandler(new LinePrelude(true),
                clientContext.newHandler(ByteBufAllocator.DEFAULT), 5000, told));
        try {
            client.writeInbound(ascii("220 framed\r\n"));
            client.writeInbound(ascii("220 ready\r\n"));
            drain(client);
            client.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x16, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28, 0, 0}));
            assertThat(told.failures).singleElement().satisfies(f -> {
                assertThat(f.kind()).isEqualTo(FailureKind.MALFORMED_REPLY);
                assertThat(f.detail()).isEqualTo("the TDS framing broke: a TDS packet of type 0x16 where the TLS"
                        + " handshake travels in PRELOGIN (0x12) packets");
            });
        } finally {
            client.finishAndReleaseAll();
        }
    }

    @Test
    void aConnectionClosedDuringThePreludeIsCut() throws Exception {
        SslContext clientContext = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).build();
        Told told = new Told();
        EmbeddedChannel client = new EmbeddedChannel(new PreludeHandler(new LinePrelude(false),
                clientContext.newHandler(ByteBufAllocator.DEFAULT), 5000, told));
        client.writeInbound(ascii("220 banner\r\n"));
        client.close();
        assertThat(told.cut).isTrue();
        assertThat(told.started).isFalse();
        client.finishAndReleaseAll();
    }

    private static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    /** Everything the channel has written so far. */
    private static byte[] drain(EmbeddedChannel ch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuf b = ch.readOutbound(); b != null; b = ch.readOutbound()) {
            out.writeBytes(ByteBufUtil.getBytes(b));
            b.release();
        }
        return out.toByteArray();
    }
}
