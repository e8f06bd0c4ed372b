package io.tlsweep.prelude.ldap;

import java.util.Map;

/** The names of LDAP result codes (RFC 4511 Appendix A), as reports show them beside the number. */
final class LdapResultCodes {
    static final int SUCCESS = 0;
    static final int PROTOCOL_ERROR = 2;

    private static final Map<Integer, String> NAMES = Map.ofEntries(Map.entry(0, "success"),
            Map.entry(1, "operationsError"), Map.entry(2, "protocolError"), Map.entry(3, "timeLimitExceeded"),
            Map.entry(4, "sizeLimitExceeded"), Map.entry(5, "compareFalse"), Map.entry(6, "compareTrue"),
            Map.entry(7, "authMethodNotSupported"), Map.entry(8, "strongerAuthRequired"), Map.entry(10, "referral"),
            Map.entry(11, "adminLimitExceeded"), Map.entry(12, "unavailableCriticalExtension"),
            Map.entry(13, "confidentialityRequired"), Map.entry(14, "saslBindInProgress"),
            Map.entry(16, "noSuchAttribute"), Map.entry(17, "undefinedAttributeType"),
            Map.entry(18, "inappropriateMatching"), Map.entry(19, "constraintViolation"),
            Map.entry(20, "attributeOrValueExists"), Map.entry(21, "invalidAttributeSyntax"),
            Map.entry(32, "noSuchObject"), Map.entry(33, "aliasProblem"), Map.entry(34, "invalidDNSyntax"),
            Map.entry(36, "aliasDereferencingProblem"), Map.entry(48, "inappropriateAuthentication"),
            Map.entry(49, "invalidCredentials"), Map.entry(50, "insufficientAccessRights"), Map.entry(51, "busy"),
            Map.entry(52, "unavailable"), Map.entry(53, "unwillingToPerform"), Map.entry(54, "loopDetect"),
            Map.entry(64, "namingViolation"), Map.entry(65, "objectClassViolation"),
            Map.entry(66, "notAllowedOnNonLeaf"), Map.entry(67, "notAllowedOnRDN"),
            Map.entry(68, "entryAlreadyExists"), Map.entry(69, "objectClassModsProhibited"),
            Map.entry(71, "affectsMultipleDSAs"), Map.entry(80, "other"));

    private LdapResultCodes() {
    }

    /** The code's name ("protocolError"), or "code N" for one RFC 4511 does not name. */
    static String name(int code) {
        return NAMES.getOrDefault(code, "code " + code);
    }
}
