package io.tlsweep.targets;

import io.tlsweep.targets.cert.CertificateSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A well-behaved TLS server. Build with {@link TargetSpec#tls(String)}; derive variants with
 * {@link #toBuilder()}, e.g. {@code spec.toBuilder().versions(TLS1_0, TLS1_2).build()}.
 *
 * @param stack          which TLS implementation serves it
 * @param versions       enabled protocol versions
 * @param cipherSuites   enabled suites by IANA name, in server preference order; TLS 1.3 suites included
 * @param serverOrder    true: the server enforces its own order; false: it follows the client's
 * @param requiredServerName if present, the handshake only proceeds for a ClientHello carrying
 *                       exactly this SNI name; otherwise the server sends a fatal unrecognized_name alert
 * @param certificate    the leaf certificate to present
 * @param groups         key exchange groups by the stack's names (BoringSSL and Bouncy Castle only); empty = stack
 *                       default
 */
public record TlsTargetSpec(String name, String bindAddress, TlsStack stack, Set<TlsVersion> versions,
                            List<String> cipherSuites, boolean serverOrder, Optional<String> requiredServerName,
                            CertificateSpec certificate, List<String> groups) implements TargetSpec {

    public TlsTargetSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(requiredServerName, "requiredServerName");
        LoopbackAddresses.requireLoopback(bindAddress);
        if (versions.isEmpty() || cipherSuites.isEmpty()) {
            throw new IllegalArgumentException(name + ": needs at least one version and one cipher suite");
        }
        versions = Collections.unmodifiableSet(EnumSet.copyOf(versions));
        cipherSuites = List.copyOf(cipherSuites);
        groups = List.copyOf(groups);
    }

    /** A builder pre-filled with this spec, for "same target but ..." variants. */
    public Builder toBuilder() {
        Builder b = new Builder(name).bindAddress(bindAddress).stack(stack).serverOrder(serverOrder)
                .certificate(certificate).groups(groups).cipherSuites(cipherSuites);
        b.versions.addAll(versions);
        b.requiredServerName = requiredServerName.orElse(null);
        return b;
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private String name;
        private String bindAddress = "127.0.0.1";
        private TlsStack stack = TlsStack.BORINGSSL;
        private final EnumSet<TlsVersion> versions = EnumSet.noneOf(TlsVersion.class);
        private final List<String> cipherSuites = new ArrayList<>();
        private boolean serverOrder = true;
        private String requiredServerName;
        private CertificateSpec certificate = CertificateSpec.rsa2048();
        private final List<String> groups = new ArrayList<>();

        Builder(String name) {
            this.name = name;
        }

        public Builder name(String value) {
            this.name = value;
            return this;
        }

        public Builder bindAddress(String value) {
            this.bindAddress = value;
            return this;
        }

        public Builder stack(TlsStack value) {
            this.stack = value;
            return this;
        }

        /** Replaces the enabled versions. */
        public Builder versions(TlsVersion... values) {
            versions.clear();
            versions.addAll(List.of(values));
            return this;
        }

        public Builder addVersion(TlsVersion value) {
            versions.add(value);
            return this;
        }

        public Builder removeVersion(TlsVersion value) {
            versions.remove(value);
            return this;
        }

        /** Replaces the enabled suites (IANA names, server preference order). */
        public Builder cipherSuites(List<String> values) {
            cipherSuites.clear();
            cipherSuites.addAll(values);
            return this;
        }

        public Builder cipherSuites(String... values) {
            return cipherSuites(List.of(values));
        }

        public Builder addCipherSuite(String value) {
            cipherSuites.add(value);
            return this;
        }

        public Builder removeCipherSuite(String value) {
            cipherSuites.remove(value);
            return this;
        }

        public Builder serverOrder(boolean value) {
            this.serverOrder = value;
            return this;
        }

        public Builder requireServerName(String value) {
            this.requiredServerName = value;
            return this;
        }

        public Builder certificate(CertificateSpec value) {
            this.certificate = value;
            return this;
        }

        public Builder groups(List<String> values) {
            groups.clear();
            groups.addAll(values);
            return this;
        }

        public TlsTargetSpec build() {
            return new TlsTargetSpec(name, bindAddress, stack, versions, cipherSuites, serverOrder,
                    Optional.ofNullable(requiredServerName), certificate, groups);
        }
    }
}
