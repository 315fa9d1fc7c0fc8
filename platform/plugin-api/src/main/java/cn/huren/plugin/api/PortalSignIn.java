package cn.huren.plugin.api;

/**
 * Host service: ends an external login (a redirect flow a plugin runs, such as 苏服办) in the browser
 * whose request is being handled. Call it from that request's thread only.
 */
public interface PortalSignIn {

    /**
     * Registers the person as a natural-person party if new (matched by resident ID afterwards),
     * signs this browser in with a fresh session id, and returns the portal path to redirect to
     * next. An identity the host cannot accept (e.g. an invalid ID number) signs nobody in and
     * answers like {@link #refused}, naming what was wrong.
     */
    String signIn(VerifiedPerson person);

    /**
     * Signs nobody in and changes nothing; returns the path of the login page, which shows the
     * message once to this browser (in the page's language).
     */
    String refused(String messageZh, String messageEn);
}
