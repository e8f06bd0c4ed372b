package io.tlsweep.targets;

/** A cipher suite as a scanner reports it: IANA code and IANA name. */
public record Suite(int code, String ianaName) {

    public String hexCode() {
        return String.format("0x%04X", code);
    }

    @Override
    public String toString() {
        return ianaName + "(" + hexCode() + ")";
    }
}
