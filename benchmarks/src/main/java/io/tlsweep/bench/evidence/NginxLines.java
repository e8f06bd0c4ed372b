package io.tlsweep.bench.evidence;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A synthetic nginx access log in tlsweep's nginx {@code log_format} (README, "nginx"), all twelve fields:
 * {@code $time_iso8601 $remote_addr $server_addr $server_port "$ssl_server_name" $ssl_protocol $ssl_cipher
 * "$request" $status "$http_user_agent" "$ssl_ciphers" "$ssl_curves"} (the offered suites and curves of a legacy
 * client for TLS 1.0 and 1.1, of a current one for 1.2 and 1.3). Line {@code i} is a pure function of {@code i}: {@value #CLIENTS} client addresses, each at
 * one of four endpoints, 2% TLS 1.0 and 1% TLS 1.1 (the rest 1.2 and 1.3), a handful of suites and user agents, one
 * line every {@value #STEP_MS} ms from {@link #START}, so the distinct keys a tally keeps stay the same however many
 * lines.
 */
public final class NginxLines {
    /** Distinct client addresses. */
    public static final int CLIENTS = 1024;
    /** The time of line 0. */
    public static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    static final long STEP_MS = 250;
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx")
            .withZone(ZoneOffset.UTC);
    private static final String[] SERVERS = {"10.0.0.1 443 \"www.example\"", "10.0.0.1 443 \"api.example\"",
        "10.0.0.2 8443 \"intranet.example\"", "10.0.0.3 443 \"-\""};
    /** What a legacy client offers ($ssl_ciphers, $ssl_curves), as OpenSSL names them. */
    static final String LEGACY_OFFER = "\"ECDHE-RSA-AES256-SHA:ECDHE-RSA-AES128-SHA:AES256-SHA:AES128-SHA"
            + ":DES-CBC3-SHA\" \"prime256v1:secp384r1\"";
    /** What a current client offers. */
    static final String MODERN_OFFER = "\"TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256"
            + ":ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384"
            + ":ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305"
            + ":ECDHE-RSA-AES128-SHA:ECDHE-RSA-AES256-SHA:AES128-GCM-SHA256:AES256-GCM-SHA384:AES128-SHA:AES256-SHA\""
            + " \"X25519:prime256v1:secp384r1\"";
    private static final String[] AGENTS = {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML,"
        + " like Gecko) Chrome/131.0.0.0 Safari/537.36", "curl/7.88.1", "Java/1.7.0_80", "python-requests/2.31.0",
        "Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; Trident/4.0)"};
    private static final String[] REQUESTS = {"GET / HTTP/1.1", "GET /api/v1/items?page=2 HTTP/1.1",
        "POST /login HTTP/1.1", "GET /static/app.js HTTP/2.0"};

    private NginxLines() {
    }

    /** Line {@code i} (from 0), without its newline. */
    public static String line(long i) {
        long h = mix(i);
        int client = (int) (h & (CLIENTS - 1));
        int pick = (int) ((h >>> 16) % 100);
        String protocol;
        String cipher;
        if (pick < 2) {
            protocol = "TLSv1";
            cipher = (h >>> 24 & 1) == 0 ? "AES128-SHA" : "ECDHE-RSA-AES128-SHA";
        } else if (pick < 3) {
            protocol = "TLSv1.1";
            cipher = "ECDHE-RSA-AES256-SHA";
        } else if (pick < 60) {
            protocol = "TLSv1.2";
            cipher = (h >>> 24 & 1) == 0 ? "ECDHE-RSA-AES128-GCM-SHA256" : "ECDHE-RSA-CHACHA20-POLY1305";
        } else {
            protocol = "TLSv1.3";
            cipher = "TLS_AES_128_GCM_SHA256";
        }
        String time = ISO.format(START.plusMillis(i * STEP_MS));
        return time + " " + client(client) + " " + SERVERS[client & 3] + " " + protocol + " " + cipher
                + " \"" + REQUESTS[(int) (h >>> 36 & 3)] + "\" 200 \"" + AGENTS[client % AGENTS.length] + "\" "
                + (pick < 3 ? LEGACY_OFFER : MODERN_OFFER);
    }

    /** The address of client {@code c}. */
    static String client(int c) {
        return "192.0." + (2 + (c >> 8)) + "." + (c & 0xff);
    }

    /** Writes lines 0 to {@code n - 1} to {@code file}; returns its size in bytes. */
    public static long write(Path file, long n) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (long i = 0; i < n; i++) {
                w.write(line(i));
                w.write('\n');
            }
        }
        return Files.size(file);
    }

    /** Lines 0 to {@code n - 1}, made as they are read: a log of any length without a file. */
    public static InputStream stream(long n) {
        return new InputStream() {
            private long next;
            private byte[] buf = new byte[0];
            private int at;

            private boolean fill() {
                if (at < buf.length) {
                    return true;
                }
                if (next >= n) {
                    return false;
                }
                buf = (line(next++) + "\n").getBytes(StandardCharsets.UTF_8);
                at = 0;
                return true;
            }

            @Override
            public int read() {
                return fill() ? buf[at++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (len == 0) {
                    return 0;
                }
                int done = 0;
                while (done < len && fill()) {
                    int k = Math.min(len - done, buf.length - at);
                    System.arraycopy(buf, at, b, off + done, k);
                    at += k;
                    done += k;
                }
                return done == 0 ? -1 : done;
            }
        };
    }

    /** SplitMix64's finaliser: a well-spread hash of the line number. */
    private static long mix(long i) {
        long z = i * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
