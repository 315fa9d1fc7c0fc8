package cn.huren.plugins.neimenggu;

import cn.huren.plugin.api.PluginLedger;
import cn.huren.plugin.api.CurrentTenant;
import cn.huren.plugin.api.DocumentSeals;
import cn.huren.plugin.api.PartyRegistry;
import cn.huren.plugin.api.PluginProblem;
import cn.huren.plugin.api.PresentedCertificate;
import cn.huren.plugin.api.TenantTransactions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * NMG-15, X-09: the 诚信承诺书 and 平台使用告知书 of a party, rendered from the plugin's templates with the party's name and
 * ID as the registry holds them — the same party gives the same bytes, so a seal stays valid until the name or ID
 * changes (then the document is new and shows 未签章 until sealed again). A seal is a detached CMS the host verifies
 * ({@link DocumentSeals}); every seal is kept.
 */
@Component
class PledgeAndNotice {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(name|identifier|region|platform|registry)}");
    static final String PLATFORM = "呼和浩特市公共资源交易平台";
    static final String REGISTRY = "自治区公共资源交易主体信息库";

    /** A document's state for a party: sealed over exactly its current bytes, or not (with the outdated seal if any). */
    record State(SealedDocument document, String sha256, boolean sealed, Seal seal, boolean outdated) {
    }

    record Seal(String signerName, String signerIdentifier, String serial, String issuer, String fingerprint,
                String contentSha256, Instant signedAt, Instant sealedAt) {
    }

    private final PartyRegistry registry;
    private final DocumentSeals seals;
    private final TenantTransactions tx;
    private final PluginLedger ledger;
    private final JdbcClient jdbc;
    private final CurrentTenant tenant;
    private final Clock clock;

    PledgeAndNotice(PartyRegistry registry, DocumentSeals seals, TenantTransactions tx, JdbcClient jdbc, CurrentTenant tenant,
                   Clock clock, PluginLedger ledger) {
        this.ledger = ledger;
        this.registry = registry;
        this.seals = seals;
        this.tx = tx;
        this.jdbc = jdbc;
        this.tenant = tenant;
        this.clock = clock;
    }

    /** The document's UTF-8 bytes for the party: deterministic (no date, no counter). */
    byte[] render(long partyId, SealedDocument document) {
        return render(registry.snapshot(partyId)
                .orElseThrow(() -> new PluginProblem(404, "party-unknown", "主体不存在 / no such party")), document);
    }

    /** The document's bytes for this snapshot of the party (the integrity sync checks seals on the snapshot it sends). */
    byte[] render(PartyRegistry.Snapshot party, SealedDocument document) {
        Map<String, String> values = Map.of("name", party.name(),
                "identifier", party.identifier() == null ? "" : party.identifier(),
                "region", tenant.require().nameZh(), "platform", PLATFORM, "registry", REGISTRY);
        return fill(template(document), values).getBytes(StandardCharsets.UTF_8);
    }

    /** One pass over the template: a value containing a placeholder (a name "{identifier}") stays as it is. */
    static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Whether both documents are sealed over the bytes rendered from this snapshot; the unsealed ones, in order. */
    List<SealedDocument> unsealed(PartyRegistry.Snapshot party) {
        return java.util.stream.Stream.of(SealedDocument.PLEDGE, SealedDocument.NOTICE)
                .filter(d -> !state(party.partyId(), d, sha256(render(party, d))).sealed()).toList();
    }

    State state(long partyId, SealedDocument document) {
        return state(partyId, document, sha256(render(partyId, document)));
    }

    private State state(long partyId, SealedDocument document, String sha) {
        Optional<Seal> last = jdbc.sql("""
                        select signer_name, signer_identifier, serial, issuer, fingerprint, content_sha256, signed_at, sealed_at
                        from nmg_document_seal where party_id = ? and document = ? order by id desc limit 1""")
                .params(partyId, document.name())
                .query((rs, n) -> new Seal(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant()))
                .optional();
        boolean sealed = last.map(s -> s.contentSha256().equals(sha)).orElse(false);
        return new State(document, sha, sealed, last.orElse(null), last.isPresent() && !sealed);
    }

    List<State> states(long partyId) {
        return List.of(state(partyId, SealedDocument.PLEDGE), state(partyId, SealedDocument.NOTICE));
    }

    /** The documents not sealed over their current bytes, in order. */
    List<SealedDocument> unsealed(long partyId) {
        return states(partyId).stream().filter(s -> !s.sealed()).map(State::document).toList();
    }

    /**
     * Verifies the detached CMS over the document's current bytes (signer: a certificate of this party the tenant
     * trusts) and keeps it. Refusals are the host's {@code SealException}s; nothing is stored then.
     */
    State seal(long partyId, SealedDocument document, byte[] detachedCms) {
        if (detachedCms == null || detachedCms.length == 0) {
            throw new PluginProblem(400, "signature-missing", "请上传签章文件（.p7s，分离式 CMS 签名） / upload the detached CMS signature",
                    List.of(new PluginProblem.FieldProblem("signature", "required")));
        }
        byte[] bytes = render(partyId, document);
        DocumentSeals.Seal seal = seals.verify(partyId, bytes, detachedCms);
        PresentedCertificate c = seal.certificate();
        Instant now = clock.instant();
        tx.run(() -> {
            jdbc.sql("""
                        insert into nmg_document_seal (party_id, document, content_sha256, signature, signer_name, signer_identifier,
                          serial, issuer, fingerprint, signed_at, sealed_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(partyId, document.name(), sha256(bytes), detachedCms, seal.signerName(), seal.signerIdentifier(),
                        c.serial(), c.issuer(), c.fingerprint(),
                        java.sql.Timestamp.from(seal.signedAt() == null ? now : seal.signedAt()), java.sql.Timestamp.from(now))
                .update();
            ledger.record("document-seal", partyId + ":" + document.code, "SEALED", Map.of("contentSha256", sha256(bytes),
                    "serial", c.serial(), "issuer", c.issuer(), "signer", seal.signerName()), "party:" + partyId);
        });
        return state(partyId, document);
    }

    private static String template(SealedDocument document) {
        try (InputStream in = PledgeAndNotice.class.getResourceAsStream("/huren-plugin/neimenggu/documents/" + document.code + ".txt")) {
            if (in == null) {
                throw new IllegalStateException("template of " + document + " missing from the plugin jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
