package io.tlsweep.prelude;

import io.tlsweep.prelude.tds.TdsFraming;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.PreludeFacts;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A toy prelude codec for tests: the line protocol of the targets module's prelude target
 * ({@code io.tlsweep.targets.PreludeTargetSpec}), shaped like SMTP's STARTTLS. It waits for a {@code 220}
 * banner line, sends {@code STARTTLS}, and reads the answer: {@code 220} lets TLS start (through
 * {@link TdsFraming} when {@code framed}), {@code 454} is a refusal, anything else is unexpected. A line
 * may be at most {@value #MAX_LINE} bytes.
 */
public record LinePrelude(boolean framed) implements Prelude {
    public static final int MAX_LINE = 512;
    public static final byte[] STARTTLS = "STARTTLS\r\n".getBytes(StandardCharsets.US_ASCII);

    /** What the line prelude learned: the banner's text, and the answer to STARTTLS once there was one. */
    public record LineFacts(String banner, Optional<String> answer) implements PreludeFacts {
        @Override
        public String protocol() {
            return "line";
        }

        @Override
        public Map<String, Object> fields() {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("banner", banner);
            answer.ifPresent(a -> fields.put("answer", a));
            return fields;
        }
    }

    @Override
    public String protocol() {
        return "line";
    }

    @Override
    public PreludeCodec open() {
        return new Codec(framed);
    }

    private static final class Codec implements PreludeCodec {
        private final boolean framed;
        private String banner;

        Codec(boolean framed) {
            this.framed = framed;
        }

        @Override
        public PreludeStep start() {
            return PreludeStep.GoOn.needMore();
        }

        @Override
        public PreludeStep read(byte[] in, int offset, int length) {
            int end = -1;
            for (int i = offset; i < offset + length; i++) {
                if (in[i] == '\n') {
                    end = i;
                    break;
                }
            }
            if (end < 0) {
                return length >= MAX_LINE ? failed(0, FailureKind.PRELUDE_UNEXPECTED, "a line of more than "
                        + MAX_LINE + " bytes") : PreludeStep.GoOn.needMore();
            }
            int consumed = end - offset + 1;
            String line = new String(in, offset, consumed, StandardCharsets.US_ASCII).strip();
            if (banner == null) {
                if (!line.startsWith("220 ")) {
                    return failed(consumed, FailureKind.PRELUDE_UNEXPECTED, "expected a 220 banner, got '" + line
                            + "'");
                }
                banner = line.substring(4);
                return new PreludeStep.GoOn(consumed, STARTTLS);
            }
            LineFacts facts = new LineFacts(banner, Optional.of(line));
            if (line.startsWith("220")) {
                return new PreludeStep.TlsMayStart(consumed, new byte[0], facts,
                        framed ? new TdsFraming() : TlsFraming.NONE);
            }
            return new PreludeStep.Failed(consumed, Failure.of(line.startsWith("454")
                    ? FailureKind.PRELUDE_TLS_REFUSED : FailureKind.PRELUDE_UNEXPECTED, "STARTTLS answered '" + line
                    + "'"), Optional.of(facts));
        }

        private PreludeStep failed(int consumed, FailureKind kind, String detail) {
            return new PreludeStep.Failed(consumed, Failure.of(kind, detail), factsSoFar());
        }

        @Override
        public Optional<PreludeFacts> factsSoFar() {
            return Optional.ofNullable(banner).map(b -> new LineFacts(b, Optional.empty()));
        }
    }
}
