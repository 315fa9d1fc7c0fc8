package cn.huren.server.sync;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The event types the core publishes, and how a client's subscription names them: a type, a
 * namespace ({@code track-record.*}, {@code jiangsu.*} for a plugin's regional events) or {@code *}.
 */
public final class EventTypes {

    public static final String PARTY_CHANGED = "party.changed";
    public static final String RECORD_SUBMITTED = "record.submitted";
    public static final String RECORD_VOIDED = "record.voided";
    public static final String TRACK_RECORD_CREATED = "track-record.created";
    public static final String TRACK_RECORD_VOIDED = "track-record.voided";
    /** JS-46: a trading system reported a use; the data carries the new use count. */
    public static final String TRACK_RECORD_USED = "track-record.used";
    public static final String CERTIFICATE_REVOKED = "certificate.revoked";
    /** Published by delegation (a later feature); subscribable now so that clients need not change. */
    public static final String DELEGATION_CHANGED = "delegation.changed";

    public static final List<String> CORE = List.of(PARTY_CHANGED, RECORD_SUBMITTED, RECORD_VOIDED, TRACK_RECORD_CREATED,
            TRACK_RECORD_VOIDED, TRACK_RECORD_USED, CERTIFICATE_REVOKED, DELEGATION_CHANGED);

    private static final String SEGMENT = "[a-z][a-z0-9-]{0,40}";
    private static final Pattern TYPE = Pattern.compile(SEGMENT + "(\\." + SEGMENT + ")+");
    private static final Pattern NAMESPACE = Pattern.compile(SEGMENT + "\\.\\*");

    private EventTypes() {
    }

    /** namespace.name[.more], lower case: what {@link Outbox#publish} accepts. */
    public static boolean isType(String type) {
        return type != null && type.length() <= 100 && TYPE.matcher(type).matches();
    }

    /** What a subscription may list: a type, {@code namespace.*} or {@code *}. */
    public static boolean isPattern(String pattern) {
        return "*".equals(pattern) || isType(pattern) || (pattern != null && NAMESPACE.matcher(pattern).matches());
    }

    public static boolean matches(String pattern, String type) {
        if (pattern.equals("*") || pattern.equals(type)) {
            return true;
        }
        return pattern.endsWith(".*") && type.startsWith(pattern.substring(0, pattern.length() - 1));
    }
}
