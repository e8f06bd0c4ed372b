package io.tlsweep.wire;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A property of a cipher suite that makes it unfit for use today, derived from the suite table's fields. Each has
 * one lower-case {@link #label()}, the word every output uses, and {@link #aliases()}: the other spellings a user
 * may type (the constant's name, OpenSSL cipher-string words, the JDK's disabled-algorithm word, the label of the
 * finding that reports it). {@link #byName} accepts either in any case.
 */
public enum Weakness {
    /** No encryption (enc None). */
    NULL("null", "enull", "null-cipher"),
    /** No server authentication (anonymous DH/ECDH, TLS_NULL_WITH_NULL_NULL). */
    ANONYMOUS("anon", "anonymous", "anull"),
    /** An export-grade suite (40/56-bit keys, 512/1024-bit key exchange). */
    EXPORT("export", "exp", "export-freak"),
    RC4("rc4"),
    RC2("rc2"),
    /** Single DES, including DES40. */
    DES("des", "des-cbc", "single-des"),
    /** Triple DES: 64-bit block, SWEET32. */
    TRIPLE_DES("3des", "triple_des", "triple-des", "des-cbc3", "des-ede3", "des-ede3-cbc", "3des_ede_cbc",
            "3des-sweet32", "sweet32"),
    /** An HMAC-MD5 record MAC. */
    MD5("md5"),
    /** CBC mode (padding oracles, Lucky13, BEAST before TLS 1.1). */
    CBC("cbc", "cbc-lucky13");

    private final String label;
    private final List<String> aliases;

    Weakness(String label, String... aliases) {
        this.label = label;
        this.aliases = List.of(aliases);
    }

    /** The one word for this weakness in every output: "3des", "anon", "rc4"... */
    public String label() {
        return label;
    }

    /** Other spellings {@link #byName} accepts, in lower case; never written by tlsweep. */
    public List<String> aliases() {
        return aliases;
    }

    /** The weakness {@code name} is the label or an alias of, case and surrounding blanks ignored. */
    public static Optional<Weakness> byName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String word = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(w -> w.label.equals(word) || w.aliases.contains(word)).findFirst();
    }

    /** Every label, for a message listing what is accepted: "null, anon, export, rc4, rc2, des, 3des, md5, cbc". */
    public static String vocabulary() {
        return Arrays.stream(values()).map(Weakness::label).collect(Collectors.joining(", "));
    }
}
