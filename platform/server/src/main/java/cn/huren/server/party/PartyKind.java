package cn.huren.server.party;

/** 经营主体: an enterprise (legal person or other organisation, by USCC) or a natural person (by ID number). */
public enum PartyKind { ENTERPRISE, NATURAL_PERSON }
