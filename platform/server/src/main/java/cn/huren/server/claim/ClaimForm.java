package cn.huren.server.claim;

import cn.huren.server.certificate.TrustedCas;
import cn.huren.server.membership.AuthorisationLetters;
import cn.huren.server.party.Attachments;
import cn.huren.server.party.IdentityDocument;
import cn.huren.server.party.InvalidIdentifierException;
import cn.huren.server.party.Uscc;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.support.ApiException;
import cn.huren.server.support.ApiException.FieldError;
import cn.huren.server.support.MobileNumbers;
import cn.huren.server.support.TextInput;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantData;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The claim's three steps checked together, every field's error at once: step 1 (APP-14) the business licence (an
 * upload of the claimant's), the legal representative's name, ID type and number, mainland mobile and the licence's
 * validity (a date not past, or long-term); step 2 (APP-15) the province platform (this tenant), a CA (one the tenant
 * trusts, {@link #cas}), 1–5 years and optional roaming regions; step 3 (APP-16) the sealed authorisation letter
 * and up to {@value #MAX_EXTRA} extra documents some CAs ask for.
 */
@Component
public class ClaimForm {

    public static final int MAX_EXTRA = 5;
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** What the claimant sends; ids are attachment UUIDs, the date {@code yyyy-MM-dd}. */
    public record Input(String enterpriseName, String uscc, String licenceId, String legalRepresentativeName,
                        String legalRepresentativeDocumentType, String legalRepresentativeDocumentNumber, String legalRepresentativeMobile,
                        String licenceValidUntil, Boolean licenceLongTerm, String platform, String ca, Integer validityYears,
                        List<String> roamingRegions, String letterId, List<String> extraDocumentIds) {
    }

    record Checked(String enterpriseName, String uscc, UUID licenceId, String legalRepresentativeName, IdentityDocument document,
                   String mobile, LocalDate licenceValidUntil, boolean licenceLongTerm, String platform, String ca, int validityYears,
                   List<String> roamingRegions, UUID letterId, List<UUID> extraDocumentIds) {
    }

    private final Attachments attachments;
    private final AuthorisationLetters letters;
    private final TrustedCas trusted;
    private final TenantData data;
    private final Clock clock;

    ClaimForm(Attachments attachments, AuthorisationLetters letters, TrustedCas trusted, TenantData data, Clock clock) {
        this.attachments = attachments;
        this.letters = letters;
        this.trusted = trusted;
        this.data = data;
        this.clock = clock;
    }

    /**
     * The CAs a claim may choose (APP-15): the tenant's enabled issuing CAs (those the certificate login recognises
     * below a root), else its enabled trusted CAs; the certificate must be one the portal trusts to complete the claim.
     */
    public List<String> cas() {
        List<String> issuing = trusted.issuingCaNames();
        if (!issuing.isEmpty()) {
            return issuing;
        }
        return trusted.list().stream().filter(TrustedCas.TrustedCaView::enabled).map(TrustedCas.TrustedCaView::name).distinct().toList();
    }

    Checked check(PartyAccess me, Input in) {
        if (in == null) {
            throw ApiException.badRequest("malformed-body", "a request body is required");
        }
        List<FieldError> errors = new ArrayList<>();
        String name = text(in.enterpriseName(), "enterpriseName", 200, "the enterprise's full name (企业全称)", errors);
        String uscc = null;
        try {
            uscc = Uscc.parse(in.uscc() == null ? "" : in.uscc()).value();
        } catch (InvalidIdentifierException e) {
            errors.add(new FieldError("uscc", e.getMessage(), "uscc"));
        }
        if (uscc != null && name != null) {
            Optional<String> known = data.jdbc().sql("select name from party where uscc = ? and kind = 'ENTERPRISE'").param(uscc)
                    .query(String.class).optional();
            if (known.isPresent() && !known.get().equals(name)) {
                errors.add(new FieldError("enterpriseName", "the registry knows this USCC as " + known.get() + "; use its full name",
                        "enterprise-name-mismatch"));
            }
        }
        UUID licence = own(me, in.licenceId(), "licenceId", "upload the business licence (营业执照) first", errors);
        String representative = text(in.legalRepresentativeName(), "legalRepresentativeName", 100, "the legal representative's name", errors);
        IdentityDocument.DocumentType type = null;
        try {
            type = IdentityDocument.DocumentType.valueOf(String.valueOf(in.legalRepresentativeDocumentType()).strip());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("legalRepresentativeDocumentType", "one of " + List.of(IdentityDocument.DocumentType.values()),
                    "document-type"));
        }
        IdentityDocument document = null;
        if (type != null) {
            try {
                document = IdentityDocument.parse(type, in.legalRepresentativeDocumentNumber() == null ? "" : in.legalRepresentativeDocumentNumber(), clock);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("legalRepresentativeDocumentNumber", e.getMessage(), "document-number"));
            }
        }
        String mobile = in.legalRepresentativeMobile() == null ? "" : in.legalRepresentativeMobile().strip();
        if (!MobileNumbers.mainland(mobile)) {
            errors.add(new FieldError("legalRepresentativeMobile", "a mainland mobile number: 11 digits starting 13–19", "mobile"));
        }
        boolean longTerm = Boolean.TRUE.equals(in.licenceLongTerm());
        LocalDate until = null;
        if (longTerm) {
            if (in.licenceValidUntil() != null && !in.licenceValidUntil().isBlank()) {
                errors.add(new FieldError("licenceValidUntil", "a long-term licence (长期) has no end date", "licence-validity"));
            }
        } else {
            try {
                until = LocalDate.parse(in.licenceValidUntil() == null ? "" : in.licenceValidUntil().strip());
                if (until.isBefore(LocalDate.ofInstant(clock.instant(), CHINA))) {
                    errors.add(new FieldError("licenceValidUntil", "the licence expired on " + until, "licence-expired"));
                }
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("licenceValidUntil", "the licence's end date (yyyy-MM-dd), or long-term", "licence-validity"));
            }
        }
        String tenant = TenantContext.require().code();
        if (!tenant.equals(in.platform() == null ? null : in.platform().strip())) {
            errors.add(new FieldError("platform", "choose the province platform", "platform-required"));
        }
        String ca = in.ca() == null ? "" : in.ca().strip();
        if (!cas().contains(ca)) {
            errors.add(new FieldError("ca", "one of the CAs of this platform: " + cas(), "ca-required"));
        }
        int years = in.validityYears() == null ? 0 : in.validityYears();
        if (years < 1 || years > 5) {
            errors.add(new FieldError("validityYears", "the certificate's validity: 1 to 5 years", "validity-years"));
        }
        LinkedHashSet<String> regions = new LinkedHashSet<>();
        for (String region : in.roamingRegions() == null ? List.<String>of() : in.roamingRegions()) {
            if (region == null || !Regions.PROVINCES.containsKey(region.strip())) {
                errors.add(new FieldError("roamingRegions", "province codes (GB/T 2260), e.g. 32 for 江苏", "roaming-region"));
                break;
            }
            regions.add(region.strip());
        }
        UUID letter = null;
        try {
            letter = letters.require(me, uuid(in.letterId()), "letterId").id();
        } catch (ApiException e) {
            errors.addAll(e.errors());
        }
        List<UUID> extras = new ArrayList<>();
        List<String> extraIds = in.extraDocumentIds() == null ? List.of() : in.extraDocumentIds();
        if (extraIds.size() > MAX_EXTRA) {
            errors.add(new FieldError("extraDocumentIds", "at most " + MAX_EXTRA + " extra documents", "extra-documents"));
        } else {
            for (String id : extraIds) {
                UUID extra = own(me, id, "extraDocumentIds", "upload the document first", errors);
                if (extra == null) {
                    break;
                }
                if (!extras.contains(extra)) {
                    extras.add(extra);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new Checked(name, uscc, licence, representative, document, mobile, until, longTerm, tenant, ca, years, List.copyOf(regions),
                letter, List.copyOf(extras));
    }

    private UUID own(PartyAccess me, String id, String field, String missing, List<FieldError> errors) {
        UUID uuid = uuid(id);
        if (uuid == null) {
            errors.add(new FieldError(field, missing, "document-required"));
            return null;
        }
        if (attachments.find(me.partyId(), uuid).isEmpty()) {
            errors.add(new FieldError(field, "no document " + uuid + " uploaded by you", "document-not-found"));
            return null;
        }
        return uuid;
    }

    private static UUID uuid(String text) {
        try {
            return text == null || text.isBlank() ? null : UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            return new UUID(0, 0); // no attachment has it: "not found"
        }
    }

    private static String text(String value, String field, int max, String what, List<FieldError> errors) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            errors.add(new FieldError(field, what + " is required", "required"));
            return null;
        }
        FieldError error = TextInput.error(field, v, max, false);
        if (error != null) {
            errors.add(error);
            return null;
        }
        return v;
    }
}
