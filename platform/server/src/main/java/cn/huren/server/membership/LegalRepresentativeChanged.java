package cn.huren.server.membership;

/**
 * APP-65: a reviewed change gave the enterprise a new legal representative; published in the decision's transaction so
 * that the enterprise's own information (ORD-06) says the same, in the same transaction.
 */
public record LegalRepresentativeChanged(long enterpriseId, String legalRepresentative, String actor) {
}
