package io.tlsweep.targets.prelude;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tlsweep.targets.TdsTargetSpec.Encryption;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The front's ENCRYPTION answer for every pair of server setting and client value ([MS-TDS] 2.2.6.5). */
class TdsFrontAnswerTest {

    @ParameterizedTest(name = "server {0}, client {1}: {2}")
    @CsvSource({
        "OFF, OFF, OFF", "OFF, ON, ON", "OFF, NOT_SUP, NOT_SUP",
        "ON, OFF, ON", "ON, ON, ON", "ON, NOT_SUP, REQ",
        "REQ, OFF, REQ", "REQ, ON, REQ", "REQ, NOT_SUP, REQ",
        "NOT_SUP, OFF, NOT_SUP", "NOT_SUP, ON, NOT_SUP", "NOT_SUP, NOT_SUP, NOT_SUP"})
    void theAnswerFollowsTheNegotiationTable(Encryption server, Encryption client, Encryption answer) {
        assertEquals(answer, TdsFront.answer(server, client));
    }
}
