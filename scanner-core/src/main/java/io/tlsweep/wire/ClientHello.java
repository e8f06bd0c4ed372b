package io.tlsweep.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A ClientHello as read back from the wire. Extensions are kept in wire order with their raw bodies,
 * unknown and GREASE ones included; the accessors decode the common ones on demand.
 */
public record ClientHello(
        ProtocolVersion recordVersion,
        ProtocolVersion clientVersion,
        byte[] random,
        byte[] sessionId,
        List<CipherSuite> cipherSuites,
        byte[] compressionMethods,
        List<Extension> extensions) {

    public ClientHello {
        random = random.clone();
        sessionId = sessionId.clone();
        cipherSuites = List.copyOf(cipherSuites);
        compressionMethods = compressionMethods.clone();
        extensions = List.copyOf(extensions);
    }

    @Override
    public byte[] random() {
        return random.clone();
    }

    @Override
    public byte[] sessionId() {
        return sessionId.clone();
    }

    @Override
    public byte[] compressionMethods() {
        return compressionMethods.clone();
    }

    public Optional<Extension> extension(ExtensionType type) {
        return extensions.stream().filter(e -> e.type().equals(type)).findFirst();
    }

    /** The host_name entry of server_name, if any. */
    public Optional<String> serverName() {
        return read(ExtensionType.SERVER_NAME, r -> {
            WireReader list = r.vector(2, "server_name_list");
            while (list.hasRemaining()) {
                int type = list.u8("name_type");
                byte[] name = list.vectorBytes(2, "name");
                if (type == 0) {
                    return new String(name, StandardCharsets.US_ASCII);
                }
            }
            return null;
        });
    }

    public List<NamedGroup> supportedGroups() {
        return u16List(ExtensionType.SUPPORTED_GROUPS, 2, NamedGroup::of);
    }

    public List<SignatureScheme> signatureAlgorithms() {
        return u16List(ExtensionType.SIGNATURE_ALGORITHMS, 2, SignatureScheme::of);
    }

    public List<ProtocolVersion> supportedVersions() {
        return u16List(ExtensionType.SUPPORTED_VERSIONS, 1, ProtocolVersion::of);
    }

    /** The key_share entries; empty when the extension is absent (see {@link #extension}). */
    public List<KeyShareEntry> keyShares() {
        List<KeyShareEntry> out = read(ExtensionType.KEY_SHARE, r -> {
            WireReader list = r.vector(2, "client_shares");
            List<KeyShareEntry> entries = new ArrayList<>();
            while (list.hasRemaining()) {
                NamedGroup g = NamedGroup.of(list.u16("group"));
                entries.add(new KeyShareEntry(g, list.vectorBytes(2, "key_exchange")));
            }
            return entries;
        }).orElse(List.of());
        return List.copyOf(out);
    }

    public List<String> alpn() {
        return read(ExtensionType.ALPN, r -> {
            WireReader list = r.vector(2, "protocol_name_list");
            List<String> names = new ArrayList<>();
            while (list.hasRemaining()) {
                names.add(new String(list.vectorBytes(1, "protocol_name"), StandardCharsets.US_ASCII));
            }
            return names;
        }).orElse(List.of());
    }

    /** The highest version offered: from supported_versions when present, else the client version. */
    public ProtocolVersion highestOffered() {
        return supportedVersions().stream().filter(ProtocolVersion::isKnown).max(ProtocolVersion::compareTo)
                .orElse(clientVersion);
    }

    private <T> List<T> u16List(ExtensionType type, int lengthWidth, java.util.function.IntFunction<T> of) {
        return read(type, r -> {
            WireReader list = r.vector(lengthWidth, type.toString());
            List<T> out = new ArrayList<>();
            while (list.hasRemaining()) {
                out.add(of.apply(list.u16(type.toString())));
            }
            return out;
        }).orElse(List.of());
    }

    private interface Body<T> {
        T read(WireReader r) throws WireReader.DecodeError;
    }

    /** Decodes one extension body; a body that does not parse reads as absent. */
    private <T> Optional<T> read(ExtensionType type, Body<T> body) {
        Optional<Extension> e = extension(type);
        if (e.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(body.read(new WireReader(e.get().raw())));
        } catch (WireReader.DecodeError bad) {
            return Optional.empty();
        }
    }
}
