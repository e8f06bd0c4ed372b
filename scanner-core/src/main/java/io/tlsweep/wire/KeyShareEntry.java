package io.tlsweep.wire;

/** One key_share entry: a group and the client's public value for it (RFC 8446 §4.2.8). */
public record KeyShareEntry(NamedGroup group, byte[] keyExchange) {
    public KeyShareEntry {
        keyExchange = keyExchange.clone();
    }

    @Override
    public byte[] keyExchange() {
        return keyExchange.clone();
    }

    byte[] raw() {
        return keyExchange;
    }

    @Override
    public String toString() {
        return group + "(" + keyExchange.length + " bytes)";
    }
}
