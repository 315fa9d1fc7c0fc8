package cn.huren.server.client;

import java.util.Set;

/** The API client a signed request speaks for: one client of one tenant. */
record ClientPrincipal(String tenant, String clientId, String name, Set<Scope> scopes) {

    /** How the client appears on the ledger and in logs. */
    String actor() {
        return "client:" + clientId;
    }

    @Override
    public String toString() {
        return actor();
    }
}
