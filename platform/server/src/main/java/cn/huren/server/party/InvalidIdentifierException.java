package cn.huren.server.party;

/** An identifier (USCC or resident ID) broke a rule of its standard; {@link #rule()} says which. */
public class InvalidIdentifierException extends IllegalArgumentException {

    /** The rule that failed, so a user (or a city with pre-2016 codes) knows what is wrong. */
    public enum Rule { LENGTH, CHARACTER, DIVISION, BIRTH_DATE, CHECK_CHARACTER }

    private final Rule rule;

    InvalidIdentifierException(Rule rule, String message) {
        super(message);
        this.rule = rule;
    }

    public Rule rule() {
        return rule;
    }
}
