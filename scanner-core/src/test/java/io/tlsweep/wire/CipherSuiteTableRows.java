package io.tlsweep.wire;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The shipped suite table read independently of the production loader: plain lines split on commas. */
record CipherSuiteTableRows(int line, int code, String ianaName, String opensslName, String minProtocol,
                            String kx, String auth, String enc, String encBits, String mac, boolean export) {

    static List<CipherSuiteTableRows> read() {
        InputStream in = Objects.requireNonNull(
                CipherSuiteTableRows.class.getResourceAsStream("/io/tlsweep/wire/tls-cipher-suites.csv"),
                "suite table resource");
        List<CipherSuiteTableRows> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            if (!header.equals("code,iana_name,openssl_name,openssl_min_protocol,kx,auth,enc,enc_bits,mac,export")) {
                throw new IllegalStateException("unexpected header " + header);
            }
            int lineNo = 1;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != 10) {
                    throw new IllegalStateException("line " + lineNo + " has " + f.length + " fields: " + line);
                }
                rows.add(new CipherSuiteTableRows(lineNo, Integer.parseInt(f[0].substring(2), 16), f[1], f[2], f[3],
                        f[4], f[5], f[6], f[7], f[8], f[9].equals("Y")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    boolean hasIanaName() {
        return !ianaName.equals("-") && !ianaName.isEmpty();
    }

    boolean hasOpensslName() {
        return !opensslName.isEmpty();
    }

    @Override
    public String toString() {
        return Hex.u16(code) + " " + ianaName;
    }
}
