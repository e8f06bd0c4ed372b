package io.tlsweep.prelude.rdp;

import io.tlsweep.prelude.OtherProtocol;
import io.tlsweep.prelude.PreludeCodec;
import io.tlsweep.prelude.PreludeStep;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.PreludeFacts;
import java.util.Optional;
import java.util.Set;

/**
 * One connection's RDP negotiation: writes the Connection Request at once, then reads one TPKT (RFC 1006:
 * version 3, reserved 0, its length as a big-endian u16) holding an X.224 TPDU: a Connection Confirm (0xD0)
 * with an RDP_NEG_RSP, an RDP_NEG_FAILURE or no negotiation data. A TPKT longer than {@value #MAX_TPKT} bytes is
 * refused at once, without waiting for it.
 */
final class RdpCodec implements PreludeCodec {
    /** A Connection Confirm is 11 or 19 bytes; nothing a server says here comes near this. */
    static final int MAX_TPKT = 512;
    private static final int TPKT_HEADER = 4;
    private static final int CC_FIXED = 7;
    private static final int NEG_LENGTH = 8;
    private static final int CR = 0xE0;
    private static final int CC = 0xD0;
    private static final int DR = 0x80;
    private static final int DT = 0xF0;
    private static final int TYPE_RSP = 0x02;
    private static final int TYPE_FAILURE = 0x03;
    private static final String EXPECTED = "an X.224 Connection Confirm in a TPKT";

    private final Set<SecurityProtocol> requested;

    RdpCodec(Set<SecurityProtocol> requested) {
        this.requested = requested;
    }

    /** TPKT, X.224 Connection Request (no cookie, class 0), RDP_NEG_REQ with no flags. */
    static byte[] connectionRequest(Set<SecurityProtocol> requested) {
        int p = SecurityProtocol.bits(requested);
        return new byte[] {3, 0, 0, 19, 14, (byte) CR, 0, 0, 0, 0, 0, 0x01, 0x00, 0x08, 0x00, (byte) p,
            (byte) (p >> 8), (byte) (p >> 16), (byte) (p >>> 24)};
    }

    @Override
    public PreludeStep start() {
        return new PreludeStep.GoOn(0, connectionRequest(requested));
    }

    @Override
    public PreludeStep read(byte[] in, int offset, int length) {
        if (length == 0) {
            return PreludeStep.GoOn.needMore();
        }
        if (in[offset] != 3) {
            return OtherProtocol.decidable(in, offset, length)
                    ? OtherProtocol.failed(EXPECTED, in, offset, length, factsSoFar())
                    : PreludeStep.GoOn.needMore();
        }
        if (length < TPKT_HEADER) {
            return PreludeStep.GoOn.needMore();
        }
        int tpkt = (in[offset + 2] & 0xFF) << 8 | (in[offset + 3] & 0xFF);
        if (in[offset + 1] != 0 || tpkt < TPKT_HEADER + 2 || tpkt > MAX_TPKT) {
            return failed(0, FailureKind.PRELUDE_UNEXPECTED, String.format("a TPKT header 03%02x with a length of %d"
                    + " bytes where %s of at most %d was expected", in[offset + 1] & 0xFF, tpkt, EXPECTED, MAX_TPKT));
        }
        if (length < TPKT_HEADER + 2) {
            return PreludeStep.GoOn.needMore();
        }
        int li = in[offset + TPKT_HEADER] & 0xFF;
        int code = in[offset + TPKT_HEADER + 1] & 0xF0;
        if (code != CC && code != DT && code != DR) {
            return failed(0, FailureKind.PRELUDE_UNEXPECTED, String.format("an X.224 TPDU of code 0x%02x where a"
                    + " Connection Confirm (0xd0) was expected", code));
        }
        if (length < tpkt) {
            return PreludeStep.GoOn.needMore();
        }
        if (code != CC) {
            return failed(tpkt, FailureKind.PRELUDE_UNEXPECTED, refusal(code, in, offset, tpkt));
        }
        if (li < CC_FIXED - 1 || li + 1 > tpkt - TPKT_HEADER) {
            return failed(tpkt, FailureKind.PRELUDE_UNEXPECTED, "a Connection Confirm whose length indicator " + li
                    + " does not fit its TPKT of " + tpkt + " bytes");
        }
        if (li == CC_FIXED - 1) {
            return new PreludeStep.Failed(tpkt, Failure.of(FailureKind.PRELUDE_TLS_NOT_OFFERED, "a Connection"
                    + " Confirm without negotiation data: the server predates RDP's negotiation and does standard"
                    + " RDP security only, no TLS"), Optional.of(facts(new RdpFacts.Confirm.WithoutNegotiation())));
        }
        if (li < CC_FIXED - 1 + NEG_LENGTH) {
            return failed(tpkt, FailureKind.PRELUDE_UNEXPECTED, "a Connection Confirm with " + (li - CC_FIXED + 1)
                    + " bytes of negotiation data, fewer than the 8 of an RDP_NEG_RSP");
        }
        return negotiation(in, offset + TPKT_HEADER + CC_FIXED, tpkt);
    }

