package io.tlsweep.wire;

/** A hello extension as it stood on the wire: its type and its undecoded body. */
public record Extension(ExtensionType type, byte[] data) {
    public Extension {
        data = data.clone();
    }

    public static Extension of(int type, byte[] data) {
        return new Extension(ExtensionType.of(type), data);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    byte[] raw() {
        return data;
    }

    @Override
    public String toString() {
        return type + "(" + data.length + " bytes)";
    }
}
