package cn.huren.server.party;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.huren.server.support.ApiException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class ExpectedVersionTest {

    static void matches(ExpectedVersion expected, int version) {
        assertThatCode(() -> expected.check(version, "award 1")).doesNotThrowAnyException();
    }

    static void refuses(ExpectedVersion expected, int version) {
        assertThatThrownBy(() -> expected.check(version, "award 1")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.PRECONDITION_FAILED);
            assertThat(e.kind()).isEqualTo("version-mismatch");
            assertThat(e.getMessage()).startsWith("award 1 was changed by someone else").contains("current version is " + version);
        });
    }

    @Test
    @DisplayName("If-Match names versions by our ETags (weakened ones too); * and no header match any version; foreign tags match none")
    void ifMatch() {
        assertThat(ExpectedVersion.etag(3)).isEqualTo("\"v3\"");
        matches(ExpectedVersion.ifMatch("\"v3\""), 3);
        matches(ExpectedVersion.ifMatch("W/\"v3\""), 3);
        matches(ExpectedVersion.ifMatch("\"v2\", \"v3\""), 3);
        matches(ExpectedVersion.ifMatch("*"), 7);
        matches(ExpectedVersion.ifMatch(null), 7);
        matches(ExpectedVersion.ifMatch(" "), 7);
        refuses(ExpectedVersion.ifMatch("\"v2\""), 3);
        refuses(ExpectedVersion.ifMatch("v3"), 3);
        refuses(ExpectedVersion.ifMatch("\"3\""), 3);
        refuses(ExpectedVersion.ifMatch("\"v99999999999\""), 3);
    }

    @Test
    @DisplayName("a form's hidden version: a number must match; none (a page from before versions) matches any; anything else none")
    void form() {
        matches(ExpectedVersion.form("3"), 3);
        matches(ExpectedVersion.form(null), 3);
        matches(ExpectedVersion.form(""), 3);
        refuses(ExpectedVersion.form("2"), 3);
        refuses(ExpectedVersion.form("v3"), 3);
    }
}
