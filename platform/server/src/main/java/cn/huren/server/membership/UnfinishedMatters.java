package cn.huren.server.membership;

import java.util.List;

/**
 * APP-62: what an enterprise still has open (未办结事项) — handovers, certificate applications,
 * changes in review. Every bean of this type is asked before the enterprise's information changes or it dissolves;
 * the change is refused with everything they answer. Each feature that keeps open matters of an enterprise adds one.
 */
public interface UnfinishedMatters {

    /** One open matter: {@code code} for programs (e.g. {@code handover-open}), {@code message} for the person. */
    record Matter(String code, String message) {
    }

    /** The enterprise's open matters; empty when none. Called in the caller's transaction and tenant. */
    List<Matter> of(long enterpriseId);
}