    /** The RDP_NEG_RSP or RDP_NEG_FAILURE at {@code at}; the TPKT is {@code tpkt} bytes. */
    private PreludeStep negotiation(byte[] in, int at, int tpkt) {
        int type = in[at] & 0xFF;
        int negLength = (in[at + 2] & 0xFF) | (in[at + 3] & 0xFF) << 8;
        long value = (in[at + 4] & 0xFFL) | (in[at + 5] & 0xFFL) << 8 | (in[at + 6] & 0xFFL) << 16
                | (in[at + 7] & 0xFFL) << 24;
        if ((type != TYPE_RSP && type != TYPE_FAILURE) || negLength != NEG_LENGTH) {
            return failed(tpkt, FailureKind.PRELUDE_UNEXPECTED, String.format("negotiation data of type 0x%02x and"
                    + " length %d where an RDP_NEG_RSP (0x02) or RDP_NEG_FAILURE (0x03) of length 8 was expected",
                    type, negLength));
        }
        if (type == TYPE_FAILURE) {
            Optional<NegotiationFailure> known = NegotiationFailure.of(value);
            boolean standardOnly = known.flatMap(NegotiationFailure::standardRdpSecurityOnly).orElse(false);
            return new PreludeStep.Failed(tpkt, Failure.of(standardOnly ? FailureKind.PRELUDE_TLS_NOT_OFFERED
                    : FailureKind.PRELUDE_TLS_REFUSED, "RDP_NEG_FAILURE " + NegotiationFailure.name(value)
                    + known.map(f -> ": " + f.meaning()).orElse(" (a code the specification does not define)")),
                    Optional.of(facts(new RdpFacts.Confirm.Refused(value))));
        }
        Optional<SecurityProtocol> selected = SecurityProtocol.selected(value);
        if (selected.isEmpty() || (selected.get().startsTls() && !requested.contains(selected.get()))) {
            return failed(tpkt, FailureKind.PRELUDE_UNEXPECTED, String.format("the server selected protocol"
                    + " 0x%08x, which was not asked for (0x%08x)", value, SecurityProtocol.bits(requested)));
        }
        RdpFacts facts = facts(new RdpFacts.Confirm.Selected(selected.get()));
        if (selected.get().startsTls()) {
            return new PreludeStep.TlsMayStart(tpkt, facts);
        }
        return new PreludeStep.Failed(tpkt, Failure.of(FailureKind.PRELUDE_TLS_NOT_OFFERED, requested.isEmpty()
                ? "asked for standard RDP security alone, the server accepts it: no TLS"
                : "the server selected standard RDP security (PROTOCOL_RDP) over the TLS-based protocols asked for:"
                        + " no TLS"), Optional.of(facts));
    }

    private static String refusal(int code, byte[] in, int offset, int tpkt) {
        if (code == DR) {
            return "an X.224 Disconnect Request instead of a Connection Confirm: the server turned the connection"
                    + " away";
        }
        int mcs = offset + TPKT_HEADER + 3;
        boolean ultimatum = tpkt > mcs - offset && (in[mcs] & 0xFC) == 0x20;
        return "X.224 Data" + (ultimatum ? " with an MCS Disconnect Provider Ultimatum" : "") + " instead of a"
                + " Connection Confirm: the server turned the Connection Request away";
    }

    private RdpFacts facts(RdpFacts.Confirm confirm) {
        return new RdpFacts(requested, Optional.of(confirm));
    }

    private PreludeStep.Failed failed(int consumed, FailureKind kind, String detail) {
        return new PreludeStep.Failed(consumed, Failure.of(kind, detail), factsSoFar());
    }

    @Override
    public Optional<PreludeFacts> factsSoFar() {
        return Optional.of(new RdpFacts(requested, Optional.empty()));
    }
}
