package io.tlsweep.wire;

import java.util.HexFormat;

/** Hex formatting for codes and byte strings as printed in reports ("0xC02F"). */
public final class Hex {
    private static final HexFormat LOWER = HexFormat.of();

    private Hex() {
    }

    /** A 16-bit code as "0xC02F". */
    public static String u16(int code) {
        return String.format("0x%04X", code & 0xFFFF);
    }

    /** An 8-bit code as "0x28". */
    public static String u8(int code) {
        return String.format("0x%02X", code & 0xFF);
    }

    public static String of(byte[] bytes) {
        return LOWER.formatHex(bytes);
    }

    /** Parses hex, ignoring white space and ':' separators (as in captured vectors). */
    public static byte[] parse(CharSequence hex) {
        StringBuilder clean = new StringBuilder(hex.length());
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            if (!Character.isWhitespace(c) && c != ':') {
                clean.append(c);
            }
        }
        return LOWER.parseHex(clean);
    }

    /** Parses "0xC02F", "C02F" or "c02f" as a 16-bit code; -1 when it is not one. */
    public static int parseU16(String text) {
        String s = text.trim();
        if (s.startsWith("0x") || s.startsWith("0X")) {
            s = s.substring(2);
        }
        if (s.isEmpty() || s.length() > 4) {
            return -1;
        }
        try {
            return Integer.parseInt(s, 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
