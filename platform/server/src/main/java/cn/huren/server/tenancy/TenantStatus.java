package cn.huren.server.tenancy;

/** PROVISIONING exists only while onboarding runs; it is never listed nor served. */
public enum TenantStatus { PROVISIONING, ACTIVE, SUSPENDED }
