package cn.huren.plugin.api;

/**
 * Host service: puts a notice in the notice centre of accounts of the current tenant (the portal shows them with
 * an unread count). Joins the caller's transaction when there is one, so a notice and the change it tells of
 * commit together.
 */
public interface NoticeSender {

    /**
     * To one account.
     *
     * @return the notice's id
     * @throws IllegalArgumentException when the tenant has no active account with this id
     */
    long toAccount(long accountId, Notice notice);

    /**
     * To everyone who receives a party's notices: the person's own account for a natural person (later also those
     * who act for an enterprise). A party nobody receives for gets nothing.
     *
     * @return how many accounts got the notice
     */
    int toParty(long partyId, Notice notice);
}
