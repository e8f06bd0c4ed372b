package io.tlsweep.targets;

/** The TLS protocol versions the farm can enable, oldest first. */
public enum TlsVersion {
    TLS1_0(0x0301, "TLSv1"),
    TLS1_1(0x0302, "TLSv1.1"),
    TLS1_2(0x0303, "TLSv1.2"),
    TLS1_3(0x0304, "TLSv1.3");

    private final int code;
    private final String javaName;

    TlsVersion(int code, String javaName) {
        this.code = code;
        this.javaName = javaName;
    }

    /** The two-byte wire value, e.g. {@code 0x0303} for TLS 1.2. */
    public int code() {
        return code;
    }

    /** The JSSE / Netty protocol name, e.g. {@code TLSv1.2}. */
    public String javaName() {
        return javaName;
    }

    /** Human-readable label, e.g. {@code TLS 1.2}. */
    public String label() {
        return "TLS 1." + (code - 0x0301);
    }
}
