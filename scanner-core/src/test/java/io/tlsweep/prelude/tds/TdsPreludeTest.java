package io.tlsweep.prelude.tds;

import static io.tlsweep.prelude.PreludeFeed.fields;
import static io.tlsweep.prelude.PreludeFeed.same;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsweep.prelude.PreludeContext;
import io.tlsweep.prelude.PreludeFeed;
import io.tlsweep.prelude.PreludeFeed.Fed;
import io.tlsweep.prelude.PreludeProtocol;
import io.tlsweep.prelude.PreludeProtocols;
import io.tlsweep.prelude.PreludeStep;
import io.tlsweep.result.FailureKind;
import io.tlsweep.wire.Hex;
import io.tlsweep.wire.Vectors;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The TDS prelude: its PRELOGIN against [MS-TDS] 4.1 and FreeTDS's captured ones; the server responses built
 * from [MS-TDS] 2.2.6.5 (vectors/prelude/mssql-spec-*, marked there as not captured), fed whole, in pieces and
 * byte by byte.
 */
class TdsPreludeTest {
    /** [MS-TDS] 4.1, the Pre-Login request's header and option table (the same offsets as ours). */
    private static final String SPEC_HEADER_AND_TABLE = "1201002f00000100" + "00001a0006" + "0100200001"
            + "0200210001" + "0300220004" + "0400260001" + "ff";

    @Test
    void theRegistryPicksItOnPort1433ByItsName() {
        assertThat(PreludeProtocols.forPort(1433)).containsSame(PreludeProtocols.named("mssql").orElseThrow());
        PreludeProtocol protocol = PreludeProtocols.named("mssql").orElseThrow();
        assertThat(protocol.defaultPorts()).containsExactly(1433);
        assertThat(protocol.prelude(new PreludeContext(Optional.of("db.example"), "client.example")))
                .isEqualTo(TdsPrelude.DEFAULT);
    }

    @Test
    void thePreloginAsksForEncryptionWithTheOptionTableOfTheSpecificationsExample() {
        byte[] sent = PreludeFeed.feed(TdsPrelude.DEFAULT, new byte[0], 1).sent();
        assertThat(sent).isEqualTo(Hex.parse(SPEC_HEADER_AND_TABLE + "000000000000" + "01" + "00" + "00000000"
                + "00"));
        byte[] off = PreludeFeed.feed(TdsPrelude.asking(Encryption.OFF), new byte[0], 1).sent();
        assertThat(off[8 + 26 + 6]).as("ENCRYPT_OFF").isEqualTo((byte) 0);
    }

    @ParameterizedTest
    @CsvSource({"mssql-freetds-default, 0", "mssql-freetds-require, 1", "mssql-freetds-off, 2"})
    void theOptionReaderReadsFreeTdssCapturedPrelogin(String vector, int encryption) {
        byte[] packet = Vectors.load("prelude/" + vector + ".client.hex");
        assertThat(TdsPacket.length(packet, 0, packet.length)).isEqualTo(packet.length);
        Prelogin.Response read = (Prelogin.Response) Prelogin.response(Arrays.copyOfRange(packet, 8, packet.length));
        assertThat(read.encryption()).contains(encryption);
        assertThat(read.version()).contains(new SqlServerVersion(9, 0, 0, 0));
    }

    @Test
    void sqlServer2012WithEncryptionOffStartsTlsInTdsPackets() {
        Fed fed = vector(TdsPrelude.DEFAULT, "mssql-spec-2012-off");
        PreludeStep.TlsMayStart start = (PreludeStep.TlsMayStart) fed.last();
        assertThat(start.framing()).isInstanceOf(TdsFraming.class);
        assertThat(start.consumed()).isEqualTo(43);
        assertThat(start.facts().fields()).isEqualTo(fields("encryption-requested", "on", "version", "11.0.2100",
                "product", "SQL Server 2012", "encryption", "off"));
    }

    @Test
    void requiredAndOnStartTlsToo() {
        assertThat(((PreludeStep.TlsMayStart) vector(TdsPrelude.DEFAULT, "mssql-spec-2019-req").last()).facts()
                .fields()).isEqualTo(fields("encryption-requested", "on", "version", "15.0.2000", "product",
                "SQL Server 2019", "encryption", "required"));
        assertThat(((PreludeStep.TlsMayStart) vector(TdsPrelude.asking(Encryption.OFF), "mssql-spec-2005-on").last())
                .facts().fields()).isEqualTo(fields("encryption-requested", "off", "version", "9.0.1399", "product",
                "SQL Server 2005", "encryption", "on"));
    }

    @Test
    void encryptionNotSupportedIsTlsNotOfferedWithTheVersion() {
        PreludeStep.Failed failed = (PreludeStep.Failed) vector(TdsPrelude.DEFAULT, "mssql-spec-2008r2-notsup").last();
        assertThat(failed.failure().kind()).isEqualTo(FailureKind.PRELUDE_TLS_NOT_OFFERED);
        assertThat(failed.failure().detail()).contains("logins travel without");
        assertThat(failed.facts().orElseThrow().fields()).isEqualTo(fields("encryption-requested", "on", "version",
                "10.50.1600", "product", "SQL Server 2008 R2", "encryption", "not-supported"));
    }

    @Test
    void aResponseInSeveralPacketsIsReadToItsEndOfMessage() {
        byte[] whole = Vectors.load("prelude/mssql-spec-2012-off.server.hex");
        byte[] body = Arrays.copyOfRange(whole, 8, whole.length);
        byte[] first = TdsPacket.encode(TdsPacket.TABULAR_RESULT, Arrays.copyOf(body, 10), 1);
        first[1] = 0;
        byte[] second = TdsPacket.encode(TdsPacket.TABULAR_RESULT, Arrays.copyOfRange(body, 10, body.length), 2);
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        assertThat(same(TdsPrelude.DEFAULT, both).describe())
                .isEqualTo(vector(TdsPrelude.DEFAULT, "mssql-spec-2012-off").describe());
    }

    @ParameterizedTest
    @CsvSource({"7, 0, SQL Server 7.0", "8, 0, SQL Server 2000", "9, 0, SQL Server 2005", "10, 0, SQL Server 2008",
        "10, 50, SQL Server 2008 R2", "11, 0, SQL Server 2012", "12, 0, SQL Server 2014", "13, 0, SQL Server 2016",
        "14, 0, SQL Server 2017", "15, 0, SQL Server 2019", "16, 0, SQL Server 2022", "17, 0, SQL Server 2025"})
    void majorVersionsNameTheirProduct(int major, int minor, String product) {
        assertThat(new SqlServerVersion(major, minor, 1, 0).product()).contains(product);
    }

    @Test
    void anUnknownMajorVersionNamesNoProductAndASubBuildIsShown() {
        assertThat(new SqlServerVersion(42, 0, 1, 0).product()).isEmpty();
        assertThat(new SqlServerVersion(11, 0, 7001, 5)).hasToString("11.0.7001.5");
        assertThat(new TdsFacts(Encryption.ON, Optional.of(new SqlServerVersion(42, 0, 1, 0)), Optional.empty())
                .fields()).isEqualTo(fields("encryption-requested", "on", "version", "42.0.1"));
    }

    @Test
    void onlyOnAndOffAreAskedFor() {
        assertThatThrownBy(() -> TdsPrelude.asking(Encryption.NOT_SUP)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TdsPrelude.asking(Encryption.REQ)).isInstanceOf(IllegalArgumentException.class);
    }

    static Fed vector(TdsPrelude prelude, String vector) {
        return same(prelude, Vectors.load("prelude/" + vector + ".server.hex"));
    }
}
