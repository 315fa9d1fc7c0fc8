/**
 * The built-in demo CA (demo mode only): per tenant an SM2 and an RSA root, each with an issuing
 * CA, keys sealed by the master key; enrollment from a PKCS#10 CSR, revocation, CRLs served over
 * HTTP; trusted by its tenant like any uploaded CA. It is the core's {@code CaConnector}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
        "binding", "certificate", "operator", "party", "plugins", "support", "tenancy"
})
package cn.huren.server.democa;
