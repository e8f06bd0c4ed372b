package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsweep.input.Shard;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --shard I/N}, {@code --shards N} and JOB_COMPLETION_INDEX: which wins, and what is refused. */
class ShardOptionTest {
    private static final Function<String, String> NO_ENV = name -> null;

    private static Function<String, String> index(String value) {
        return Map.of(ShardOption.INDEX_VARIABLE, value)::get;
    }

    @Test
    void noOptionMeansNoShardEvenWithTheVariableSet() {
        assertThat(ShardOption.parse(null, null, NO_ENV)).isEmpty();
        assertThat(ShardOption.parse(null, null, index("3"))).isEmpty();
    }

    @Test
    void shardGivesIndexAndCount() {
        assertThat(ShardOption.parse("2/4", null, NO_ENV)).contains(new Shard(2, 4));
        assertThat(ShardOption.parse("0/1", null, NO_ENV)).contains(new Shard(0, 1));
        assertThat(ShardOption.parse("2/4", 4, NO_ENV)).as("both, agreeing").contains(new Shard(2, 4));
    }

    @Test
    void shardsTakesTheIndexFromTheVariable() {
        assertThat(ShardOption.parse(null, 4, index("3"))).contains(new Shard(3, 4));
        assertThat(ShardOption.parse(null, 4, index("0"))).contains(new Shard(0, 4));
        assertThat(ShardOption.parse(null, 4, index(" 1\n"))).as("spaces around are fine").contains(new Shard(1, 4));
    }

    @Test
    void shardWinsOverTheVariable() {
        assertThat(ShardOption.parse("2/4", null, index("1"))).contains(new Shard(2, 4));
        assertThat(ShardOption.parse("2/4", 4, index("1"))).contains(new Shard(2, 4));
        assertThat(ShardOption.parse("2/4", null, index("not even a number"))).contains(new Shard(2, 4));
    }

    @Test
    void shardsWithoutTheVariableIsAnError() {
        assertThatThrownBy(() -> ShardOption.parse(null, 4, NO_ENV)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--shards 4").hasMessageContaining("JOB_COMPLETION_INDEX")
                .hasMessageContaining("--shard I/4");
        assertThatThrownBy(() -> ShardOption.parse(null, 4, index(" "))).hasMessageContaining("JOB_COMPLETION_INDEX");
    }

    @Test
    void anIndexNotBelowTheCountIsAnErrorNamingIt() {
        assertThatThrownBy(() -> ShardOption.parse(null, 4, index("4"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JOB_COMPLETION_INDEX=4").hasMessageContaining("--shards 4");
        assertThatThrownBy(() -> ShardOption.parse("4/4", null, NO_ENV)).hasMessageContaining("'4/4'");
        assertThatThrownBy(() -> ShardOption.parse("7/4", null, NO_ENV)).hasMessageContaining("'7/4'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"two", "-1", "+1", "1.0", "0x1", "99999999999", "1 2"})
    void aMalformedVariableIsAnErrorNamingIt(String value) {
        assertThatThrownBy(() -> ShardOption.parse(null, 4, index(value))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JOB_COMPLETION_INDEX='" + value + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "2-4", "2/", "/4", "a/4", "2/b", "-1/4", "1/0", "0/0", "2/4/8", ""})
    void aMalformedShardIsAnErrorNamingIt(String value) {
        assertThatThrownBy(() -> ShardOption.parse(value, null, NO_ENV)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--shard '" + value + "'").hasMessageContaining("I/N");
    }

    @Test
    void countsThatDisagreeOrAreZeroAreErrors() {
        assertThatThrownBy(() -> ShardOption.parse("1/4", 8, NO_ENV)).hasMessageContaining("--shard 1/4")
                .hasMessageContaining("--shards 8");
        assertThatThrownBy(() -> ShardOption.parse(null, 0, index("0"))).hasMessageContaining("--shards 0");
    }

    @Test
    void onTheCommandLineABadShardIsAUsageErrorBeforeAnythingIsScanned() {
        StringWriter err = new StringWriter();
        int exit = Tlsweep.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                "scan", "--shard", "4/4", "127.0.0.1:1");
        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--shard '4/4'");
    }

    @Test
    void onTheCommandLineShardsWithoutTheVariableIsAUsageError() {
        Assumptions.assumeTrue(System.getenv(ShardOption.INDEX_VARIABLE) == null,
                "this test runs where " + ShardOption.INDEX_VARIABLE + " is not set");
        StringWriter err = new StringWriter();
        int exit = Tlsweep.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                "scan", "--shards", "4", "127.0.0.1:1");
        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("JOB_COMPLETION_INDEX");
    }

    @Test
    void theScanHelpDocumentsBothOptions() {
        StringWriter out = new StringWriter();
        Tlsweep.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "scan", "--help");
        assertThat(out.toString()).contains("--shard=I/N").contains("--shards=N").contains("JOB_COMPLETION_INDEX")
                .contains("tlsweep merge");
    }
}
