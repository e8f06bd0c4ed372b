/**
 * Certificate facts and findings for a chain as served: pure functions of the DER bytes, the name asked
 * for, a time and the trust anchors. No network: revocation is not checked and missing intermediates are
 * not fetched. Entry point: {@link io.tlsweep.cert.ChainReport#of}; anchors from
 * {@link io.tlsweep.cert.TrustAnchors}.
 *
 * <h2>Decisions</h2>
 * <ul>
 * <li>Parsing uses the JDK {@code CertificateFactory}; Bouncy Castle only reads what the JDK hides
 * (EC curve names, the bytes of iPAddress SANs, AIA caIssuers). Bytes that do not parse, or carry
 * trailing bytes, become an {@link io.tlsweep.cert.UnparseableCertificate}.</li>
 * <li>DNs are RFC 2253 strings (backslash escapes are DN syntax, so a CN cannot fake an attribute);
 * the CN and SANs are verbatim. Escaping for HTML/CSV/terminals is the reports' job.</li>
 * <li>Hostname rules: see {@link io.tlsweep.cert.HostnameMatcher} (one whole left-most wildcard label,
 * IP literals only against iPAddress SANs, CN only when there is no dNSName).</li>
 * <li>Trust: see {@link io.tlsweep.cert.ChainValidation}. PKIX (revocation off) over a path built from
 * the served certificates; an issuer that is neither served nor an anchor is an incomplete chain when
 * the certificate publishes its issuer (AIA caIssuers), otherwise an unknown issuer (untrusted).</li>
 * <li>Validity is judged on the leaf only (EXPIRED, NOT_YET_VALID, EXPIRING_SOON) and PKIX runs at a
 * time inside the leaf's window, so an expired leaf is not also reported as untrusted.</li>
 * <li>Day counts are whole days: days left and "N days ago" round down, "in N days" rounds up; dates
 * are UTC.</li>
 * </ul>
 */
package io.tlsweep.cert;
