package cn.huren.server.party;

import cn.huren.server.support.ApiException;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/**
 * The version of a party, record or project its client last read: an HTTP {@code If-Match}, or a
 * portal form's hidden {@code version}. A service checks it against the entity it loaded, in the
 * transaction that changes it; JPA's {@code @Version} then guards the write against a racing one.
 * {@link #ANY} (no If-Match) changes whatever version is current.
 */
public final class ExpectedVersion {

    public static final ExpectedVersion ANY = new ExpectedVersion(null);

    /** Our tags are {@code "v<version>"}; W/ is accepted because proxies that compress a response weaken tags. */
    private static final Pattern TAG = Pattern.compile("(?:W/)?\"v(\\d{1,9})\"");

    /** null: any version; empty: none can match (the client sent only tags that are not ours). */
    private final Set<Integer> versions;

    private ExpectedVersion(Set<Integer> versions) {
        this.versions = versions;
    }

    /** The ETag of a version, as GETs and changes return it. */
    public static String etag(int version) {
        return "\"v" + version + "\"";
    }

    /** An If-Match header: absent or {@code *} (the resource exists, which loading it shows) is {@link #ANY}. */
    public static ExpectedVersion ifMatch(String header) {
        if (header == null || header.isBlank()) {
            return ANY;
        }
        Set<Integer> versions = new HashSet<>();
        for (String tag : header.split(",")) {
            if (tag.strip().equals("*")) {
                return ANY;
            }
            Matcher m = TAG.matcher(tag.strip());
            if (m.matches()) {
                versions.add(Integer.valueOf(m.group(1)));
            }
        }
        return new ExpectedVersion(versions);
    }

    /** A form's hidden version field; a form without one (a page from before versions) is {@link #ANY}. */
    public static ExpectedVersion form(String value) {
        if (value == null || value.isBlank()) {
            return ANY;
        }
        return value.strip().matches("\\d{1,9}") ? new ExpectedVersion(Set.of(Integer.valueOf(value.strip())))
                : new ExpectedVersion(Set.of());
    }

    /** Refuses (412 version-mismatch) when {@code what} is no longer at an expected version. */
    public void check(int current, String what) {
        if (versions != null && !versions.contains(current)) {
            throw new ApiException(HttpStatus.PRECONDITION_FAILED, "version-mismatch", what
                    + " was changed by someone else since you read it: its current version is " + current + " (ETag "
                    + etag(current) + "); reload it and make your change again");
        }
    }
}
