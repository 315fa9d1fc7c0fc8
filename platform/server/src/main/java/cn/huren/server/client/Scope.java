package cn.huren.server.client;

import java.util.Arrays;
import java.util.Optional;

/** What an API client may do; every v1 endpoint names the one scope it needs ({@link RequiresScope}). */
enum Scope {

    /** Parties, their records usable in bidding, track records with use counts. */
    REGISTRY_READ("registry:read"),
    /** Report that a track record was used in a bidding (JS-46). */
    TRACK_RECORDS_USE("track-records:use"),
    /** Push on-platform projects and their updates (JS-24). */
    PROJECTS_WRITE("projects:write"),
    /** Status of a bound certificate by serial and issuer. */
    CERTIFICATES_READ("certificates:read"),
    /** Receive sync events at the webhook (subscriptions need it) and read back one delivered to this client. */
    EVENTS_READ("events:read");

    private final String code;

    Scope(String code) {
        this.code = code;
    }

    String code() {
        return code;
    }

    String authority() {
        return "SCOPE_" + code;
    }

    static Optional<Scope> byCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
}
