package io.tlsweep.targets.hostile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A small, pure ClientHello parser over one complete TLS record: every length is checked against
 * what is left; anything malformed or not a ClientHello gives {@link Optional#empty()}.
 */
public final class ClientHelloReader {

    private static final int MAX_RECORD = (1 << 14) + 2048;
    private static final int SUPPORTED_VERSIONS = 0x002b;

    private ClientHelloReader() {
    }

    public static Optional<ClientHelloSummary> read(byte[] record) {
        if (record.length < 5 || record[0] != 0x16 || u16(record, 3) > MAX_RECORD
                || record.length < 5 + u16(record, 3)) {
            return Optional.empty();
        }
        int end = 5 + u16(record, 3);
        int p = 5;
        if (end - p < 4 || record[p] != 0x01) {
            return Optional.empty();
        }
        int messageLength = 4 + u24(record, p + 1);
        int bodyEnd = Math.min(end, p + messageLength);
        p += 4;
        if (bodyEnd - p < 2 + 32 + 1) {
            return Optional.empty();
        }
        int clientVersion = u16(record, p);
        p += 2 + 32;
        int sidLen = record[p++] & 0xff;
        if (sidLen > 32 || bodyEnd - p < sidLen + 2) {
            return Optional.empty();
        }
        byte[] sessionId = java.util.Arrays.copyOfRange(record, p, p + sidLen);
        p += sidLen;
        int suitesLen = u16(record, p);
        p += 2;
        if (suitesLen % 2 != 0 || bodyEnd - p < suitesLen + 1) {
            return Optional.empty();
        }
        List<Integer> suites = new ArrayList<>();
        for (int i = 0; i < suitesLen; i += 2) {
            suites.add(u16(record, p + i));
        }
        p += suitesLen;
        int compressionLen = record[p++] & 0xff;
        if (bodyEnd - p < compressionLen) {
            return Optional.empty();
        }
        List<Integer> compression = new ArrayList<>();
        for (int i = 0; i < compressionLen; i++) {
            compression.add(record[p + i] & 0xff);
        }
        p += compressionLen;
        List<Integer> extensions = new ArrayList<>();
        List<Integer> supportedVersions = new ArrayList<>();
        if (bodyEnd - p >= 2) {
            int extEnd = Math.min(bodyEnd, p + 2 + u16(record, p));
            p += 2;
            while (extEnd - p >= 4) {
                int type = u16(record, p);
                int length = u16(record, p + 2);
                extensions.add(type);
                if (type == SUPPORTED_VERSIONS && extEnd - p - 4 >= length) {
                    supportedVersions.addAll(versionList(record, p + 4, length));
                }
                p += 4 + length;
            }
        }
        return Optional.of(new ClientHelloSummary(clientVersion, sessionId, suites, extensions, supportedVersions,
                messageLength, compression));
    }

    /** The ClientHello form of supported_versions: a one-byte length, then two-byte versions. */
    private static List<Integer> versionList(byte[] b, int at, int length) {
        List<Integer> versions = new ArrayList<>();
        if (length < 1 || (b[at] & 0xff) + 1 > length) {
            return versions;
        }
        for (int i = 0; i + 1 < (b[at] & 0xff); i += 2) {
            versions.add(u16(b, at + 1 + i));
        }
        return versions;
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static int u24(byte[] b, int at) {
        return ((b[at] & 0xff) << 16) | u16(b, at + 1);
    }
}
