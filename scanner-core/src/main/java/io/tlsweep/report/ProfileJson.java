package io.tlsweep.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tlsweep.analysis.ClientImpact;
import io.tlsweep.analysis.ProfileCheck;
import io.tlsweep.analysis.WhatIf;
import io.tlsweep.profile.ClientMessage;
import io.tlsweep.profile.ClientProfile;
import io.tlsweep.result.ProfileOutcome;
import java.util.List;

/**
 * One client profile against one endpoint in the JSON lines: the prediction, what its own hello got, whether
 * they agree, and the message the client shows when it fails.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProfileJson(String id, String name, OutcomeJson predicted, OutcomeJson observed, Boolean agrees,
        ClientMessage message) {

    /** A predicted or observed outcome. {@code result} is "connects" or the reason it does not. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OutcomeJson(String result, String version, String suite, String failure, String alert,
            Boolean assumed) {
        static OutcomeJson of(ProfileOutcome o) {
            return new OutcomeJson(o.reason().label(), o.version().map(v -> v.displayName()).orElse(null),
                    o.suite().map(s -> s.ianaName()).orElse(null),
                    o.failure().map(f -> f.kind().label() + ": " + f.detail()).orElse(null),
                    o.failure().flatMap(f -> f.alert()).map(Object::toString).orElse(null),
                    o.assumed() ? Boolean.TRUE : null);
        }

        public boolean connects() {
            return ProfileOutcome.Reason.CONNECTS.label().equals(result);
        }
    }

    /** A profile that connects today and would not under a what-if, with what it would show. */
    public record LossJson(String id, String name, String today, OutcomeJson after, ClientMessage message) {
        static LossJson of(WhatIf.Loss l) {
            return new LossJson(l.profile().id(), l.profile().name(), l.today().summary(), OutcomeJson.of(l.after()),
                    ProfileCheck.messageOf(l.profile(), l.after()).orElse(null));
        }
    }

    /** A what-if: what is switched off and who loses the endpoint. */
    public record WhatIfJson(String disabled, List<LossJson> loses) {
        static WhatIfJson of(ClientImpact.Scenario s) {
            return new WhatIfJson(s.assumption().label(), s.losses().stream().map(LossJson::of).toList());
        }

        static WhatIfJson legacyOff(ClientImpact impact) {
            return new WhatIfJson(ClientImpact.LEGACY_OFF.label(), impact.legacyOff().stream().map(LossJson::of)
                    .toList());
        }
    }

    static ProfileJson of(ProfileCheck c) {
        ClientProfile p = c.profile();
        return new ProfileJson(p.id(), p.name(), OutcomeJson.of(c.predicted()),
                c.observed().map(OutcomeJson::of).orElse(null), c.agrees().orElse(null), c.message().orElse(null));
    }
}
