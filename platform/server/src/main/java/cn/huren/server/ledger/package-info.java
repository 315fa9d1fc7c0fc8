/**
 * The tenant's hash-chained change ledger, signed Merkle checkpoints and inclusion proofs.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"support", "tenancy"})
package cn.huren.server.ledger;
