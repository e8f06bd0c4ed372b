package io.tlsweep.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlsweep.probe.CheckPlan;
import io.tlsweep.probe.FollowUp;
import io.tlsweep.probe.HelloTemplates;
import io.tlsweep.probe.PlanContext;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.FindingKind;
import io.tlsweep.result.FollowUpAnswer;
import io.tlsweep.result.PartKey;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.result.Severity;
import io.tlsweep.wire.AlertDescription;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.ServerHello;
import io.tlsweep.wire.ServerResponse;
import io.tlsweep.wire.TlsRecord;
import java.util.List;
import java.util.Optional;

/**
 * CCS injection (CVE-2014-0224): whether the server takes a ChangeCipherSpec before the key exchange, which
 * OpenSSL before 0.9.8za, 1.0.0m and 1.0.1h did, keying the connection from an empty master secret. One
 * connection: a hello in the newest version up to TLS 1.2 the scan accepted, with its suites, then, after the
 * whole first flight and before any ClientKeyExchange, two ChangeCipherSpec records.
 *
 * <p>What counts, from the first record that answers them (as nmap's ssl-ccs-injection decides, more strictly):
 * a fatal unexpected_message alert is the refusal every fixed stack sends (not vulnerable); bad_record_mac or
 * decryption_failed means the first was taken and the second was read with the keys it switched to (vulnerable).
 * A close or reset without an alert is no sign of taking it (not vulnerable). Another alert, another record, or
 * silence until the read deadline settle nothing (inconclusive): a server that took the records answers the
 * second one with a failed decryption, so silence is not taken for acceptance.
 */
public final class CcsInjectionCheck implements Check<CcsInjectionCheck.Part> {
    static final PartKey<Part> KEY = new PartKey<>("ccs-injection", Part.class);
    static final FindingKind CCS_INJECTION = FindingKind.of("ccs-injection", "CCS injection (CVE-2014-0224): the"
            + " server takes a ChangeCipherSpec before the key exchange, so a man in the middle can set its keys",
            Severity.HIGH);

    /**
     * What the check found.
     *
     * @param version the version of the ServerHello, when one came
     * @param alert the alert (its code in the JSON) that answered the early ChangeCipherSpec records, when one did
     */
    public record Part(Judgement judgement, Optional<ProtocolVersion> version, Optional<AlertDescription> alert)
            implements Judged {
    }

    @Override
    public PartKey<Part> key() {
        return KEY;
    }

    @Override
    public String about() {
        return "two ChangeCipherSpec records before the key exchange, after the first flight: 1 connection";
    }

    @Override
    public Optional<? extends CheckPlan<Part>> plan(PlanContext context) {
        if (!AfterReply.anyAccepted(context)) {
            return Optional.empty();
        }
        Optional<ProtocolSupport> newest = AfterReply.newestUpToTls12(context);
        if (newest.isEmpty()) {
            return Optional.of(new Settled<>(new Part(Judgement.notApplicable("no version up to TLS 1.2"
                    + " accepted: TLS 1.3 has no ChangeCipherSpec of consequence"), Optional.empty(),
                    Optional.empty())));
        }
        ProtocolVersion v = newest.get().version();
        return Optional.of(OneExchange.of(context, "ccs injection: early ChangeCipherSpec in " + v.displayName(),
                HelloTemplates.upTo(v, v, newest.get().cipherSuites(), context.sni()), List.of(earlyCcs()),
                CcsInjectionCheck::judge));
    }

    /** Two ChangeCipherSpec records in the ServerHello's version, after a whole first flight only. */
    static FollowUp earlyCcs() {
        return (reply, earlier) -> AfterReply.wholeFlight(reply).map(sh -> {
            byte hi = (byte) (sh.version().code() >> 8);
            byte lo = (byte) sh.version().code();
            return new byte[] {TlsRecord.CHANGE_CIPHER_SPEC, hi, lo, 0, 1, 1, TlsRecord.CHANGE_CIPHER_SPEC, hi, lo, 0,
                1, 1};
        });
    }

