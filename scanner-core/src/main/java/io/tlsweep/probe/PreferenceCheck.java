package io.tlsweep.probe;

import io.tlsweep.result.PreferenceOrder;
import io.tlsweep.wire.BulkCipher;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.ProtocolVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whose order decides, proven with two hellos that offer the same pair of accepted suites in both orders: the
 * same suite chosen both times is a server order, the first offered chosen both times is the client's, anything
 * else is left unknown. The order the enumeration happened to find proves nothing on its own: a JDK server that
 * follows the client still takes its legacy suites (3DES) last, so it finds them out of offered order.
 *
 * <p>The pair is the first two suites found, ChaCha20 left out while two others remain (a server giving ChaCha20
 * priority to a client that lists it first would look like one following the client). When the first suite found
 * is the pair's first and the hello it was chosen from offered the pair in that order, that hello stands for the
 * pair offered as found, and only the reversed pair is sent. When a server order is
 * proven but the suites were found across several hellos' chunks, or the pair's winner was not found first, the
 * order is rebuilt by offering all accepted suites and removing the chosen one. A server enforcing its order with
 * ChaCha20 below first place is then offered ChaCha20 first: choosing it means "ChaCha20 priority".
 */
final class PreferenceCheck implements Stage {
    private enum Step { PAIR, PAIR_REVERSED, REBUILD, CHACHA, DONE }

    private final VersionEvidence evidence;
    private final Optional<String> sni;
    private final HelloTemplates.KeyShareMode keyShares;
    private final List<CipherSuite> rebuilt = new ArrayList<>();
    private final List<CipherSuite> remaining = new ArrayList<>();
    private final List<CipherSuite> pair;
    private CipherSuite firstChoice;
    private Step step;

    PreferenceCheck(VersionEvidence evidence, Optional<String> sni, HelloTemplates.KeyShareMode keyShares) {
        this.evidence = evidence;
        this.sni = sni;
        this.keyShares = keyShares;
        this.pair = pair(evidence.accepted);
        this.step = pair.size() < 2 ? Step.DONE : Step.PAIR;
        if (step == Step.PAIR && offeredInOrder(evidence.firstOffer, pair)
                && pair.get(0).equals(evidence.accepted.get(0))) {
            // the enumeration's first hello offered the pair in this order (and more) and got its first suite: the
            // answer the pair offered as found would get, from any server choosing by its order or by the client's
            firstChoice = pair.get(0);
            step = Step.PAIR_REVERSED;
        }
    }

    /** Whether {@code offer} holds both suites of {@code pair}, the first before the second. */
    private static boolean offeredInOrder(List<CipherSuite> offer, List<CipherSuite> pair) {
        int first = offer.indexOf(pair.get(0));
        int second = offer.indexOf(pair.get(1));
        return first >= 0 && second > first;
    }

    /** The first two suites found, not ChaCha20 while two others remain. */
    static List<CipherSuite> pair(List<CipherSuite> found) {
        List<CipherSuite> others = found.stream().filter(s -> !isChaCha(s)).limit(2).toList();
        return others.size() == 2 ? others : found.stream().limit(2).toList();
    }

    @Override
    public Optional<ClientHelloSpec> next() {
        return switch (step) {
            case PAIR -> hello(pair);
            case PAIR_REVERSED -> hello(List.of(pair.get(1), pair.get(0)));
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
            if (step == Step.CHACHA) {
                evidence.note("ChaCha20 priority check not answered (" + describe(reading) + ")");
            } else {
                evidence.order = PreferenceOrder.UNKNOWN;
                evidence.note("preference check not answered (" + describe(reading) + "); order unknown");
            }
            step = Step.DONE;
            return;
        }
        switch (step) {
            case PAIR -> {
                firstChoice = a.suite();
                step = Step.PAIR_REVERSED;
            }
            case PAIR_REVERSED -> decide(firstChoice, a.suite());
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

    /** Reads the answers to the pair offered as found ({@code forward}) and reversed ({@code reversed}). */
    private void decide(CipherSuite forward, CipherSuite reversed) {
        if (forward.equals(reversed)) {
            evidence.order = PreferenceOrder.SERVER;
            if (evidence.acceptedAcrossChunks || !forward.equals(pair.get(0))) {
                remaining.addAll(evidence.accepted);
                step = Step.REBUILD;
            } else {
                step = chachaWorthChecking() ? Step.CHACHA : Step.DONE;
            }
        } else if (forward.equals(pair.get(0))) {
            evidence.order = PreferenceOrder.CLIENT;
            noteSuitesTakenLast();
            step = Step.DONE;
        } else {
            evidence.order = PreferenceOrder.UNKNOWN;
            evidence.note("took the second of two suites in both orders (" + pair.get(0).ianaName() + ", "
                    + pair.get(1).ianaName() + "); order unknown");
            step = Step.DONE;
        }
    }

    /**
     * A server following the client's order finds suites in the order offered; suites found after ones offered
     * later are taken only when nothing else is shared (the JDK's legacy suites): said in a note.
     */
    private void noteSuitesTakenLast() {
        List<CipherSuite> offered = OfferOrder.candidates(evidence.version);
        List<CipherSuite> last = new ArrayList<>();
        int latestOffered = -1;
        for (CipherSuite s : evidence.accepted) {
            int at = offered.indexOf(s);
            if (at < latestOffered) {
                last.add(s);
            }
            latestOffered = Math.max(latestOffered, at);
        }
        if (!last.isEmpty()) {
            evidence.note("follows the client's order, but chose " + String.join(", ", last.stream()
                    .map(CipherSuite::ianaName).toList()) + " only after suites offered later");
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
