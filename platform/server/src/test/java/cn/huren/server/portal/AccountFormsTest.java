package cn.huren.server.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.huren.server.support.ApiException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.util.LinkedMultiValueMap;

class AccountFormsTest {

    @Test
    @DisplayName("a refusal that names no field but belongs to one comes back as that field's error, with its kind as the code")
    void refusalsArePlacedNextToTheirField() {
        ApiException wrongCode = new ApiException(HttpStatus.BAD_REQUEST, "sms-code-invalid", "wrong code");

        assertThatThrownBy(() -> AccountForms.placing(() -> { throw wrongCode; }).get())
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors())
                        .containsExactly(new ApiException.FieldError("code", "wrong code", "sms-code-invalid")));
        assertThatThrownBy(() -> AccountForms.placing(() -> { throw wrongCode; }, Map.of("sms-code-invalid", "")).get())
                .as("a page may keep it above the form").isSameAs(wrongCode);
        ApiException loginFailed = new ApiException(HttpStatus.UNAUTHORIZED, "login-failed", "wrong password");
        assertThatThrownBy(() -> AccountForms.placing(() -> { throw loginFailed; }).get()).isSameAs(loginFailed);
    }

    @Test
    @DisplayName("a field error without a code gets the field's own text (fieldError.field-<name>); one with a code keeps it")
    void uncodedFieldErrorsAreSaidPerField() {
        ApiException refused = ApiException.invalid(List.of(new ApiException.FieldError("code", "the 6-digit code"),
                new ApiException.FieldError("mobile", "11 digits", "mobile")));

        ApiException placed = AccountForms.placed(refused, Map.of());

        assertThat(placed.errors()).extracting(ApiException.FieldError::code).containsExactly("field-code", "mobile");
    }

    @Test
    @DisplayName("passwords and captcha answers never come back into a form; the rest does")
    void secretsAreNotKept() {
        LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("mobile", "13912340001");
        form.add("password", "Secret123");
        form.add("newPassword", "Secret124");
        form.add("repeatPassword", "Secret124");
        form.add("oldPassword", "Secret122");
        form.add("captchaAnswer", "ABCDE");

        assertThat(AccountForms.withoutSecrets(form)).containsOnlyKeys("mobile");
    }

    @Test
    @DisplayName("two different new passwords are refused next to the repeated one; equal ones pass")
    void repeatedPassword() {
        assertThatThrownBy(() -> AccountForms.requireSame("Secret123", "Secret124"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors())
                        .extracting(ApiException.FieldError::field, ApiException.FieldError::code)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("repeatPassword", "passwords-differ")));
        AccountForms.requireSame("Secret123", "Secret123");
    }
}
