package io.tlsweep.prelude.http;

import io.tlsweep.prelude.AfterTlsCodec;
import io.tlsweep.prelude.AfterTlsStep;
import io.tlsweep.prelude.ShortText;
import io.tlsweep.result.AuthAfterTls;
import io.tlsweep.text.VisibleText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Asks a web endpoint once TLS is up how it lets clients log in: one {@link HttpRequest} (no credential), then the
 * answer's head only, a line at a time: the status line, then the header fields up to the blank line, the body
 * never read. Every {@code WWW-Authenticate} field is read for its challenges ({@link Challenges}); the facts are
 * {@code AuthAfterTls("http", schemes, -, status, server)}, the schemes each once in the server's order, the server
 * the first {@code Server} field's value (RFC 9110 §10.2.4): hostile text, so trimmed, its controls made visible
 * ({@link VisibleText}) and cut to {@value #MAX_SERVER} characters; none when it is missing or blank. Interim answers
 * (1xx) are skipped to the final one. An answer that does not start as HTTP ({@code HTTP/x.y NNN}) is learned as
 * such: the facts without a status. A head of more than {@value #MAX_HEAD} bytes is a failure, as a value; so is
 * any line the server never ends within that bound. Never throws.
 */
public final class HttpAuthCodec implements AfterTlsCodec {
    /** The protocol as the facts name it. */
    public static final String PROTOCOL = "http";
    /** The most bytes of head read (status line, header fields, blank line, all interim answers). */
    public static final int MAX_HEAD = 16 * 1024;
    /** The most distinct schemes kept. */
    static final int MAX_SCHEMES = 16;
    /** The most characters of the {@code Server} field kept, "..." included where it was cut. */
    public static final int MAX_SERVER = 200;
    private static final byte[] PREFIX = "HTTP/".getBytes(StandardCharsets.US_ASCII);

    private final byte[] request;
    private final List<String> schemes = new ArrayList<>();
    private int headBytes;
    private int status = -1;
    private Optional<String> server = Optional.empty();
    private StringBuilder field;

    /** The codec that asks {@code path} of {@code host} (the {@code Host} header: {@link HttpRequest#host}). */
    public HttpAuthCodec(String host, String path) {
        this.request = HttpRequest.get(host, path);
    }

    @Override
    public AfterTlsStep start() {
        return new AfterTlsStep.GoOn(0, request);
    }

    @Override
    public AfterTlsStep read(byte[] in, int offset, int length) {
        if (status < 0 && !startsAsHttp(in, offset, length)) {
            return new AfterTlsStep.Learned(0, new byte[0], notHttp());
        }
        int lf = -1;
        for (int i = offset; i < offset + length && i - offset <= MAX_HEAD - headBytes; i++) {
            if (in[i] == '\n') {
                lf = i;
                break;
            }
        }
        if (lf < 0) {
            return length > MAX_HEAD - headBytes ? tooLong() : AfterTlsStep.GoOn.needMore();
        }
        int consumed = lf + 1 - offset;
        headBytes += consumed;
        int end = lf > offset && in[lf - 1] == '\r' ? lf - 1 : lf;
        String line = new String(in, offset, end - offset, StandardCharsets.ISO_8859_1);
        return status < 0 ? statusLine(consumed, line) : fieldLine(consumed, line);
    }

    /** Nothing short of the whole head proves which schemes are offered. */
    @Override
    public Optional<AuthAfterTls> factsSoFar() {
        return Optional.empty();
    }

    private AfterTlsStep statusLine(int consumed, String line) {
        if (!line.matches("HTTP/\\d(\\.\\d)? \\d{3}( .*)?")) {
            return new AfterTlsStep.Learned(consumed, new byte[0], notHttp());
        }
        status = Integer.parseInt(line.substring(line.indexOf(' ') + 1, line.indexOf(' ') + 4));
        return new AfterTlsStep.GoOn(consumed, new byte[0]);
    }

    private AfterTlsStep fieldLine(int consumed, String line) {
        if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && field != null) {
            field.append(' ').append(line.strip());
            return new AfterTlsStep.GoOn(consumed, new byte[0]);
        }
        endField();
        if (!line.isEmpty()) {
            field = new StringBuilder(line);
            return new AfterTlsStep.GoOn(consumed, new byte[0]);
        }
        if (status >= 100 && status < 200 && status != 101) {
            status = -1;
            schemes.clear();
            server = Optional.empty();
            return new AfterTlsStep.GoOn(consumed, new byte[0]);
        }
        return new AfterTlsStep.Learned(consumed, new byte[0], new AuthAfterTls(PROTOCOL, schemes, Optional.empty(),
                Optional.of(status), server));
    }

    /**
     * The field read so far is whole: its challenges, if it is a {@code WWW-Authenticate}; its value, if it is the
     * first {@code Server}.
     */
    private void endField() {
        if (field == null) {
            return;
        }
        String f = field.toString();
        field = null;
        int colon = f.indexOf(':');
        String name = colon < 0 ? "" : f.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        if (name.equals("server") && server.isEmpty()) {
            server = serverValue(f.substring(colon + 1));
        }
        if (!name.equals("www-authenticate")) {
            return;
        }
        for (Challenge c : Challenges.parse(f.substring(colon + 1))) {
            if (!schemes.contains(c.scheme()) && schemes.size() < MAX_SCHEMES) {
                schemes.add(c.scheme());
            }
        }
    }

    /** A {@code Server} value as kept: trimmed, controls made visible, cut short; none when blank. */
    static Optional<String> serverValue(String value) {
        String trimmed = value.strip();
        return trimmed.isEmpty() ? Optional.empty()
                : Optional.of(ShortText.cut(VisibleText.of(trimmed), MAX_SERVER));
    }

    private AfterTlsStep tooLong() {
        return new AfterTlsStep.Failed(0, "the HTTP answer's head is longer than " + MAX_HEAD + " bytes",
                Optional.empty());
    }

    private static boolean startsAsHttp(byte[] in, int offset, int length) {
        for (int i = 0; i < Math.min(length, PREFIX.length); i++) {
            if (in[offset + i] != PREFIX[i]) {
                return false;
            }
        }
        return true;
    }

    private static AuthAfterTls notHttp() {
        return new AuthAfterTls(PROTOCOL, List.of(), Optional.empty(), Optional.empty());
    }
}
