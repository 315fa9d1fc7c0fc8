package cn.huren.plugins.neimenggu;

import cn.huren.plugin.api.PluginProblem;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * NMG-13: Hohhot's member client lets a key in when its certificate is bound here ({@link CaBindings#currentByFingerprint}: the
 * plugin's row and the core's binding, not expired) and its party was activated at Hohhot (NMG-12). Hohhot checks the key's signature over its
 * own nonce itself; we only say whether this certificate may log in. The sandbox calls {@link #check} in-process,
 * Hohhot over {@link MemberLoginController}.
 */
@Component
class MemberLogins {

    record Answer(boolean allowed, String reason, String reasonZh, String reasonEn) {
    }

    private final JdbcClient jdbc;
    private final CaBindings bindings;

    MemberLogins(JdbcClient jdbc, CaBindings bindings) {
        this.jdbc = jdbc;
        this.bindings = bindings;
    }

    Answer check(String certificatePem) {
        String fingerprint = fingerprint(certificatePem);
        // bound means bound in the core too: a certificate the core voided, revoked or that expired is refused
        Optional<CaBindings.Binding> binding = bindings.currentByFingerprint(fingerprint);
        if (binding.isEmpty()) {
            return new Answer(false, "certificate-not-bound", "该证书未在自治区 CA 互认系统绑定（或已解绑、已吊销、已过期）",
                    "this certificate is not bound in the CA mutual-recognition system (or was unbound, revoked or expired)");
        }
        // activated for THIS key: after an unbinding and a new key, the next 主体登录 re-activates (HohhotActivation)
        List<Boolean> bound = jdbc.sql("""
                        select hohhot_activated_at is not null
                               and (hohhot_fingerprint is null or hohhot_fingerprint = ?) from nmg_intake where party_id = ?""")
                .params(fingerprint, binding.get().partyId()).query(Boolean.class).list();
        if (bound.isEmpty() || !Boolean.TRUE.equals(bound.get(0))) {
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
            return PledgeAndNotice.sha256(der);
        } catch (IllegalArgumentException e) {
            throw new PluginProblem(400, "certificate-malformed", "证书格式不正确（应为 PEM） / the certificate is not PEM",
                    List.of(new PluginProblem.FieldProblem("certificate", "PEM of an X.509 certificate")));
        }
    }
}
