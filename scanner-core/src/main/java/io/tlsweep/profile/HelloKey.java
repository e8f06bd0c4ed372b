package io.tlsweep.profile;

import io.tlsweep.wire.ClientHelloEncoder;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.KeyShareEntry;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What a server can tell of a hello: its record bytes with the random, the session id and the key shares' public
 * values replaced by zeros of the same length. Two hellos with equal keys differ only in values a server cannot
 * choose by (the record and client versions, the suites in order, the compression methods, the extensions in
 * order with their contents and lengths, the padding, all alike), so one server answer stands for both. A
 * profile's hello carries no GREASE and pads by its length alone, so nothing else in it varies between two
 * hellos of one profile.
 */
public record HelloKey(byte[] bytes) {
    public HelloKey {
        bytes = bytes.clone();
    }

    /** The key of {@code hello}, as the encoder would put it on the wire. */
    public static HelloKey of(ClientHelloSpec hello) {
        ClientHelloSpec.Builder b = hello.toBuilder().random(new byte[32])
                .sessionId(new byte[hello.sessionId().length]);
        hello.keyShares().ifPresent(entries -> b.keyShares(entries.stream()
                .map(e -> new KeyShareEntry(e.group(), new byte[e.keyExchange().length])).toList()));
        return new HelloKey(ClientHelloEncoder.encode(b.build()));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HelloKey k && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "HelloKey[" + HexFormat.of().formatHex(bytes) + "]";
    }
}
