package cn.huren.server.registry;

/** JS-23, JS-40: enterprise (all works but transport and water), transport (交通) and water (水利) boards. */
public enum ProjectBoard { ENTERPRISE, TRANSPORT, WATER }
