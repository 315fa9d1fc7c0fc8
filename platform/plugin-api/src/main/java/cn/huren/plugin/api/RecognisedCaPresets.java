package cn.huren.plugin.api;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * Extension point (certificate trust, CA mutual recognition): the CAs a region's tenants recognise
 * besides the core's, each with where it writes the holder's identifier. In demo mode the host
 * stands in for each with a demo CA of its own (own keys, own identity OID), trusted by the tenant;
 * in production operators upload the real CAs' certificates with the same identity mapping.
 */
public interface RecognisedCaPresets extends ExtensionPoint {

    List<CaPreset> recognisedCas(TenantInfo tenant);

    /**
     * @param id          short, lower case, unique within the tenant (e.g. {@code cfca}); names the preset in enrollment
     * @param name        as users see it, e.g. 江苏数科CA
     * @param algorithm   {@code SM2}, {@code RSA} or {@code EC} (P-256): the keys the CA certifies
     * @param identityOid the CA-private extension OID holding the USCC or ID number (they differ between CAs)
     */
    record CaPreset(String id, String name, String algorithm, String identityOid) {
    }
}
