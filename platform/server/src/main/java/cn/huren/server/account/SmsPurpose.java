package cn.huren.server.account;

/**
 * What an SMS code of an account is for. A code verifies only for the purpose it was issued for. Codes of purposes
 * that need an account ({@link #needsAccount}) are sent only to a number an ACTIVE account uses; otherwise nothing
 * is sent and the answer is the same, so the endpoint never tells whether a number has an account.
 */
public enum SmsPurpose {

    /** APP-03: register a new number, or sign the existing account in. */
    REGISTER("register", false),
    /** Sign in by SMS code. */
    LOGIN("login", true),
    /** ORD-05, APP-101: forgotten password. */
    RESET_PASSWORD("reset-password", true),
    /** APP-04: the first password of a signed-in account. */
    SET_PASSWORD("set-password", true),
    /** APP-100: the current number confirms a change of number. */
    CHANGE_MOBILE_OLD("change-mobile-old", true),
    /** APP-100: the new number confirms it (sent only when no ACTIVE account uses the number). */
    CHANGE_MOBILE_NEW("change-mobile-new", false),
    /** APP-103: confirms the closure of the account. */
    CLOSE_ACCOUNT("close-account", true),
    /** APP-66: the enterprise's administrator confirms its dissolution (with the password). */
    DISSOLVE_ENTERPRISE("dissolve-enterprise", true);

    private final String code;
    private final boolean needsAccount;

    SmsPurpose(String code, boolean needsAccount) {
        this.code = code;
        this.needsAccount = needsAccount;
    }

    /** The purpose as {@code smscode.SmsCodes} keeps it. */
    public String code() {
        return code;
    }

    /** Sent only to the number of an ACTIVE account. */
    public boolean needsAccount() {
        return needsAccount;
    }
}
