package io.tlsweep.probe;

import io.tlsweep.result.PreferenceOrder;
import io.tlsweep.wire.BulkCipher;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.ProtocolVersion;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Whose order decides. The enumeration found the suites in the order the server picked them; found in
 * another order than offered, they prove a server order at no cost; otherwise offering them reversed shows
 * whether it keeps its own order (one hello). When the found order cannot be the
 * server's (the suites came from several chunks, or the reversed hello picked something else), the order
 * is rebuilt by offering all accepted suites and removing the chosen one. A server that enforces its order
 * but has ChaCha20 below AES is then offered ChaCha20 first: choosing it means "ChaCha20 priority".
 */
final class PreferenceCheck implements Stage {
    private enum Step { REVERSED, REBUILD, CHACHA, DONE }

    private final VersionEvidence evidence;
    private final Optional<String> sni;
    private final HelloTemplates.KeyShareMode keyShares;
    private final List<CipherSuite> rebuilt = new ArrayList<>();
    private final List<CipherSuite> remaining = new ArrayList<>();
    private Step step;

    PreferenceCheck(VersionEvidence evidence, Optional<String> sni, HelloTemplates.KeyShareMode keyShares) {
        this.evidence = evidence;
        this.sni = sni;
        this.keyShares = keyShares;
        if (evidence.accepted.size() < 2) {
            this.step = Step.DONE;
        } else if (provenServerOrder(evidence)) {
            evidence.order = PreferenceOrder.SERVER;
            this.step = chachaWorthChecking() ? Step.CHACHA : Step.DONE;
        } else {
            this.step = Step.REVERSED;
        }
    }

    /**
     * A server that follows the client's order always picks the first offered suite it supports, so it is
     * found in the order tlsweep offers. Found in any other order (within one chunk), the server applied its
     * own order: no hello is needed to prove it.
     */
    private static boolean provenServerOrder(VersionEvidence evidence) {
        return !evidence.acceptedAcrossChunks && !OfferOrder.foundInOfferedOrder(evidence.version, evidence.accepted);
    }

    @Override
    public Optional<ClientHelloSpec> next() {
        return switch (step) {
            case REVERSED -> {
                List<CipherSuite> reversed = new ArrayList<>(evidence.accepted);
                Collections.reverse(reversed);
                yield hello(reversed);
            }
            case REBUILD -> remaining.size() < 2 ? finishRebuild() : hello(remaining);
            case CHACHA -> {
                List<CipherSuite> chachaFirst = new ArrayList<>(evidence.accepted);
                chachaFirst.sort((a, b) -> Boolean.compare(isChaCha(b), isChaCha(a)));
                yield hello(chachaFirst);
            }
            case DONE -> Optional.empty();
        };
    }

    private Optional<ClientHelloSpec> finishRebuild() {
        rebuilt.addAll(remaining);
        evidence.accepted.clear();
        evidence.accepted.addAll(rebuilt);
        evidence.order = PreferenceOrder.SERVER;
        step = chachaWorthChecking() ? Step.CHACHA : Step.DONE;
        return next();
    }

    private Optional<ClientHelloSpec> hello(List<CipherSuite> suites) {
        List<io.tlsweep.wire.NamedGroup> groups = evidence.version.equals(ProtocolVersion.TLSv1_3)
                ? HelloTemplates.TLS13_GROUPS : HelloTemplates.LEGACY_GROUPS;
        return Optional.of(HelloTemplates.hello(evidence.version, suites, groups, sni, keyShares));
    }

    @Override
    public void fold(ClientHelloSpec sent, Reading reading) {
        if (!(reading instanceof Reading.Accepted a)) {
            evidence.note("preference check not answered (" + describe(reading) + "); order unknown");
            step = Step.DONE;
            return;
        }
        switch (step) {
            case REVERSED -> {
                CipherSuite first = evidence.accepted.get(0);
                CipherSuite last = evidence.accepted.get(evidence.accepted.size() - 1);
                if (a.suite().equals(first) && !evidence.acceptedAcrossChunks) {
                    evidence.order = PreferenceOrder.SERVER;
                    step = chachaWorthChecking() ? Step.CHACHA : Step.DONE;
                } else if (a.suite().equals(last)) {
                    evidence.order = PreferenceOrder.CLIENT;
                    step = Step.DONE;
                } else {
                    remaining.addAll(evidence.accepted);
                    step = Step.REBUILD;
                }
            }
            case REBUILD -> {
                rebuilt.add(a.suite());
                remaining.remove(a.suite());
            }
            case CHACHA -> {
                evidence.chacha20Priority = isChaCha(a.suite()) && !isChaCha(evidence.accepted.get(0));
                step = Step.DONE;
            }
            case DONE -> throw new IllegalStateException("fold after the preference check finished");
        }
    }

    private boolean chachaWorthChecking() {
        return evidence.accepted.stream().anyMatch(PreferenceCheck::isChaCha) && !isChaCha(evidence.accepted.get(0));
    }

    private static boolean isChaCha(CipherSuite s) {
        return s.cipher() == BulkCipher.CHACHA20_POLY1305;
    }

    static String describe(Reading r) {
        if (r instanceof Reading.Rejected x) {
            return x.why().toString();
        }
        if (r instanceof Reading.Silent x) {
            return x.why().toString();
        }
        if (r instanceof Reading.Unusable x) {
            return x.why().toString();
        }
        return "accepted";
    }
}
