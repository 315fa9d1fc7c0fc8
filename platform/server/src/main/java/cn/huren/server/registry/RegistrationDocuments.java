package cn.huren.server.registry;

import cn.huren.server.support.Hashes;
import cn.huren.server.certificate.VerifiedCertificate;
import cn.huren.server.ledger.ChangeLedger;
import cn.huren.server.party.Attachments;
import cn.huren.server.party.PartyKind;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.party.PartyView;
import cn.huren.server.support.ApiException;
import cn.huren.server.support.TextInput;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantData;
import cn.huren.server.tenancy.TenantDescriptor;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * JS-08, X-09: an enterprise's registration is complete with its basic information, its business
 * licence and legal representative's attachments, and the commitment letter (承诺书) signed online
 * with one of its own certificates: a detached CMS signature over the letter's exact bytes, checked
 * like any certificate use of this tenant (JS-82–JS-85: then the letter shows 已签章). A person
 * needs basic information and the letter.
 */
@Service
public class RegistrationDocuments {

    public enum Role { BUSINESS_LICENCE, LEGAL_REPRESENTATIVE, COMMITMENT_LETTER }

    /** What is done and what is missing. */
    public record Status(boolean basicInfo, Map<Role, Boolean> documents, String commitmentSigner, boolean complete) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PartyRegistration parties;
    private final Attachments attachments;
    private final PartySeals seals;
    private final ChangeLedger ledger;

    RegistrationDocuments(TenantData data, TransactionTemplate tx, PartyRegistration parties, Attachments attachments,
                          PartySeals seals, ChangeLedger ledger) {
        this.jdbc = data.jdbc();
        this.tx = tx;
        this.parties = parties;
        this.attachments = attachments;
        this.seals = seals;
        this.ledger = ledger;
    }

    /** The letter exactly as it is signed: the same bytes every time for the same party on the same portal. */
    public byte[] commitmentLetter(long partyId) {
        PartyView party = parties.require(partyId);
        TenantDescriptor tenant = TenantContext.require();
        return ("""
                承诺书 / Letter of commitment
                
                %s（%s）向%s公共资源交易平台郑重承诺：
                一、在主体信息库中填报和上传的全部信息真实、准确、完整、有效；
                二、信息发生变化时及时维护，因信息不实造成的后果由本主体承担；
                三、妥善保管数字证书及其密码，使用本主体数字证书所做的操作均视为本主体的行为。
                
                承诺主体：%s
                证件号码：%s
                """).formatted(party.name(), party.identifier(), tenant.nameZh(), party.name(), party.identifier())
                .getBytes(StandardCharsets.UTF_8);
    }

    /** JS-08: the business licence or the legal representative's attachment (an attachment of the party). */
    public Status attach(long partyId, Role role, UUID attachmentId, String actor) {
        if (role == Role.COMMITMENT_LETTER) {
            throw ApiException.badRequest("commitment-letter-signed-online", "the commitment letter is signed online, not uploaded");
        }
        Attachments.AttachmentView file = attachmentId == null ? null : attachments.find(partyId, attachmentId).orElse(null);
        if (file == null) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("attachment", "an attachment of this party is required")));
        }
        tx.executeWithoutResult(s -> {
            store(partyId, role, file.id(), null, file.sha256(), null, null);
            ledger.append(actor, "registration", partyId + "/" + role, "ATTACH", Map.of("attachment", file.id().toString(),
                    "sha256", file.sha256(), "fileName", file.fileName()));
        });
        return status(partyId);
    }

    /** JS-85, X-09: a valid detached CMS signature over the letter by a certificate of this party, trusted here. */
    public Status signCommitmentLetter(long partyId, byte[] cms, String actor) {
        byte[] letter = commitmentLetter(partyId);
        VerifiedCertificate signer = seals.verify(partyId, letter, cms).signer();
        String digest = Hashes.sha256Hex(letter);
        tx.executeWithoutResult(s -> {
            store(partyId, Role.COMMITMENT_LETTER, null, cms, digest, signer.serialNumber(), signer.issuer());
            ledger.append(actor, "registration", partyId + "/" + Role.COMMITMENT_LETTER, "SIGN", Map.of("letterSha256", digest,
                    "signerSerial", signer.serialNumber(), "signerIssuer", signer.issuer(), "signatureSha256", Hashes.sha256Hex(cms)));
        });
        return status(partyId);
    }

    public Status status(long partyId) {
        PartyView party = parties.require(partyId);
        Map<Role, Boolean> documents = new EnumMap<>(Role.class);
        String[] signer = new String[1];
        tx.executeWithoutResult(s -> jdbc.sql("select role, signer_serial from registration_document where party_id = ?").param(partyId)
                .query((rs, n) -> {
                    documents.put(Role.valueOf(rs.getString(1)), true);
                    if (rs.getString(2) != null) {
                        signer[0] = rs.getString(2);
                    }
                    return null;
                }).list());
        List<Role> needed = party.kind() == PartyKind.ENTERPRISE ? List.of(Role.values()) : List.of(Role.COMMITMENT_LETTER);
        needed.forEach(r -> documents.putIfAbsent(r, false));
        boolean complete = party.basicInfoComplete() && needed.stream().allMatch(documents::get);
        return new Status(party.basicInfoComplete(), documents, signer[0], complete);
    }

    private void store(long partyId, Role role, UUID attachment, byte[] signature, String sha256, String serial, String issuer) {
        jdbc.sql("""
                insert into registration_document (party_id, role, attachment_id, signature, content_sha256, signer_serial, signer_issuer, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, now())
                on conflict (party_id, role) do update set attachment_id = excluded.attachment_id, signature = excluded.signature,
                  content_sha256 = excluded.content_sha256, signer_serial = excluded.signer_serial,
                  signer_issuer = excluded.signer_issuer, updated_at = now()""")
                .params(partyId, role.name(), attachment, signature, sha256, serial, TextInput.storable(issuer, 1000)).update();
    }
}
