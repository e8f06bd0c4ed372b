package io.tlsweep.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * What the code-point registries (alert levels and descriptions, extension types, named groups, signature
 * schemes) have in common: a wire code, a registered name with aliases, or no name for an unknown code,
 * which prints as hex. Two values are equal when they are of the same registry and have the same code.
 */
abstract class RegisteredCode {
    final int code;
    final String name;
    final List<String> aliases;
    private final int bytes;

    /** @param bytes the code's width on the wire, 1 or 2, for printing unknown codes */
    RegisteredCode(int code, String name, List<String> aliases, int bytes) {
        this.code = code;
        this.name = name;
        this.aliases = aliases;
        this.bytes = bytes;
    }

    public int code() {
        return code;
    }

    /** Whether the code is registered (GREASE and unassigned codes are not). */
    public boolean isKnown() {
        return name != null;
    }

    /** The registered name ("key_share", "secp256r1"); hex ("0x0A0A", "0x05") for an unknown code. */
    public String name() {
        return name != null ? name : bytes == 1 ? Hex.u8(code) : Hex.u16(code);
    }

    /** The name and the aliases, for the registry's name index. */
    List<String> lookupNames() {
        List<String> names = new ArrayList<>(aliases.size() + 1);
        names.add(name);
        names.addAll(aliases);
        return names;
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((RegisteredCode) o).code == code;
    }

    @Override
    public final int hashCode() {
        return code;
    }

    @Override
    public final String toString() {
        return name();
    }
}
