package cn.huren.server.party;

/** An identifier (USCC or identity document number) broke a rule of its standard; {@link #rule()} says which. */
public class InvalidIdentifierException extends IllegalArgumentException {

    /** The rule that failed, so a user (or a city with pre-2016 codes) knows what is wrong. */
    public enum Rule {
        LENGTH, CHARACTER, DIVISION, BIRTH_DATE, CHECK_CHARACTER,
        /** {@code IdentityDocument.detect} cannot tell which kind of document a number belongs to. */
        DOCUMENT_TYPE
    }

    private final Rule rule;

    InvalidIdentifierException(Rule rule, String message) {
        super(message);
        this.rule = rule;
    }

    public Rule rule() {
        return rule;
    }
}
