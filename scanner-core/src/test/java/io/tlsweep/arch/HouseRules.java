package io.tlsweep.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.stream.Stream;

/**
 * The one rule of the house, over every package of scanner-core: the direction data flows (each layer names the
 * layers it may use, nothing else, and no layer may be empty, so a renamed package fails instead of passing
 * vacuously), and the pure packages free of sockets, channels, name resolution and file I/O, so they are
 * tested with bytes and values alone. {@link HouseRulesTest} checks the code against {@link #RULE} and shows
 * that the same rule object fails on a wrong import.
 */
final class HouseRules {
    /** Packages that see bytes and values only. */
    static final String[] PURE = {"io.tlsweep.text..", "io.tlsweep.wire..", "io.tlsweep.cert..",
        "io.tlsweep.result..", "io.tlsweep.prelude..", "io.tlsweep.profile..", "io.tlsweep.probe..",
        "io.tlsweep.check..", "io.tlsweep.analysis..", "io.tlsweep.advice..",
        "io.tlsweep.policy.."};

    /** Packages that never touch the network: the pure ones, {@code input} (target files) and {@code evidence} (logs). */
    static final String[] OFFLINE = Stream.concat(Stream.of(PURE), Stream.of("io.tlsweep.input..",
                    "io.tlsweep.evidence.."))
            .toArray(String[]::new);

    static final ArchRule LAYERS = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("text").definedBy("io.tlsweep.text..")
            .layer("wire").definedBy("io.tlsweep.wire..")
            .layer("cert").definedBy("io.tlsweep.cert..")
            .layer("input").definedBy("io.tlsweep.input..")
            .layer("result").definedBy("io.tlsweep.result..")
            .layer("prelude").definedBy("io.tlsweep.prelude..")
            .layer("profile").definedBy("io.tlsweep.profile..")
            .layer("metrics").definedBy("io.tlsweep.metrics..")
            .layer("probe").definedBy("io.tlsweep.probe..")
            .layer("check").definedBy("io.tlsweep.check..")
            .layer("evidence").definedBy("io.tlsweep.evidence..")
            .layer("analysis").definedBy("io.tlsweep.analysis..")
            .layer("advice").definedBy("io.tlsweep.advice..")
            .layer("policy").definedBy("io.tlsweep.policy..")
            .layer("engine").definedBy("io.tlsweep.engine..")
            .layer("scan").definedBy("io.tlsweep.scan..")
            .layer("report").definedBy("io.tlsweep.report..")
            .layer("run").definedBy("io.tlsweep.run..")
            .whereLayer("text").mayNotAccessAnyLayer()
            .whereLayer("wire").mayNotAccessAnyLayer()
            .whereLayer("cert").mayOnlyAccessLayers("text")
            .whereLayer("input").mayOnlyAccessLayers("text")
            .whereLayer("result").mayOnlyAccessLayers("text", "input", "wire")
            .whereLayer("prelude").mayOnlyAccessLayers("text", "wire", "result")
            .whereLayer("profile").mayOnlyAccessLayers("text", "wire", "result")
            .whereLayer("metrics").mayOnlyAccessLayers("text", "wire", "result")
            .whereLayer("probe").mayOnlyAccessLayers("wire", "input", "result", "prelude", "profile")
            .whereLayer("check").mayOnlyAccessLayers("text", "wire", "input", "result", "prelude", "profile", "probe")
            .whereLayer("evidence").mayOnlyAccessLayers("text", "wire", "input", "result", "profile")
            .whereLayer("analysis").mayOnlyAccessLayers("text", "wire", "cert", "input", "result", "profile",
                    "check", "evidence")
            .whereLayer("advice").mayOnlyAccessLayers("text", "wire", "cert", "analysis")
            .whereLayer("policy").mayOnlyAccessLayers("text", "wire", "cert", "result")
            .whereLayer("engine").mayOnlyAccessLayers("text", "wire", "input", "result", "prelude", "metrics", "probe")
            .whereLayer("scan").mayOnlyAccessLayers("wire", "input", "result", "prelude", "profile", "metrics",
                    "probe", "check", "engine")
            .whereLayer("report").mayOnlyAccessLayers("text", "wire", "cert", "input", "result", "profile",
                    "metrics", "check", "analysis", "evidence", "advice", "policy")
            .whereLayer("run").mayNotBeAccessedByAnyLayer()
            .because("data flows one way: input, plans and checks, the engine, analysis, the run, reports");

    static final ArchRule OFFLINE_RULE = noClasses().that().resideInAnyPackage(OFFLINE)
            .should().dependOnClassesThat().resideInAnyPackage("java.net..", "java.nio.channels..",
                    "io.netty.channel..", "io.netty.bootstrap..", "io.netty.resolver..")
            .orShould().dependOnClassesThat().haveNameMatching(
                    "javax\\.net\\.(SocketFactory|ServerSocketFactory|ssl\\.SSL(Socket|ServerSocket|Engine).*)")
            .because("only the engine touches the network: no sockets, channels or name resolution below it (a"
                    + " target's literal is recognised as text, never by InetAddress, which may resolve)");

    static final ArchRule PURITY = noClasses().that().resideInAnyPackage(PURE)
            .should().dependOnClassesThat().haveNameMatching(
                    "java\\.nio\\.file\\.Files|java\\.io\\.(File|FileInputStream|FileOutputStream|FileReader"
                            + "|FileWriter|RandomAccessFile)")
            .because("a pure package sees bytes, text and values, never a file: user files are read in run"
                    + " (the JDK's TrustManagerFactory, which reads no file of ours, is allowed)");

    /** The rule in force. */
    static final ArchRule RULE = CompositeArchRule.of(LAYERS).and(OFFLINE_RULE).and(PURITY);

    /** scanner-core's production classes. */
    static JavaClasses main() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.tlsweep");
    }

    private HouseRules() {
    }
}
