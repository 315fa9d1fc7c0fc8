package cn.huren.server.session;

/**
 * How a session was opened. What it may do follows from this and the tenant's login policy: a
 * password or SMS session never reaches what the tenant reserves for certificates (JS-77).
 */
public enum Authentication {

    /** A certificate answered a login challenge (USB key or mobile certificate). */
    CERTIFICATE("certificate"),
    /** An identity provider verified the person (苏服办, 三晋通, …): the person is the party. */
    IDENTITY_PROVIDER("identity-provider"),
    /** An account's mobile number and password (APP-04). */
    PASSWORD("password"),
    /** An account's mobile number and a one-time SMS code (APP-03). */
    SMS_CODE("sms");

    private final String method;

    Authentication(String method) {
        this.method = method;
    }

    /** The login method a session row records for account sessions ({@code password}, {@code sms}). */
    public String method() {
        return method;
    }
}
