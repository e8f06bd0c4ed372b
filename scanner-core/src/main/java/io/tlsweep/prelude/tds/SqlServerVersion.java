package io.tlsweep.prelude.tds;

import java.util.Optional;

/**
 * The version a SQL Server gives in its PRELOGIN response ([MS-TDS] 2.2.6.5 VERSION: major, minor, build as a
 * big-endian u16, sub-build), and the product it names: 11.0.x is SQL Server 2012, whose TLS 1.2 support
 * depends on its build.
 */
public record SqlServerVersion(int major, int minor, int build, int subBuild) {

    /** The product, for the major versions SQL Server has shipped (10.50 is SQL Server 2008 R2). */
    public Optional<String> product() {
        String name = switch (major) {
            case 7 -> "7.0";
            case 8 -> "2000";
            case 9 -> "2005";
            case 10 -> minor >= 50 ? "2008 R2" : "2008";
            case 11 -> "2012";
            case 12 -> "2014";
            case 13 -> "2016";
            case 14 -> "2017";
            case 15 -> "2019";
            case 16 -> "2022";
            case 17 -> "2025";
            default -> null;
        };
        return Optional.ofNullable(name).map(n -> "SQL Server " + n);
    }

    /** {@code major.minor.build}, and {@code .subBuild} when it is not 0. */
    @Override
    public String toString() {
        return major + "." + minor + "." + build + (subBuild == 0 ? "" : "." + subBuild);
    }
}
