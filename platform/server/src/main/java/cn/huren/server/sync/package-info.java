/**
 * The transactional outbox: core events for trading systems and plugins, their dispatch and webhook delivery.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"operator", "support", "tenancy"})
package cn.huren.server.sync;
