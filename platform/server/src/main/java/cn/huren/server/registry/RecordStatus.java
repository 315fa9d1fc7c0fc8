package cn.huren.server.registry;

/** 编辑中 → 提交成功 → 作废. Only SUBMITTED records are usable in bidding. */
public enum RecordStatus { DRAFT, SUBMITTED, VOIDED }
