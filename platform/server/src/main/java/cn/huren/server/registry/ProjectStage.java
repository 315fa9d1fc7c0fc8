package cn.huren.server.registry;

/** 项目在建 / 项目竣工. */
public enum ProjectStage { UNDER_CONSTRUCTION, COMPLETED }
