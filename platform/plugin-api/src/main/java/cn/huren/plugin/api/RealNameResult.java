package cn.huren.plugin.api;

import java.util.Objects;

/**
 * A verification provider's verdict on an identity claim: the person matches the authority's records or does not.
 * Anything else (no answer, an error, a refusal of the request) is a {@link RealNameException}.
 *
 * @param reference the provider's reference of this check (for disputes and the attempt log), never null
 * @param message   the provider's short explanation, e.g. why it did not match; may be empty, never personal data
 */
public record RealNameResult(Outcome outcome, String reference, String message) {

    public enum Outcome { MATCH, MISMATCH }

    public RealNameResult {
        Objects.requireNonNull(outcome, "outcome");
        reference = Objects.requireNonNullElse(reference, "");
        message = Objects.requireNonNullElse(message, "");
    }

    public boolean matched() {
        return outcome == Outcome.MATCH;
    }
}
