package cn.huren.server.realname;

import cn.huren.plugin.api.IdentityClaim;
import cn.huren.plugin.api.IdentityDocumentType;
import cn.huren.server.party.IdentityDocument;
import cn.huren.server.party.InvalidIdentifierException;
import cn.huren.server.support.ApiException.FieldError;
import cn.huren.server.support.ApiException;
import cn.huren.server.support.BankCardNumbers;
import cn.huren.server.support.MobileNumbers;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** A request that passed validation: the parsed document and the normalised fields, ready for the provider. */
record RealNameInput(RealNameMethod method, String name, IdentityDocument document, String faceToken, String cardNumber,
                     String cardMobile) {

    /** Checks every field and reports all failures at once, the document number with the rule it broke. */
    static RealNameInput of(RealNameRequest request, Clock clock) {
        List<FieldError> errors = new ArrayList<>();
        if (request.method() == null) {
            errors.add(new FieldError("method", "CFCA, ALIPAY_FACE or BANK_CARD", "required"));
        }
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            errors.add(new FieldError("name", "1 to 100 characters", "required"));
        } else if (name.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("name", "no control characters", "characters"));
        }
        IdentityDocument document = null;
        try {
            document = request.documentType() == null ? IdentityDocument.detect(request.documentNumber(), clock)
                    : IdentityDocument.parse(request.documentType(), request.documentNumber(), clock);
        } catch (InvalidIdentifierException e) {
            errors.add(new FieldError("documentNumber", e.rule() + ": " + e.getMessage(), "identity-" + e.rule().name().toLowerCase()));
        }
        String faceToken = blankToNull(request.faceToken());
        String card = blankToNull(request.cardNumber());
        String mobile = blankToNull(request.cardMobile());
        if (request.method() == RealNameMethod.ALIPAY_FACE) {
            if (faceToken == null || faceToken.length() > 200 || !faceToken.matches("[A-Za-z0-9._:-]+")) {
                errors.add(new FieldError("faceToken", "the face recognition's token: 1 to 200 letters, digits, . _ : -", "required"));
            }
        } else if (faceToken != null) {
            errors.add(new FieldError("faceToken", "only with ALIPAY_FACE", "unexpected"));
        }
        if (request.method() == RealNameMethod.BANK_CARD) {
            if (!BankCardNumbers.valid(card)) {
                errors.add(new FieldError("cardNumber", "12 to 19 digits with a valid check digit (Luhn)", "card-number"));
            }
            if (!MobileNumbers.mainland(mobile)) {
                errors.add(new FieldError("cardMobile", "the mainland mobile number the bank holds for the card (11 digits)", "mobile"));
            }
        } else if (card != null || mobile != null) {
            errors.add(new FieldError(card != null ? "cardNumber" : "cardMobile", "only with BANK_CARD", "unexpected"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new RealNameInput(request.method(), name, document, faceToken, card, mobile);
    }

    IdentityClaim claim() {
        return new IdentityClaim(name, IdentityDocumentType.valueOf(document.type().name()), document.value());
    }

    String maskedCard() {
        return cardNumber == null ? null : "*" + HttpRealNameVerifier.last4(cardNumber);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    @Override
    public String toString() {
        return "RealNameInput[" + method + ", " + document + "]";
    }
}
