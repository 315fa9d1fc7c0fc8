package cn.huren.server.realname;

import cn.huren.server.party.IdentityDocument.DocumentType;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.support.ApiException;
import cn.huren.server.support.ApiException.FieldError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** APP-06, APP-07: the account's real-name verification, for account sessions only (ROLE_ACCOUNT, PartyApiSecurity). */
@RestController
class RealNameController {

    /** The request as JSON; enums as text so that a wrong value is a field error, not an unreadable body. */
    record Body(String method, String name, String documentType, String documentNumber, String faceToken, String cardNumber,
                String cardMobile) {

        @Override
        public String toString() {
            return "Body[" + method + ", " + documentType + "]";
        }
    }

    private final RealNames realNames;

    RealNameController(RealNames realNames) {
        this.realNames = realNames;
    }

    @GetMapping("/api/t/{tenant}/me/account/real-name")
    RealNameStatus status(PartyAccess me) {
        return realNames.status(account(me));
    }

    @PostMapping("/api/t/{tenant}/me/account/real-name")
    VerifiedPerson verify(PartyAccess me, @RequestBody Body body) {
        List<FieldError> errors = new ArrayList<>();
        RealNameMethod method = choice(RealNameMethod.class, body.method(), "method", true, errors);
        DocumentType type = choice(DocumentType.class, body.documentType(), "documentType", false, errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return realNames.verify(account(me), new RealNameRequest(method, body.name(), type, body.documentNumber(), body.faceToken(),
                body.cardNumber(), body.cardMobile()));
    }

    private static long account(PartyAccess me) {
        if (me.accountId() == null) {
            throw new ApiException(HttpStatus.FORBIDDEN, "account-required", "real-name verification is for a person's account");
        }
        return me.accountId();
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String text, String field, boolean required, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            if (required) {
                errors.add(new FieldError(field, "one of " + Arrays.toString(type.getEnumConstants()), "required"));
            }
            return null;
        }
        try {
            return Enum.valueOf(type, text.strip());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "one of " + Arrays.toString(type.getEnumConstants()), "choice"));
            return null;
        }
    }
}
