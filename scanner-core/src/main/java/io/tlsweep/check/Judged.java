package io.tlsweep.check;

/**
 * The part of an active check: it carries a {@link Judgement}, which the reports, the CSV columns, drift and
 * {@code --fail-on vulnerable} read without knowing the check.
 */
public interface Judged {
    Judgement judgement();
}
