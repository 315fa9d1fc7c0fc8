package cn.huren.plugins.neimenggu;

import cn.huren.plugin.api.PluginLedger;
import cn.huren.plugin.api.PartyRegistry;
import cn.huren.plugin.api.PluginProblem;
import cn.huren.plugin.api.PluginSettings;
import cn.huren.plugin.api.RelyingPartyLoginListener;
import cn.huren.plugin.api.TenantTransactions;
import java.util.Map;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * NMG-11, NMG-12: the first authorised login to Hohhot's platform (主体登录 → 进入授权 → 确认授权 → 确认登录, the
 * relying party {@code hohhotOidcClientId}) activates the party there — only after 验证通过 in the registry (NMG-02).
 * The activation is pushed to Hohhot's API before the browser goes back with its code and recorded in
 * {@code nmg_intake} with the certificate Hohhot was given; Hohhot unreachable refuses the login and records nothing.
 * Later logins with the same key need nothing more; a new key (after CA证书解绑) is activated again.
 */
@Extension
public class HohhotActivation implements RelyingPartyLoginListener {

    static final String UNAVAILABLE_ZH = "呼和浩特平台暂时无法激活，请稍后再试";
    static final String UNAVAILABLE_EN = "Hohhot's platform cannot activate your account right now; please try again later";
    private static final Logger log = LoggerFactory.getLogger(HohhotActivation.class);

    private final PluginSettings settings;
    private final IntakeProgress progress;
    private final HohhotClient hohhot;
    private final PartyRegistry registry;
    private final TenantTransactions tx;
    private final PluginLedger ledger;
    private final JdbcClient jdbc;
    private final CaBindings bindings;
    private final Clock clock;

    HohhotActivation(PluginSettings settings, IntakeProgress progress, HohhotClient hohhot, PartyRegistry registry,
                     TenantTransactions tx, JdbcClient jdbc, CaBindings bindings, Clock clock, PluginLedger ledger) {
        this.ledger = ledger;
        this.settings = settings;
        this.progress = progress;
        this.hohhot = hohhot;
        this.registry = registry;
        this.tx = tx;
        this.jdbc = jdbc;
        this.bindings = bindings;
        this.clock = clock;
    }

    @Override
    public void loggingIn(RelyingPartyLogin login) {
        Optional<String> hohhotClient = settings.current().text(NeimengguSchema.HOHHOT_OIDC_CLIENT).filter(s -> !s.isBlank());
        if (hohhotClient.isEmpty() || !hohhotClient.get().equals(login.clientId())) {
            return; // another platform (the registry itself): nothing to activate
        }
        try {
            progress.require(login.partyId(), IntakeStep.HOHHOT);
        } catch (PluginProblem e) {
            throw new Refused("登录呼和浩特市公共资源交易平台前，须先完成自治区主体信息库入库（验证通过）。" + e.getMessage(),
                    "Complete the registry intake (validated) before logging in to Hohhot's platform. " + e.getMessage());
        }
        // NMG-13 after NMG-06: Hohhot gets the CURRENT binding's certificate, so only that key may do 主体登录 here
        CaBindings.Binding binding = bindings.current(login.partyId())
                .filter(x -> x.fingerprint().equals(login.certificateFingerprint()))
                .orElseThrow(() -> new Refused("请使用已在自治区 CA 互认系统绑定的证书登录呼和浩特平台",
                        "Log in to Hohhot's platform with the certificate bound in the CA mutual-recognition system"));
        if (binding.fingerprint().equals(activatedFingerprint(login.partyId()).orElse(null))) {
            return; // NMG-12: activated once with this key, logins need nothing more
        }
        PartyRegistry.Snapshot party = registry.snapshot(login.partyId())
                .orElseThrow(() -> new Refused("主体不存在", "no such party"));
        HohhotClient.Activation activation;
        try {
            // the first activation, or again with the new key after an unbinding (Hohhot's activation is idempotent by partyRef)
            activation = hohhot.activate(request(party, binding));
        } catch (HohhotException e) {
            log.info("Hohhot activation of party {} failed: {}", login.partyId(), e);
            throw new Refused(UNAVAILABLE_ZH, UNAVAILABLE_EN);
        }
        Instant at = activation.activatedAt() == null ? clock.instant() : activation.activatedAt();
        // the first activation's time and account stay; the fingerprint follows what Hohhot holds now
        tx.run(() -> {
            jdbc.sql("""
                        insert into nmg_intake (party_id, hohhot_activated_at, hohhot_account, hohhot_fingerprint, updated_at)
                        values (?, ?, ?, ?, ?)
                        on conflict (party_id) do update set
                          hohhot_activated_at = coalesce(nmg_intake.hohhot_activated_at, excluded.hohhot_activated_at),
                          hohhot_account = coalesce(nmg_intake.hohhot_account, excluded.hohhot_account),
                          hohhot_fingerprint = excluded.hohhot_fingerprint,
                          updated_at = excluded.updated_at""")
                .params(login.partyId(), java.sql.Timestamp.from(at), activation.account(), binding.fingerprint(),
                        java.sql.Timestamp.from(clock.instant()))
                .update();
            ledger.record("hohhot-activation", Long.toString(login.partyId()), "ACTIVATED", Map.of("account",
                    String.valueOf(activation.account()), "fingerprint", binding.fingerprint(), "at", at.toString()), "party:" + login.partyId());
        });
    }

    /** The certificate Hohhot was last activated with (empty before the first activation, or for rows before it was kept). */
    Optional<String> activatedFingerprint(long partyId) {
        return jdbc.sql("select hohhot_fingerprint from nmg_intake where party_id = ? and hohhot_activated_at is not null")
                .param(partyId).query((rs, n) -> Optional.ofNullable(rs.getString(1))).optional().flatMap(x -> x);
    }

    private HohhotClient.ActivationRequest request(PartyRegistry.Snapshot party, CaBindings.Binding bound) {
        boolean enterprise = "ENTERPRISE".equals(party.kind());
        String email = bound.email() != null && !bound.email().isBlank() ? bound.email() : party.fields().get("email");
        return new HohhotClient.ActivationRequest(SyncState.partyRef(party.partyId()), party.kind(), party.name(),
                enterprise ? null : party.identifier(), enterprise ? party.identifier() : null,
                bound.mobile() != null ? bound.mobile() : party.fields().get("contactPhone"), email,
                bound.serial(), bound.fingerprint());
    }
}
