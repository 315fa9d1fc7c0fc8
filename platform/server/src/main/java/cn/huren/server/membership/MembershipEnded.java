package cn.huren.server.membership;

/**
 * Published by {@link Memberships#end} inside the ending transaction (listen with a plain {@code @EventListener}, which
 * runs in it): what hangs on a membership (department places, …) goes with it, or the end is rolled back.
 *
 * @param status LEFT, REMOVED or DISSOLVED
 */
public record MembershipEnded(long membershipId, long enterpriseId, long accountId, String status, String actor) {
}
