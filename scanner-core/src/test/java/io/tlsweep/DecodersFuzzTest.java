package io.tlsweep;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tlsweep.cert.CaBundleFuzzTest;
import io.tlsweep.cert.CertificateFuzzTest;
import io.tlsweep.metrics.HistogramLogFuzzTest;
import io.tlsweep.prelude.PreludeCodecFuzzTest;
import io.tlsweep.prelude.line.LinePreludeFuzzTest;
import io.tlsweep.prelude.smtp.SmtpPreludeFuzzTest;
import io.tlsweep.profile.ProfileFileFuzzTest;
import io.tlsweep.report.JsonLinesFuzzTest;
import io.tlsweep.run.SweepConfigFuzzTest;
import io.tlsweep.input.TargetLinesFuzzTest;
import io.tlsweep.testing.Fuzzing;
import io.tlsweep.wire.ClientHelloDecoderFuzzTest;
import io.tlsweep.wire.ClientHelloRoundTripFuzzTest;
import io.tlsweep.wire.FuzzSeeds;
import io.tlsweep.wire.RecordFramerFuzzTest;
import io.tlsweep.wire.ServerResponseFuzzTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The build's short fuzzing run: every scanner-core fuzz target in one libFuzzer session (one JVM, where one
 * JVM per target would cost the build seconds of start-up each). The last byte of an input picks the target,
 * the rest is its input; the seeds are every target's seeds, so tagged. Tag "fuzz-short": the build's fuzz
 * execution runs this; {@code benchmarks/scripts/fuzz.sh} runs each target alone (tag "fuzz"), longer.
 */
@Tag("fuzz-short")
class DecodersFuzzTest {
    private interface Target {
        void check(byte[] input) throws Exception;
    }

    private interface Seeds {
        Stream<byte[]> get() throws Exception;
    }

    private static final List<Target> TARGETS = List.of(
            new ServerResponseFuzzTest()::everyAnswerIsOneStableValue,
            new RecordFramerFuzzTest()::recordsAreCutExactly,
            new ClientHelloDecoderFuzzTest()::decodedHellosAreLossless,
            new ClientHelloRoundTripFuzzTest()::encodedHellosDecodeToTheirSpec,
            new CertificateFuzzTest()::servedBytesGiveFactsOrAReason,
            new CaBundleFuzzTest()::aBundleLoadsOrSaysWhyNot,
            new JsonLinesFuzzTest()::everyLineIsAResultOrAnErrorAndEveryResultCanBeReported,
            new HistogramLogFuzzTest()::anyLogIsMergedOrRefusedByName,
            new ProfileFileFuzzTest()::whatLoadsCanBeSentAndTheRestIsNamed,
            new TargetLinesFuzzTest()::everyLineIsTargetsOrAnErrorNamingIt,
            new SweepConfigFuzzTest()::aSweepFileIsAConfigurationOrAnErrorNamingIt,
            new LinePreludeFuzzTest()::everyServerGetsOneAnswerHoweverItsBytesAreSplit,
            new SmtpPreludeFuzzTest()::anyServerBytesGiveTheSameBoundedDecisionHoweverSplit,
            new PreludeCodecFuzzTest()::everyAnswerIsOneValueHoweverSplit);

    @MethodSource("seeds")
    @FuzzTest(maxDuration = Fuzzing.SHORT_RUN)
    void everyTargetHoldsItsProperties(byte[] data) throws Exception {
        if (data.length == 0) {
            return;
        }
        TARGETS.get((data[data.length - 1] & 0xFF) % TARGETS.size()).check(Arrays.copyOf(data, data.length - 1));
    }

    static Stream<byte[]> seeds() throws Exception {
        List<Seeds> seeds = List.of(FuzzSeeds::serverBytes, FuzzSeeds::allBytes, FuzzSeeds::clientBytes,
                () -> Stream.of(new byte[64]), CertificateFuzzTest::seeds, CaBundleFuzzTest::seeds,
                JsonLinesFuzzTest::seeds, HistogramLogFuzzTest::seeds, ProfileFileFuzzTest::seeds,
                TargetLinesFuzzTest::seeds, SweepConfigFuzzTest::seeds, LinePreludeFuzzTest::seeds,
                SmtpPreludeFuzzTest::seeds, PreludeCodecFuzzTest::seeds);
        List<byte[]> tagged = new ArrayList<>();
        for (int i = 0; i < TARGETS.size(); i++) {
            int target = i;
            seeds.get(i).get().forEach(seed -> tagged.add(tagged(seed, target)));
        }
        return tagged.stream();
    }

    private static byte[] tagged(byte[] seed, int target) {
        byte[] out = Arrays.copyOf(seed, seed.length + 1);
        out[seed.length] = (byte) target;
        return out;
    }
}
