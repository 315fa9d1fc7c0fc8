package cn.huren.server.registry;

/** 正常 / 作废: only NORMAL track records are usable in bidding (JS-42). */
public enum TrackRecordStatus { NORMAL, VOIDED }