    /** The judgement of one exchange. Pure. */
    static Part judge(ConnectionOutcome outcome) {
        Optional<String> noFlight = AfterReply.noFlight(outcome);
        if (noFlight.isPresent()) {
            Optional<ProtocolVersion> v = outcome instanceof ConnectionOutcome.Replied r
                    && r.response() instanceof ServerHello sh ? Optional.of(sh.version()) : Optional.empty();
            return new Part(Judgement.inconclusive(noFlight.get() + ": no ChangeCipherSpec was sent"), v,
                    Optional.empty());
        }
        ConnectionOutcome.Replied replied = (ConnectionOutcome.Replied) outcome;
        Optional<ProtocolVersion> version = Optional.of(((ServerHello) replied.response()).version());
        if (replied.followUps().isEmpty()) {
            return new Part(Judgement.inconclusive("no ChangeCipherSpec was sent"), version, Optional.empty());
        }
        FollowUpAnswer answer = replied.followUps().get(0);
        String early = "the early ChangeCipherSpec";
        if (answer.records().isEmpty()) {
            Judgement j = answer.ended().map(f -> switch (f.kind()) {
                case CLOSED_BEFORE_REPLY, RESET_BEFORE_REPLY -> Judgement.notVulnerable("the server "
                        + AfterReply.ending(f) + " on " + early + " without an alert: it did not go on with it");
                case READ_TIMEOUT -> Judgement.inconclusive("the server sent nothing before the read deadline after"
                        + " two early ChangeCipherSpec records: neither the refusal nor a failed decryption");
                default -> Judgement.inconclusive("reading the answer to " + early + " failed: " + f);
            }).orElseGet(() -> Judgement.inconclusive("no answer to " + early));
            return new Part(j, version, Optional.empty());
        }
        TlsRecord first = answer.records().get(0);
        Optional<ServerResponse.Alert> alert = AfterReply.alert(first);
        if (alert.isEmpty()) {
            return new Part(Judgement.inconclusive(early + " got a " + TlsRecord.contentTypeName(first.contentType())
                    + " record, not an alert"), version, Optional.empty());
        }
        ServerResponse.Alert a = alert.get();
        int code = a.description().code();
        Judgement j;
        if (code == AlertDescription.UNEXPECTED_MESSAGE.code() && a.isFatal()) {
            j = Judgement.notVulnerable("refused " + early + " with a " + a + " alert");
        } else if (code == AlertDescription.BAD_RECORD_MAC.code()
                || code == AlertDescription.DECRYPTION_FAILED.code()) {
            j = Judgement.vulnerable("took " + early + ": the second one failed to decrypt under the keys the first"
                    + " switched to (" + a + " alert)");
        } else {
            j = Judgement.inconclusive(early + " got a " + a + " alert: neither the refusal (unexpected_message) nor"
                    + " a failed decryption");
        }
        return new Part(j, version, Optional.of(a.description()));
    }

    @Override
    public List<FindingKind> kinds() {
        return List.of(CCS_INJECTION);
    }


    @Override
    public Optional<PartJson<Part>> json() {
        return Optional.of(new PartJson<>() {
            @Override
            public ObjectNode write(Part part) {
                ObjectNode json = JsonNodeFactory.instance.objectNode();
                part.judgement().writeTo(json);
                part.version().ifPresent(v -> json.put("version", v.displayName()));
                part.alert().ifPresent(a -> json.put("alert", a.code()));
                return json;
            }

            @Override
            public Part read(JsonNode json) {
                return new Part(Judgement.readFrom(json, KEY.id()), PartFields.version(json, "version", KEY.id()),
                        PartFields.alert(json, "alert", KEY.id()));
            }

            @Override
            public String summary(Part part) {
                return part.judgement().toString();
            }
        });
    }
}
