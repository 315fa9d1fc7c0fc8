package cn.huren.server.notice;

import java.util.Set;

/**
 * Who receives a party's notices. Every bean of this type is asked and the answers are joined; the core's is
 * {@code PersonAccountRecipients} (the person's own account), and memberships add those who act for an enterprise.
 */
public interface NoticeRecipients {

    /** Ids of active accounts of the current tenant that receive the notices of {@code partyId}. */
    Set<Long> accountsOf(long partyId);
}
