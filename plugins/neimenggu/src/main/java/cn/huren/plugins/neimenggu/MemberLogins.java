package cn.huren.plugins.neimenggu;

import cn.huren.plugin.api.PluginProblem;
import java.util.Base64;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * NMG-13: Hohhot's member client lets a key in when its certificate is bound here (an ACTIVE {@code nmg_ca_binding}
 * of that fingerprint) and its party was activated at Hohhot (NMG-12). Hohhot checks the key's signature over its
 * own nonce itself; we only say whether this certificate may log in. The sandbox calls {@link #check} in-process,
 * Hohhot over {@link MemberLoginController}.
 */
@Component
class MemberLogins {

    record Answer(boolean allowed, String reason, String reasonZh, String reasonEn) {
    }

    private final JdbcClient jdbc;

    MemberLogins(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Answer check(String certificatePem) {
        String fingerprint = fingerprint(certificatePem);
        List<Boolean> bound = jdbc.sql("""
                        select i.hohhot_activated_at is not null from nmg_ca_binding b
                        left join nmg_intake i on i.party_id = b.party_id
                        where b.fingerprint = ? and b.status = 'ACTIVE'""")
                .param(fingerprint).query(Boolean.class).list();
        if (bound.isEmpty()) {
            return new Answer(false, "certificate-not-bound", "该证书未在自治区 CA 互认系统绑定（或已解绑）",
                    "this certificate is not bound in the CA mutual-recognition system (or was unbound)");
        }
        if (!Boolean.TRUE.equals(bound.get(0))) {
            return new Answer(false, "hohhot-not-activated", "尚未激活呼和浩特平台：请先通过主体登录授权登录呼和浩特平台一次",
                    "not activated at Hohhot yet: log in to Hohhot once through 主体登录 first");
        }
        return new Answer(true, "allowed", "允许登录", "allowed");
    }

    /** SHA-256 of the certificate's DER (as nmg_ca_binding keeps it), from PEM or bare base64. */
    static String fingerprint(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new PluginProblem(400, "certificate-missing", "缺少证书（PEM） / the certificate (PEM) is required",
                    List.of(new PluginProblem.FieldProblem("certificate", "required")));
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----(BEGIN|END) CERTIFICATE-----", "").strip());
            if (der.length < 100) {
                throw new IllegalArgumentException("too short");
            }
            return PartyDocuments.sha256(der);
        } catch (IllegalArgumentException e) {
            throw new PluginProblem(400, "certificate-malformed", "证书格式不正确（应为 PEM） / the certificate is not PEM",
                    List.of(new PluginProblem.FieldProblem("certificate", "PEM of an X.509 certificate")));
        }
    }
}
