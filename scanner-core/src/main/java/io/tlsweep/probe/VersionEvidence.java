package io.tlsweep.probe;

import io.tlsweep.result.Failure;
import io.tlsweep.result.PreferenceOrder;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.EncryptedFlight;
import io.tlsweep.wire.KeyExchangeParams;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.ServerHello;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the stages of one version have found so far; folded into a {@link ProtocolSupport} at the end. */
final class VersionEvidence {
    final ProtocolVersion version;
    final List<CipherSuite> accepted = new ArrayList<>();
    final List<NamedGroup> groups = new ArrayList<>();
    final List<Failure> rejections = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    PreferenceOrder order = PreferenceOrder.UNKNOWN;
    boolean chacha20Priority;
    boolean complete = true;
    boolean acceptedAcrossChunks;
    /** The suites, in offered order, of the hello the first accepted suite was chosen from. */
    List<CipherSuite> firstOffer = List.of();
    boolean ocspStapled;
    Optional<Integer> dhPrimeBits = Optional.empty();
    List<byte[]> certificates = List.of();
    /** TLS 1.3: whether a hello with an empty key_share had a suite accepted (not only one with real shares). */
    boolean emptyShareAccepted;
    /** The first TLS 1.3 flight read to a verified Finished, else the first one read at all. */
    Optional<EncryptedFlight> encrypted = Optional.empty();
    /** How many of its ServerHellos carried renegotiation_info (RFC 5746), and how many did not. */
    int renegotiationInfo;
    int noRenegotiationInfo;
    /**
     * Whether the group enumeration ran to its end: the server turned a hello down, or named every group offered. The
     * groups found are then every group offered that it takes; when false (not run, cut short) nothing is known of
     * the groups not found.
     */
    boolean groupsSettled;

    VersionEvidence(ProtocolVersion version) {
        this.version = version;
    }

    /**
     * Keeps what a ServerHello and its first flight show about the endpoint: DH size, certificates, whether it
     * answered the renegotiation SCSV with renegotiation_info and, for TLS 1.3, what the encrypted flight showed (the
     * chain of the flight kept, so chain and scheme go together).
     */
    void observe(Optional<ServerHello> hello) {
        hello.ifPresent(sh -> {
            if (sh.secureRenegotiation()) {
                renegotiationInfo++;
            } else {
                noRenegotiationInfo++;
            }
            ocspStapled |= sh.flight().ocspStapled();
            sh.flight().keyExchange().filter(KeyExchangeParams.Dhe.class::isInstance)
                    .ifPresent(k -> dhPrimeBits = Optional.of(((KeyExchangeParams.Dhe) k).primeBits()));
            Optional<EncryptedFlight> read = sh.flight().encrypted();
            boolean better = read.isPresent() && (encrypted.isEmpty() || read.get().whole() && !encrypted.get().whole());
            if (better) {
                encrypted = read;
                if (!sh.flight().certificates().isEmpty()) {
                    certificates = sh.flight().certificates();
                }
            } else if (certificates.isEmpty() && !sh.flight().certificates().isEmpty()) {
                certificates = sh.flight().certificates();
            }
        });
    }

    void note(String text) {
        notes.add(version + ": " + text);
    }

    ProtocolSupport toSupport() {
        Optional<Failure> refusal = rejections.isEmpty() ? Optional.empty()
                : Optional.of(rejections.get(rejections.size() - 1));
        return new ProtocolSupport(version, accepted, order, chacha20Priority, groups, dhPrimeBits, complete,
                refusal);
    }
}
