package io.tlsweep.evidence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The JA4 fingerprint of a ClientHello over TCP, as FoxIO's specification defines it
 * (https://github.com/FoxIO-LLC/ja4/blob/main/technical_details/JA4.md): a portable label of a client stack that
 * other tools (Zeek's and Wireshark's JA4 support, FoxIO's database) print the same way. Its three parts:
 * <ul>
 * <li><b>a</b>: {@code t}; the version (the highest of supported_versions, else the legacy client_version:
 * {@code 13}, {@code 12}, {@code 11}, {@code 10}, {@code s3}, {@code s2}, else {@code 00}); {@code d} when the hello
 * has a server_name extension, else {@code i}; the number of suites and of extensions, two digits each (99 at most);
 * the first and last characters of the first ALPN value ({@code 00} when none);</li>
 * <li><b>b</b>: the first 12 hex digits of the SHA-256 of the suites as 4-digit lower-case hex, sorted, joined by
 * commas ({@code 000000000000} when there are none);</li>
 * <li><b>c</b>: the same of the extension types sorted without server_name (0x0000) and ALPN (0x0010), then
 * {@code _} and the signature algorithms in the order sent (the {@code _} only when there are some).</li>
 * </ul>
 * GREASE values (RFC 8701) are left out everywhere; signalling suites (SCSVs) count. Pure.
 *
 * <p>A hello whose extension types the input does not give (an access log that names only the offered suites) has
 * no JA4: its parts <b>a</b> and <b>c</b> would be guessed.
 */
public final class Ja4 {
    private static final int SNI = 0x0000;
    private static final int ALPN = 0x0010;

    private Ja4() {
    }

    /** The fingerprint, e.g. {@code t13d1516h2_8daaf6152771_e5627efa2ab1}; empty when the extensions are unknown. */
    public static Optional<String> of(OfferedHello hello) {
        if (hello.extensions().isEmpty()) {
            return Optional.empty();
        }
        List<Integer> suites = withoutGrease(hello.cipherSuites());
        List<Integer> extensions = withoutGrease(hello.extensions());
        List<Integer> hashed = extensions.stream().filter(e -> e != SNI && e != ALPN).sorted().toList();
        List<Integer> sigalgs = withoutGrease(hello.signatureAlgorithms());
        String c = hashed.isEmpty() ? "000000000000"
                : hash(hex(hashed) + (sigalgs.isEmpty() ? "" : "_" + hex(sigalgs)));
        return Optional.of(a(hello, suites.size(), extensions) + "_"
                + (suites.isEmpty() ? "000000000000" : hash(hex(suites.stream().sorted().toList()))) + "_" + c);
    }

    /**
     * The raw form the specification calls {@code JA4_r}: part a, then the sorted suites, the sorted extensions
     * (without SNI and ALPN) and the signature algorithms as hex lists; empty when the extensions are unknown.
     */
    public static Optional<String> raw(OfferedHello hello) {
        if (hello.extensions().isEmpty()) {
            return Optional.empty();
        }
        List<Integer> suites = withoutGrease(hello.cipherSuites());
        List<Integer> extensions = withoutGrease(hello.extensions());
        List<Integer> sigalgs = withoutGrease(hello.signatureAlgorithms());
        return Optional.of(a(hello, suites.size(), extensions) + "_" + hex(suites.stream().sorted().toList()) + "_"
                + hex(extensions.stream().filter(e -> e != SNI && e != ALPN).sorted().toList())
                + (sigalgs.isEmpty() ? "" : "_" + hex(sigalgs)));
    }

    private static String a(OfferedHello hello, int suites, List<Integer> extensions) {
        boolean sni = extensions.contains(SNI);
        return "t" + version(hello) + (sni ? "d" : "i") + twoDigits(suites) + twoDigits(extensions.size())
                + alpn(hello.alpn());
    }

    /** The version's two characters: from supported_versions without GREASE when the hello has them. */
    static String version(OfferedHello hello) {
        int v = withoutGrease(hello.supportedVersions()).stream().mapToInt(Integer::intValue).max()
                .orElse(hello.legacyVersion());
        return switch (v) {
            case 0x0304 -> "13";
            case 0x0303 -> "12";
            case 0x0302 -> "11";
            case 0x0301 -> "10";
            case 0x0300 -> "s3";
            case 0x0002 -> "s2";
            case 0xfeff -> "d1";
            case 0xfefd -> "d2";
            case 0xfefc -> "d3";
            default -> "00";
        };
    }

    /**
     * The first and last characters of the first ALPN value, where both are ASCII letters or digits; otherwise the
     * first and last hex digits of its bytes (the protocol names are read as ISO-8859-1, one char per byte).
     */
    static String alpn(List<String> alpn) {
        if (alpn.isEmpty() || alpn.get(0).isEmpty()) {
            return "00";
        }
        String first = alpn.get(0);
        char f = first.charAt(0);
        char l = first.charAt(first.length() - 1);
        if (alphanumeric(f) && alphanumeric(l)) {
            return "" + f + l;
        }
        String hex = HexFormat.of().formatHex(first.getBytes(StandardCharsets.ISO_8859_1));
        return "" + hex.charAt(0) + hex.charAt(hex.length() - 1);
    }

    private static boolean alphanumeric(char c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    private static String twoDigits(int n) {
        return String.format("%02d", Math.min(n, 99));
    }

    private static List<Integer> withoutGrease(List<Integer> codes) {
        return codes.stream().filter(c -> !isGrease(c)).toList();
    }

    /** A GREASE value (RFC 8701): 0x?A?A with both bytes equal. */
    static boolean isGrease(int code) {
        return (code & 0x0F0F) == 0x0A0A && (code >>> 8) == (code & 0xFF);
    }

    private static String hex(List<Integer> codes) {
        return codes.stream().map(c -> String.format("%04x", c & 0xFFFF)).collect(Collectors.joining(","));
    }

    /** The first 12 lower-case hex digits of the SHA-256 of {@code text}. */
    static String hash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(d).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
