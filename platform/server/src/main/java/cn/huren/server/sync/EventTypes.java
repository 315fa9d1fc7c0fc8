package cn.huren.server.sync;

import cn.huren.plugin.api.CoreEventTypes;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The event types the core publishes (named once, in the plugin API's {@link CoreEventTypes}, so that
 * plugins compile against the same names), and how a client's subscription names them: a type, a
 * namespace ({@code track-record.*}, {@code jiangsu.*} for a plugin's regional events) or {@code *}.
 */
public final class EventTypes {

    public static final String PARTY_CHANGED = CoreEventTypes.PARTY_CHANGED;
    public static final String RECORD_SUBMITTED = CoreEventTypes.RECORD_SUBMITTED;
    public static final String RECORD_VOIDED = CoreEventTypes.RECORD_VOIDED;
    public static final String TRACK_RECORD_CREATED = CoreEventTypes.TRACK_RECORD_CREATED;
    public static final String TRACK_RECORD_VOIDED = CoreEventTypes.TRACK_RECORD_VOIDED;
    /** JS-46: a trading system reported a use; the data carries the new use count. */
    public static final String TRACK_RECORD_USED = CoreEventTypes.TRACK_RECORD_USED;
    public static final String CERTIFICATE_REVOKED = CoreEventTypes.CERTIFICATE_REVOKED;
    /** Published by delegation (a later feature); subscribable now so that clients need not change. */
    public static final String DELEGATION_CHANGED = CoreEventTypes.DELEGATION_CHANGED;

    public static final List<String> CORE = CoreEventTypes.ALL;

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
