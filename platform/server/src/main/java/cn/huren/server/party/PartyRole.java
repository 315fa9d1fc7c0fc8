package cn.huren.server.party;

/** JS-01: the roles a party acts in: 招标人, 招标代理机构, 投标人. */
public enum PartyRole { TENDERER, AGENCY, BIDDER }
