package cn.huren.server.account;

import cn.huren.server.support.ApiException;
import cn.huren.server.support.TextInput;
import java.util.List;

/** A login password: 8 to 64 characters with at least one letter and one digit. */
final class PasswordRule {

    static final int MIN = 8;
    static final int MAX = 64;

    private PasswordRule() {
    }

    static void check(String field, String password, List<ApiException.FieldError> errors) {
        if (password == null || password.isEmpty()) {
            errors.add(new ApiException.FieldError(field, "required"));
            return;
        }
        String refusal = TextInput.refusal(password);
        if (refusal != null) {
            errors.add(new ApiException.FieldError(field, refusal));
            return;
        }
        int length = password.codePointCount(0, password.length());
        boolean letter = password.codePoints().anyMatch(Character::isLetter);
        boolean digit = password.chars().anyMatch(c -> c >= '0' && c <= '9');
        if (length < MIN || length > MAX || !letter || !digit) {
            errors.add(new ApiException.FieldError(field, "8 to 64 characters with at least one letter and one digit", "password-rule"));
        }
    }

    /** A password as typed at login: only its length and storability are checked (the rule may have changed since). */
    static void checkGiven(String field, String password, List<ApiException.FieldError> errors) {
        if (password == null || password.isEmpty()) {
            errors.add(new ApiException.FieldError(field, "required"));
        } else if (password.length() > 256 || TextInput.refusal(password) != null) {
            errors.add(new ApiException.FieldError(field, "not a possible password"));
        }
    }
}
