package io.tlsweep.probe;

import io.tlsweep.result.PreferenceOrder;
import io.tlsweep.wire.BulkCipher;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.ProtocolVersion;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The hellos of a re-check, each with the answer the baseline predicts, chosen so that every change a hello is
 * meant to see gives another answer:
 * <ul>
 * <li>per accepted version V, one hello offering every version from V up to the version just below the next
 * accepted one (the newest, TLS 1.3, for the best version), every suite the baseline did not see accepted at V
 * first (ChaCha20 ones last, so a ChaCha20-priority server keeps its own order), then V's accepted suites. It
 * expects a ServerHello at V with the baseline's first choice: V switched off gives a refusal or an older
 * version, a version switched on in the range gives that version, a new first choice (a suite added above it,
 * it removed, the order changed) gives another suite. The accepted suites go reversed for a server-ordered V,
 * so a switch to the client's order picks the last one; in V's own order otherwise, so a client-ordered server
 * picks the first, and any suite added there comes before it. The hello of the newest version showing the
 * certificate (TLS 1.2 or older) expects the baseline's leaf too;</li>
 * <li>for that version, unless the client's order decides there, one hello with only the suites not accepted
 * before: it expects a refusal, so a suite added anywhere in the server's order is seen;</li>
 * <li>with the legacy watch, when the oldest accepted version is above SSL 3.0, one hello for the version just
 * below it with all its candidates: it expects a refusal, and a server accepting that version or an older one
 * again answers it.</li>
 * </ul>
 * At most (accepted versions + 1) hellos, +1 for the legacy watch.
 */
final class RecheckHellos {
    /**
     * One hello and what the baseline predicts for it.
     *
     * @param expected the ServerHello the baseline predicts; empty when it predicts a refusal
     */
    record Planned(String what, ClientHelloSpec hello, Optional<Choice> expected) {
    }

    /** A predicted answer: this version, this suite, and this leaf certificate when it is compared. */
    record Choice(ProtocolVersion version, CipherSuite suite, Optional<String> leafSha256) {
    }

    private RecheckHellos() {
    }

    static List<Planned> of(Baseline baseline, Optional<String> sni, boolean legacyWatch) {
        List<Planned> planned = new ArrayList<>();
        List<Baseline.Version> versions = baseline.versions();
        Baseline.Version certificate = baseline.bestShowingCertificate();
        for (int i = 0; i < versions.size(); i++) {
            Baseline.Version v = versions.get(i);
            ProtocolVersion highest = i + 1 < versions.size() ? below(versions.get(i + 1).version())
                    : ProtocolVersion.TLSv1_3;
            Optional<String> leaf = v.equals(certificate) && !v.version().equals(ProtocolVersion.TLSv1_3)
                    ? baseline.leafSha256() : Optional.empty();
            String what = v.version() + (highest.equals(v.version()) ? "" : " (offered up to " + highest + ")");
            planned.add(new Planned(what, HelloTemplates.upTo(v.version(), highest, offer(v, highest), sni),
                    Optional.of(new Choice(v.version(), v.suites().get(0), leaf))));
        }
        List<CipherSuite> unaccepted = notAccepted(certificate, certificate.version());
        if (certificate.order() != PreferenceOrder.CLIENT && !unaccepted.isEmpty()) {
            planned.add(new Planned(certificate.version() + ": the " + unaccepted.size()
                    + " suites not accepted before", HelloTemplates.upTo(certificate.version(), certificate.version(),
                    unaccepted, sni), Optional.empty()));
        }
        ProtocolVersion lowest = baseline.lowest();
        if (legacyWatch && lowest.compareTo(ProtocolVersion.SSLv3) > 0) {
            ProtocolVersion watched = below(lowest);
            planned.add(new Planned(watched + " and older (off before)", HelloTemplates.upTo(watched, watched,
                    SuiteEnumeration.candidates(watched), sni), Optional.empty()));
        }
        return planned;
    }

    /** The suites of V's hello: the ones not accepted at V first, then V's, ordered as the class says. */
    private static List<CipherSuite> offer(Baseline.Version v, ProtocolVersion highest) {
        List<CipherSuite> others = notAccepted(v, highest);
        List<CipherSuite> mine = new ArrayList<>(v.suites());
        if (v.order() == PreferenceOrder.SERVER) {
            Collections.reverse(mine);
            CipherSuite first = others.isEmpty() ? mine.get(0) : others.get(0);
            if (isChaCha(first) && !isChaCha(v.suites().get(0))) {
                // a ChaCha20-priority server would pick ChaCha20 for a hello that starts with it
                mine = new ArrayList<>(v.suites());
            }
        }
        List<CipherSuite> offered = new ArrayList<>(others);
        offered.addAll(mine);
        return offered;
    }

    /** Every candidate of the versions from V up to {@code highest} that V did not accept, ChaCha20 ones last. */
    private static List<CipherSuite> notAccepted(Baseline.Version v, ProtocolVersion highest) {
        Set<CipherSuite> candidates = new LinkedHashSet<>();
        for (ProtocolVersion p : ProtocolVersion.HELLO_VERSIONS) {
            if (p.compareTo(v.version()) >= 0 && p.compareTo(highest) <= 0) {
                candidates.addAll(SuiteEnumeration.candidates(p));
            }
        }
        candidates.removeAll(v.suites());
        List<CipherSuite> ordered = new ArrayList<>(candidates.stream().filter(s -> !isChaCha(s)).toList());
        candidates.stream().filter(RecheckHellos::isChaCha).forEach(ordered::add);
        return ordered;
    }

    /** The version just below {@code v} among those a hello can offer. */
    private static ProtocolVersion below(ProtocolVersion v) {
        int i = ProtocolVersion.HELLO_VERSIONS.indexOf(v);
        if (i <= 0) {
            throw new IllegalArgumentException("no version below " + v);
        }
        return ProtocolVersion.HELLO_VERSIONS.get(i - 1);
    }

    private static boolean isChaCha(CipherSuite s) {
        return s.cipher() == BulkCipher.CHACHA20_POLY1305;
    }
}
