package cn.huren.plugins.jiangsu;

import cn.huren.plugin.api.RecognisedCaPresets;
import cn.huren.plugin.api.TenantInfo;
import java.util.List;
import org.pf4j.Extension;

/**
 * CA mutual recognition in Jiangsu (JS-03, CA 互认): besides the core's CAs, certificates of the
 * province's CAs and CFCA are recognised, each CA writing the holder's identifier into its own
 * private OID. The demo stands in for each with its own demo CA.
 */
@Extension
public class JiangsuCas implements RecognisedCaPresets {

    @Override
    public List<CaPreset> recognisedCas(TenantInfo tenant) {
        return List.of(
                new CaPreset("jssk", "江苏数科CA", "SM2", "1.2.156.10260.4.1.1"),
                new CaPreset("gxca", "国信CA", "SM2", "1.2.86.11.7.1"),
                new CaPreset("cfca", "CFCA", "RSA", "1.2.156.112562.2.1.1.1"));
    }
}
