/**
 * Platform operators: accounts (Argon2), their sign-in and throttle, the operator and platform security chain,
 * the operation log.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"support"})
package cn.huren.server.operator;
