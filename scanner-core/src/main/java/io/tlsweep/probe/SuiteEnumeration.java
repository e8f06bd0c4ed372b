package io.tlsweep.probe;

import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.wire.Authentication;
import io.tlsweep.wire.BulkCipher;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.CipherSuites;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.KeyExchange;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds every suite a version accepts: offer every candidate, remove the one chosen, repeat, so a version costs
 * accepted + 1 hellos; a protocol_version alert or a lower-version answer ends it after one. The candidates of
 * SSLv3 to TLS 1.2 are every registry suite, the ones the registry gives the version first: a server that accepts
 * a suite outside its version (a TLS 1.2-only suite in TLS 1.1) is found at no extra hello. An endpoint that
 * shows size intolerance gets smaller offers ({@link HelloSize}): a rejection such an endpoint gives a large
 * hello rules nothing out until a smaller hello with the same first suites is answered. TLS 1.3 is probed with
 * an empty key_share (the HelloRetryRequest names the suite), switching to real key shares if a server rejects
 * the empty one; its first hello alone carries real key shares (x25519 and secp256r1), so that the server answers
 * it with its whole
 * first flight, which the engine reads to the end (the TLS 1.3 chain and CertificateVerify come from the scan
 * itself, at no extra hello). Its hellos also carry older suites ({@link HelloTemplates#withOlderSuites}), so a server
 * without TLS 1.3 that decides by legacy_version answers with its own version rather than refusing.
 */
final class SuiteEnumeration implements Stage {
    private static final Set<KeyExchange> COMMON_KX = EnumSet.of(KeyExchange.ECDHE, KeyExchange.DHE,
            KeyExchange.RSA, KeyExchange.ANY);
    private static final Set<BulkCipher> COMMON_CIPHERS = EnumSet.of(BulkCipher.AES_GCM, BulkCipher.AES_CBC,
            BulkCipher.CHACHA20_POLY1305, BulkCipher.TRIPLE_DES, BulkCipher.RC4, BulkCipher.AES_CCM);

    /** A large hello turned down in a way a size intolerance could explain, while a smaller one is tried. */
    private record Trial(Failure why, ClientHelloSpec large) {
    }

    private final VersionEvidence evidence;
    private final Optional<String> sni;
    private final boolean firstOnly;
    private final HelloSize size;
    private final List<CipherSuite> pool;
    private final List<NamedGroup> groups;
    /** The offers suites were accepted from that did not hold every suite still to test (chunks, halves). */
    private final List<Set<CipherSuite>> partialOffersAccepted = new ArrayList<>();
    private HelloTemplates.KeyShareMode keyShares = HelloTemplates.KeyShareMode.EMPTY;
    private boolean realSharesTried;
    /** TLS 1.3: the next hello is the first, sent with real key shares to be answered with the whole flight. */
    private boolean askFlight;
    private boolean finished;
    private int firstStep;
    private int sentStep;
    private Trial trial;
    private int trialStep;
    private final ArrayDeque<List<CipherSuite>> halves = new ArrayDeque<>();
    private boolean sentHalf;

    /**
     * @param smallFirst whether the first hello fits the first smaller step (first contact's TLS 1.0 hello, so the
     *                   round shows a size intolerance the TLS 1.2 hello of every candidate runs into)
     */
    SuiteEnumeration(VersionEvidence evidence, Optional<String> sni, boolean firstOnly, HelloSize size,
            boolean smallFirst) {
        this.evidence = evidence;
        this.sni = sni;
        this.firstOnly = firstOnly;
        this.size = size;
        this.firstStep = smallFirst ? 1 : 0;
        this.pool = new ArrayList<>(candidates(evidence.version));
        this.groups = evidence.version.equals(ProtocolVersion.TLSv1_3) ? HelloTemplates.TLS13_GROUPS
                : HelloTemplates.LEGACY_GROUPS;
        this.askFlight = evidence.version.equals(ProtocolVersion.TLSv1_3);
    }

    private static final Map<ProtocolVersion, List<CipherSuite>> CANDIDATES = new ConcurrentHashMap<>();

    /**
     * The suites offered for the version. TLS 1.3: its own suites. Older versions: every registry suite, those
     * the registry gives the version first, and among them the ones servers commonly run first.
     */
    static List<CipherSuite> candidates(ProtocolVersion version) {
        return CANDIDATES.computeIfAbsent(version, v -> {
            List<CipherSuite> all = v.equals(ProtocolVersion.TLSv1_3) ? CipherSuites.forVersion(v)
                    : CipherSuites.all();
            return all.stream().sorted(Comparator.comparing((CipherSuite s) -> !s.usableIn(v))
                    .thenComparingInt(SuiteEnumeration::rarity)).toList();
        });
    }

    private static int rarity(CipherSuite s) {
        boolean commonAuth = s.authentication() == Authentication.RSA || s.authentication() == Authentication.ECDSA
                || s.authentication() == Authentication.DSS || s.isTls13();
        if (COMMON_KX.contains(s.keyExchange()) && commonAuth) {
            return COMMON_CIPHERS.contains(s.cipher()) && !s.isExport() ? 0 : 1;
        }
        return s.keyExchange() == KeyExchange.DH || s.keyExchange() == KeyExchange.ECDH
                || s.authentication() == Authentication.NONE ? 2 : 3;
    }

    HelloTemplates.KeyShareMode keyShareMode() {
        return keyShares;
    }

    @Override
    public Optional<ClientHelloSpec> next() {
        if (finished || pool.isEmpty()) {
            return Optional.empty();
        }
        sentStep = trial != null ? trialStep : Math.max(size.step(), firstStep);
        firstStep = 0;
        sentHalf = !halves.isEmpty();
        return Optional.of(HelloSize.fit(sentStep, offer(sentHalf ? halves.peek() : pool), this::hello));
    }

    /** Every suite still to test, as a hello of this version offers them (TLS 1.3's with older suites after). */
    private List<CipherSuite> offer() {
        return offer(pool);
    }

    private List<CipherSuite> offer(List<CipherSuite> suites) {
        return evidence.version.equals(ProtocolVersion.TLSv1_3) ? HelloTemplates.withOlderSuites(suites) : suites;
    }

    /**
     * A refusal that says the offer had no suite the server takes (handshake_failure, as TLS 1.3 servers refuse
     * leftover suites), not that it refuses an empty key_share: after the first hello (with real shares) was
     * accepted, only another refusal of an empty key_share sends the rest with real shares.
     */
    private static boolean noCommonSuite(Failure why) {
        return why.kind() == FailureKind.ALERT && why.alert().map(a -> a.code() == 40).orElse(false);
    }

    private ClientHelloSpec hello(List<CipherSuite> suites) {
        return HelloTemplates.hello(evidence.version, suites, groups, sni,
                askFlight ? HelloTemplates.KeyShareMode.FLIGHT : keyShares);
    }

    /**
     * A smaller hello to send in place of {@code sent}, an offer of every candidate whose answer was lost with
     * {@code why}, when a size intolerance could explain the loss; empty when it could not or {@code sent} was
     * not such an offer (a lost answer to a smaller one is sent again as it was).
     */
    Optional<ClientHelloSpec> shrink(ClientHelloSpec sent, Failure why) {
        if (trial != null || sentStep != 0 || !size.mayBlame(why, sent)) {
            return Optional.empty();
        }
        Optional<Integer> lower = HelloSize.below(sentStep, sent, offer(), this::hello);
        lower.ifPresent(s -> {
            trial = new Trial(why, sent);
            trialStep = s;
            sentStep = s;
        });
        return lower.map(s -> HelloSize.fit(s, offer(), this::hello));
    }

    @Override
    public void fold(ClientHelloSpec sent, Reading reading) {
        askFlight = false;
        Optional<Failure> failure = reading instanceof Reading.Rejected r ? Optional.of(r.why())
                : reading instanceof Reading.Silent q ? Optional.of(q.why()) : Optional.empty();
        boolean versionRefused = reading instanceof Reading.Rejected r && r.versionRefused();
        if (trial == null && failure.isPresent() && !versionRefused && size.mayBlame(failure.get(), sent)
                && failure.get().kind() == FailureKind.ALERT) {
            Optional<Integer> lower = HelloSize.below(sentStep, sent, offer(), this::hello);
            if (lower.isPresent()) {
                trial = new Trial(failure.get(), sent);
                trialStep = lower.get();
                return;
            }
        }
        ClientHelloSpec answered = sent;
        if (trial != null) {
            if (failure.isPresent() && !versionRefused && HelloSize.suspect(failure.get())) {
                Optional<Integer> lower = failure.get().kind() == FailureKind.ALERT
                        ? HelloSize.below(trialStep, sent, offer(), this::hello) : Optional.empty();
                if (lower.isPresent()) {
                    trialStep = lower.get();
                    return;
                }
                size.exonerate(trial.why());
                size.exonerate(failure.get());
                evidence.note(describe(trial.large()) + " and " + describe(sent) + " were both turned down ("
                        + failure.get().detail() + "): the server's answer, not a size limit");
                // an alert to both is the server's answer to the large hello too; a lost answer rules out only the
                // suites of the hello it stood for (the rest are offered again, where a real refusal would show)
                if (failure.get().kind() == FailureKind.ALERT) {
                    answered = trial.large();
                }
            } else if (!size.answeredAtLeast(trial.large())) {
                size.lowerTo(trialStep);
                evidence.note(describe(trial.large()) + " got " + trial.why().detail() + " where " + describe(sent)
                        + " was answered: size intolerance, offers cut to " + HelloSize.STEPS.get(trialStep));
            }
            trial = null;
        }
        if (sentHalf) {
            halves.poll();
        } else if (standingLoss(reading) && !evidence.accepted.isEmpty()) {
            List<CipherSuite> untested = sent.cipherSuites().stream().filter(pool::contains).toList();
            if (untested.size() >= 2) {
                // a version that answers lost this offer on every attempt: its two halves are offered apart, so a
                // refusal by alert of one shows the loss was not the server's answer
                halves.add(untested.subList(0, untested.size() / 2));
                halves.add(untested.subList(untested.size() / 2, untested.size()));
                return;
            }
        }
        if (reading instanceof Reading.Accepted a) {
            // a suite found later was not in an earlier offer: the order found is not the server's
            evidence.acceptedAcrossChunks |= partialOffersAccepted.stream().anyMatch(o -> !o.contains(a.suite()));
            boolean whole = !sentHalf && sent.cipherSuites().contains(pool.get(0))
                    && sent.cipherSuites().contains(pool.get(pool.size() - 1));
            if (!whole) {
                partialOffersAccepted.add(Set.copyOf(sent.cipherSuites()));
            }
            if (evidence.accepted.isEmpty()) {
                evidence.firstOffer = List.copyOf(sent.cipherSuites());
            }
            evidence.accepted.add(a.suite());
            evidence.emptyShareAccepted |= sent.keyShares().map(List::isEmpty).orElse(false);
            evidence.observe(a.hello());
            pool.remove(a.suite());
            finished = firstOnly;
        } else if (reading instanceof Reading.Rejected r) {
            evidence.rejections.add(r.why());
            if (r.versionRefused()) {
                finished = true;
            } else if (evidence.version.equals(ProtocolVersion.TLSv1_3) && !evidence.emptyShareAccepted
                    && !realSharesTried && sent.keyShares().map(List::isEmpty).orElse(false)
                    && (evidence.accepted.isEmpty() || !noCommonSuite(r.why()))) {
                realSharesTried = true;
                keyShares = HelloTemplates.KeyShareMode.REAL;
                evidence.note("empty key_share turned down (" + r.why().detail() + "); retrying with real key shares");
            } else {
                Set<CipherSuite> offered = new HashSet<>(answered.cipherSuites());
                pool.removeIf(offered::contains);
            }
        } else if (reading instanceof Reading.Silent) {
            evidence.note("no answer to a hello even when retried; version taken as not supported");
            if (!evidence.accepted.isEmpty()) {
                evidence.complete = false;
            }
            finished = true;
        }
    }

    /** A lost answer that stood as the server's refusal (a reset or a close on every attempt). */
    private static boolean standingLoss(Reading reading) {
        return reading instanceof Reading.Rejected r && (r.why().kind() == FailureKind.RESET_BEFORE_REPLY
                || r.why().kind() == FailureKind.CLOSED_BEFORE_REPLY);
    }

    private static String describe(ClientHelloSpec hello) {
        return "a hello of " + hello.cipherSuites().size() + " suites (" + HelloSize.bytes(hello) + " bytes)";
    }
}
