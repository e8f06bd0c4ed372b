package io.tlsweep.prelude.xmpp;

import io.tlsweep.prelude.AfterTlsCodec;
import io.tlsweep.prelude.AfterTlsStep;
import io.tlsweep.prelude.PreludeStep;
import io.tlsweep.result.AuthAfterTls;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * XMPP once TLS is up: a new stream header (RFC 6120 section 5.4.3.3: the stream restarts over TLS), the server's
 * header and its new stream features, read by the same bounded reader as before TLS; the SASL mechanisms among
 * them are those offered over TLS. Then {@code </stream:stream>}.
 */
final class XmppAfterTls implements AfterTlsCodec {
    private static final byte[] CLOSE = "</stream:stream>".getBytes(StandardCharsets.US_ASCII);

    private final String protocol;
    private final XmppCodec stream;

    XmppAfterTls(XmppPrelude prelude) {
        this.protocol = prelude.protocol();
        this.stream = new XmppCodec(prelude, true);
    }

    @Override
    public AfterTlsStep start() {
        return new AfterTlsStep.GoOn(0, ((PreludeStep.GoOn) stream.start()).send());
    }

    @Override
    public AfterTlsStep read(byte[] in, int offset, int length) {
        PreludeStep step = stream.read(in, offset, length);
        if (step instanceof PreludeStep.GoOn goOn) {
            return new AfterTlsStep.GoOn(goOn.consumed(), goOn.send());
        }
        if (step instanceof PreludeStep.TlsMayStart features) {
            return new AfterTlsStep.Learned(features.consumed(), CLOSE, auth((XmppFacts) features.facts()));
        }
        PreludeStep.Failed failed = (PreludeStep.Failed) step;
        return new AfterTlsStep.Failed(failed.consumed(), failed.failure().detail(), Optional.empty());
    }

    /** Nothing short of the whole features proves which mechanisms are offered. */
    @Override
    public Optional<AuthAfterTls> factsSoFar() {
        return Optional.empty();
    }

    private AuthAfterTls auth(XmppFacts facts) {
        return new AuthAfterTls(protocol, facts.features().map(XmppFacts.Features::saslMechanisms)
                .orElse(List.of()));
    }
}
