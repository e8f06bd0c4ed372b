package io.tlsweep.targets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * How a {@link ScriptedTargetSpec} departs from a tolerant server; every quirk is off in {@link #NONE}.
 * Checked in this order, before the version is chosen:
 * <ol>
 * <li>{@code maxHelloBytes}: a ClientHello handshake message longer than this is not answered: the server closes
 * the connection (a FIN, no alert), the shape of servers and middleboxes that silently drop long hellos. The
 * length measured is the handshake message's own: its 4-byte header (type and 24-bit length) plus the body the
 * header declares, i.e. {@code 4 + length}; the record header is not counted. Every byte of the body counts,
 * a padding extension (RFC 7685) included: the server refuses long hellos whatever makes them long. A hello
 * continued in a second record is judged by the length its header declares; the server does not read that record
 * (were it already in the server's socket buffer, the kernel would turn the close into a reset).</li>
 * <li>{@code maxOfferedSuites}: a ClientHello listing more cipher suites than this (every two-byte entry of
 * the list: SCSVs and GREASE values count) gets a fatal {@code decode_error} alert (50) and a close. The
 * alert's record carries the client's legacy_version, capped at TLS 1.2, as the protocol_version alert does.</li>
 * </ol>
 * {@code offVersionSuites} are configured suites the server accepts in every configured version, including
 * the versions where the registry says the suite does not belong (a TLS 1.2-only SHA-256 or AEAD suite in a
 * TLS 1.0 or 1.1 handshake), as some real stacks do.
 *
 * @param maxOfferedSuites the most suites a hello may list; empty for no limit
 * @param maxHelloBytes    the longest ClientHello handshake message (header included) answered; empty for no limit
 * @param offVersionSuites IANA names of configured suites accepted in every configured version
 * @param legacy           the flaws of old servers it reproduces ({@link LegacyQuirk}), after the version and suite
 *                         are chosen
 * @param flaws            the published flaws it reproduces after its first flight ({@link ScriptedFlaw})
 */
public record ScriptedQuirks(OptionalInt maxOfferedSuites, OptionalInt maxHelloBytes, List<String> offVersionSuites,
                             Set<LegacyQuirk> legacy, Set<ScriptedFlaw> flaws) {

    /** No quirk: every hello is read whatever its size, suites only where the registry puts them. */
    public static final ScriptedQuirks NONE = new ScriptedQuirks(OptionalInt.empty(), OptionalInt.empty(), List.of());

    /** The smallest ClientHello message: header, version, random, no session id, one suite, null compression. */
    public static final int SMALLEST_HELLO = 4 + 2 + 32 + 1 + 2 + 2 + 1 + 1;

    /** The TLS alert a hello with too many suites gets. */
    public static final int DECODE_ERROR = 50;

    public ScriptedQuirks {
        Objects.requireNonNull(maxOfferedSuites, "maxOfferedSuites");
        Objects.requireNonNull(maxHelloBytes, "maxHelloBytes");
        if (maxOfferedSuites.isPresent() && maxOfferedSuites.getAsInt() < 1) {
            throw new IllegalArgumentException("maxOfferedSuites must be at least 1: " + maxOfferedSuites.getAsInt());
        }
        if (maxHelloBytes.isPresent() && maxHelloBytes.getAsInt() < SMALLEST_HELLO) {
            throw new IllegalArgumentException("maxHelloBytes must be at least " + SMALLEST_HELLO
                    + " (the smallest ClientHello): " + maxHelloBytes.getAsInt());
        }
        if (new LinkedHashSet<>(offVersionSuites).size() != offVersionSuites.size()) {
            throw new IllegalArgumentException("offVersionSuites lists a suite twice: " + offVersionSuites);
        }
        offVersionSuites = List.copyOf(offVersionSuites);
        legacy = legacy.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(legacy));
        flaws = flaws.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(flaws));
    }

    /** Quirks without the flaws of old servers or published flaws. */
    public ScriptedQuirks(OptionalInt maxOfferedSuites, OptionalInt maxHelloBytes, List<String> offVersionSuites) {
        this(maxOfferedSuites, maxHelloBytes, offVersionSuites, Set.of(), Set.of());
    }

    /** These quirks with hellos listing more than {@code max} suites refused with {@code decode_error}. */
    public ScriptedQuirks withMaxOfferedSuites(int max) {
        return new ScriptedQuirks(OptionalInt.of(max), maxHelloBytes, offVersionSuites, legacy, flaws);
    }

    /** These quirks with hello messages longer than {@code max} bytes (header included) closed on unanswered. */
    public ScriptedQuirks withMaxHelloBytes(int max) {
        return new ScriptedQuirks(maxOfferedSuites, OptionalInt.of(max), offVersionSuites, legacy, flaws);
    }

    /** These quirks with {@code suites} (IANA names) also accepted in every configured version. */
    public ScriptedQuirks withOffVersionSuites(List<String> suites) {
        return new ScriptedQuirks(maxOfferedSuites, maxHelloBytes, suites, legacy, flaws);
    }

    /** These quirks with the flaws of old servers {@code quirks} too. */
    public ScriptedQuirks withLegacy(LegacyQuirk... quirks) {
        Set<LegacyQuirk> all = EnumSet.noneOf(LegacyQuirk.class);
        all.addAll(legacy);
        all.addAll(List.of(quirks));
        return new ScriptedQuirks(maxOfferedSuites, maxHelloBytes, offVersionSuites, all, flaws);
    }

    /** These quirks with {@code more} flaws reproduced after the first flight. */
    public ScriptedQuirks withFlaws(ScriptedFlaw... more) {
        Set<ScriptedFlaw> all = EnumSet.noneOf(ScriptedFlaw.class);
        all.addAll(flaws);
        all.addAll(List.of(more));
        return new ScriptedQuirks(maxOfferedSuites, maxHelloBytes, offVersionSuites, legacy, all);
    }

    /** Whether any quirk is on. */
    public boolean any() {
        return !equals(NONE);
    }

    /** One line for listings, e.g. {@code max 150 suites, max 512 hello bytes, off-version [..]}; empty for none. */
    public String summary() {
        List<String> parts = new ArrayList<>();
        maxOfferedSuites.ifPresent(n -> parts.add("max " + n + " suites (else decode_error)"));
        maxHelloBytes.ifPresent(n -> parts.add("max " + n + " hello bytes (else a silent close)"));
        if (!offVersionSuites.isEmpty()) {
            parts.add("off-version " + offVersionSuites);
        }
        if (!legacy.isEmpty()) {
            parts.add("legacy " + legacy);
        }
        if (!flaws.isEmpty()) {
            parts.add("flaws " + flaws);
        }
        return String.join(", ", parts);
    }
}
