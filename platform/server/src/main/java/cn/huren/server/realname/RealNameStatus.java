package cn.huren.server.realname;

/**
 * An account's real-name status (APP-06): verified and by whom, or not yet, and how many attempts are left in the
 * current 24 hours.
 *
 * @param person null until verified
 */
public record RealNameStatus(boolean verified, VerifiedPerson person, int attemptsLeft, int attemptsPerDay) {
}
