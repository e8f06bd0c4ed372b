package io.tlsweep.targets;

/**
 * The behaviour of a hostile target.
 *
 * @param detail the exact rule or bytes where the behaviour has parameters (e.g. which suite the
 *               UNOFFERED_SUITE server picks), else the behaviour's description
 */
public record HostileExpectation(Behaviour behaviour, String detail) implements Expectation {

    @Override
    public String summary() {
        return behaviour + ": " + detail;
    }
}
