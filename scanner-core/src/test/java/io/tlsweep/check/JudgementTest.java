package io.tlsweep.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class JudgementTest {

    @Test
    void everyResultGoesIntoJsonAndBack() {
        for (Judgement.Result r : Judgement.Result.values()) {
            Judgement j = new Judgement(r, "because " + r);
            ObjectNode json = JsonNodeFactory.instance.objectNode();
            j.writeTo(json);
            assertEquals(r.label(), json.get("result").textValue());
            assertEquals(j, Judgement.readFrom(json, "heartbleed"));
        }
    }

    @Test
    void aPartWithoutAResultOrWithAnUnknownOneIsNamed() {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("reason", "x");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Judgement.readFrom(json, "heartbleed"));
        assertTrue(missing.getMessage().startsWith("heartbleed: 'result'"), missing.getMessage());
        json.put("result", "maybe");
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Judgement.readFrom(json, "ccs-injection"));
        assertTrue(unknown.getMessage().contains("'result' is maybe, not one of"), unknown.getMessage());
    }

    @Test
    void aJudgementNeedsAReason() {
        assertThrows(IllegalArgumentException.class, () -> Judgement.vulnerable(" "));
        assertEquals("not-vulnerable: inappropriate_fallback", Judgement.notVulnerable("inappropriate_fallback")
                .toString());
        assertTrue(Judgement.vulnerable("x").vulnerable());
    }
}
