package cn.huren.plugin.api;

import org.pf4j.ExtensionPoint;

/**
 * Extension point: told when a party, having consented, is about to be sent back to a relying party with an
 * authorization code (each login through the portal's OpenID Connect provider, remembered consent included), on
 * the browser's request thread and outside any transaction. Throwing {@link Refused} stops the login there: the
 * browser sees the message on the portal, the platform gets no code.
 */
public interface RelyingPartyLoginListener extends ExtensionPoint {

    void loggingIn(RelyingPartyLogin login);

    /** @param firstTime whether the party had never authorised this platform before this consent */
    record RelyingPartyLogin(String clientId, String clientName, long partyId, String certificateFingerprint, boolean firstTime) {
    }

    class Refused extends RuntimeException {

        private final String messageEn;

        public Refused(String messageZh, String messageEn) {
            super(messageZh);
            this.messageEn = messageEn;
        }

        public String messageZh() {
            return getMessage();
        }

        public String messageEn() {
            return messageEn;
        }
    }
}
