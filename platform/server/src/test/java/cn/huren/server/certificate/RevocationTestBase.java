package cn.huren.server.certificate;

import cn.huren.server.tenancy.TenantDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The revocation tests' common ground: a tenant of their own and a {@link RevocationFixture} around it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RevocationTestBase {

    @LocalServerPort
    int port;

    @Autowired
    CertificateVerifier verifier;

    @Autowired
    TenantDirectory tenants;

    RevocationFixture fixture;

    /** The code of the tenant the test class creates. */
    abstract String tenant();

    @BeforeAll
    void startFixture() {
        fixture = new RevocationFixture(port, tenant(), verifier, tenants);
    }

    @AfterAll
    void stopFixture() {
        fixture.stop();
    }
}
