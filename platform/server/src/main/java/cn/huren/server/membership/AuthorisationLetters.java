package cn.huren.server.membership;

import cn.huren.server.party.Attachments;
import cn.huren.server.party.IdentityDocument;
import cn.huren.server.party.InvalidIdentifierException;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.party.PartyView;
import cn.huren.server.party.Uscc;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.support.ApiException;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.web.util.HtmlUtils;

/**
 * the sealed authorisation letter (授权书) every act for an enterprise needs — claim, bank transfer, handover
 * without a certificate, appeal, enterprise change. The person downloads the template filled in for the act
 * ({@link #template}), prints it, has it sealed, and uploads a photo or PDF of it ({@link #upload}: kept as an attachment
 * of the person's own party, its type read from the content); the act then names the upload ({@link #require}), and
 * the reviewer reads it from there.
 */
@Service
public class AuthorisationLetters {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final Attachments attachments;
    private final PartyRegistration parties;
    private final Clock clock;

    AuthorisationLetters(Attachments attachments, PartyRegistration parties, Clock clock) {
        this.attachments = attachments;
        this.parties = parties;
        this.clock = clock;
    }

    /** Keeps an uploaded letter (PDF, JPEG or PNG; 413/415 otherwise) for the verified person of {@code me}. */
    public Attachments.AttachmentView upload(PartyAccess me, String fileName, byte[] content) {
        Memberships.requireVerifiedAccount(me);
        return attachments.store(me.partyId(), fileName, content);
    }

    /** The person's own uploaded letter {@code id}; a field error on {@code field} when it is missing or someone else's. */
    public Attachments.AttachmentView require(PartyAccess me, UUID id, String field) {
        Memberships.requireVerifiedAccount(me);
        if (id == null) {
            throw ApiException.invalid(List.of(new ApiException.FieldError(field,
                    "upload the sealed authorisation letter first (POST …/me/letters) and name it here", "letter-required")));
        }
        return attachments.find(me.partyId(), id).orElseThrow(() -> ApiException.invalid(List.of(new ApiException.FieldError(field,
                "no letter " + id + " uploaded by you", "letter-not-found"))));
    }

    /**
     * The printable template for {@code purpose}, filled with the enterprise (name and USCC as the person typed them:
     * checked, escaped) and the verified person (name, masked document), dated today (China time).
     */
    public String template(PartyAccess me, LetterPurpose purpose, String enterpriseName, String uscc) {
        Memberships.requireVerifiedAccount(me);
        String name = enterpriseName == null ? "" : enterpriseName.strip();
        if (name.isEmpty() || name.length() > 200) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("enterpriseName", "the enterprise's full name (企业全称), 1 to 200 characters")));
        }
        String code;
        try {
            code = Uscc.parse(uscc).value();
        } catch (InvalidIdentifierException ex) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("uscc", ex.getMessage(), "uscc")));
        }
        PartyView person = parties.require(me.partyId());
        String date = DateTimeFormatter.ofPattern("yyyy年M月d日").format(clock.instant().atZone(CHINA));
        String e = HtmlUtils.htmlEscape(name);
        String p = HtmlUtils.htmlEscape(person.name());
        String id = HtmlUtils.htmlEscape(IdentityDocument.mask(person.identifier()));
        return """
                <!DOCTYPE html>
                <html lang="zh-CN"><head><meta charset="utf-8"><title>授权书 · %1$s</title>
                <style>body{font-family:serif;max-width:40em;margin:3em auto;line-height:2;font-size:16px}
                h1{text-align:center;letter-spacing:.5em}.seal{margin-top:4em;text-align:right}
                @media print{body{margin:2cm}}</style></head>
                <body>
                <h1>授权书</h1>
                <p>兹授权 <strong>%2$s</strong>（证件号码：%3$s）代表 <strong>%4$s</strong>（统一社会信用代码：%5$s）
                办理 <strong>%1$s</strong> 事项，其在办理过程中所签署的文件和处理的相关事务，本单位均予以承认，并承担相应的法律责任。</p>
                <p>This letter authorises %2$s to %6$s on behalf of %4$s (USCC %5$s).</p>
                <p class="seal">单位（盖章）：＿＿＿＿＿＿＿＿<br>法定代表人（签字）：＿＿＿＿＿＿<br>%7$s</p>
                </body></html>
                """.formatted(purpose.zh(), p, id, e, HtmlUtils.htmlEscape(code), purpose.en(), date);
    }
}
