package cn.huren.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.support.ApiException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The pure rules of accounts: the password rule, the card check digit and mask, mobile numbers. */
class AccountRulesTest {

    @Test
    @DisplayName("a password has 8 to 64 characters with a letter and a digit; U+0000 is refused")
    void passwordRule() {
        assertThat(errors("abcdefg1")).isEmpty();
        assertThat(errors("密码密码密码12")).isEmpty();
        assertThat(errors("a1".repeat(32))).isEmpty();
        assertThat(errors("abc1234")).hasSize(1);
        assertThat(errors("a1".repeat(32) + "x")).hasSize(1);
        assertThat(errors("abcdefgh")).hasSize(1);
        assertThat(errors("12345678")).hasSize(1);
        assertThat(errors("abcd\u00001234")).hasSize(1);
        assertThat(errors(null)).hasSize(1);
    }

    @Test
    @DisplayName("card numbers pass the Luhn check and are shown as 6222 **** **** 1234")
    void cards() {
        assertThat(cn.huren.server.support.BankCardNumbers.luhn("4111111111111111")).isTrue();
        assertThat(cn.huren.server.support.BankCardNumbers.luhn("4111111111111112")).isFalse();
        assertThat(cn.huren.server.support.BankCardNumbers.luhn("6222020200112233445")).isEqualTo(luhnByHand("6222020200112233445"));
        assertThat(BankCards.mask("6222020200112231234")).isEqualTo("6222 **** **** 1234");
    }

    @Test
    @DisplayName("ORD-03: only mainland mobile numbers (11 digits, 13 to 19) are login names")
    void mobiles() {
        List<ApiException.FieldError> errors = new ArrayList<>();
        for (String ok : List.of("13912345678", "19912345678")) {
            PersonAccounts.checkMobile("mobile", ok, errors);
        }
        assertThat(errors).isEmpty();
        for (String bad : List.of("12912345678", "02588888888", "1391234567", "139123456789", "+8613912345678", "1391234567x")) {
            PersonAccounts.checkMobile("mobile", bad, errors);
        }
        assertThat(errors).hasSize(6);
    }

    private static List<ApiException.FieldError> errors(String password) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        PasswordRule.check("newPassword", password, errors);
        return errors;
    }

    private static boolean luhnByHand(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            sum += i % 2 == 1 ? (d * 2) / 10 + (d * 2) % 10 : d;
        }
        return sum % 10 == 0;
    }
}
