package cn.huren.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QrPayloadTest {

    static final String ID = "0b6f3c1e-4a57-4d4e-9a57-6f7a0c9d2e11";
    static final String GOOD = "huren://login?server=http%3A%2F%2Fjs.localhost%3A8080&tenant=js&challenge=" + ID
            + "&nonce=Qm9ndXNOb25jZV9fX19fX19fX19fX19f";

    @Test
    @DisplayName("JS-11: the login page's QR text gives the server, tenant, challenge and nonce; the app signs huren-login:{tenant}:{challenge}:{nonce}")
    void parses() {
        QrPayload qr = QrPayload.parse(GOOD);
        assertThat(qr.server()).isEqualTo("http://js.localhost:8080");
        assertThat(qr.tenant()).isEqualTo("js");
        assertThat(qr.challenge()).isEqualTo(UUID.fromString(ID));
        assertThat(qr.message()).isEqualTo("huren-login:js:" + ID + ":Qm9ndXNOb25jZV9fX19fX19fX19fX19f");
        assertThat(QrPayload.parse("  " + GOOD.replace("8080", "8080%2F") + "\n").server()).as("trailing slash and blanks").isEqualTo("http://js.localhost:8080");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "other scheme|https://login?server=http%3A%2F%2Fx&tenant=js&challenge=" + ID + "&nonce=Qm9ndXNOb25jZV9fX19f|must start with",
        "no nonce|huren://login?server=http%3A%2F%2Fjs.localhost&tenant=js&challenge=" + ID + "|lacks nonce",
        "twice|huren://login?server=http%3A%2F%2Fa&server=http%3A%2F%2Fb&tenant=js&challenge=" + ID + "&nonce=Qm9ndXNOb25jZV9fX19f|appears twice",
        "extra field|huren://login?server=http%3A%2F%2Fa&tenant=js&challenge=" + ID + "&nonce=Qm9ndXNOb25jZV9fX19f&redirect=x|unexpected field 'redirect'",
        "challenge not a UUID|huren://login?server=http%3A%2F%2Fa&tenant=js&challenge=123&nonce=Qm9ndXNOb25jZV9fX19f|challenge is not",
        "server not http|huren://login?server=javascript%3Aalert(1)&tenant=js&challenge=" + ID + "&nonce=Qm9ndXNOb25jZV9fX19f|server must be",
        "server with a query|huren://login?server=http%3A%2F%2Fa%3Fx%3D1&tenant=js&challenge=" + ID + "&nonce=Qm9ndXNOb25jZV9fX19f|server must be",
        "tenant upper case|huren://login?server=http%3A%2F%2Fa&tenant=JS&challenge=" + ID + "&nonce=Qm9ndXNOb25jZV9fX19f|tenant is not",
        "nonce tampered|huren://login?server=http%3A%2F%2Fa&tenant=js&challenge=" + ID + "&nonce=abc%3A%2Fdef|nonce is not",
        "bad encoding|huren://login?server=http%3&tenant=js&challenge=" + ID + "&nonce=Qm9ndXNOb25jZV9fX19f|not URL-encoded",
    })
    @DisplayName("a tampered or malformed QR payload is refused with the reason, before anything is signed")
    void refuses(String what, String payload, String reason) {
        assertThatThrownBy(() -> QrPayload.parse(payload)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason);
    }

    @Test
    @DisplayName("empty or absent text is not a login code")
    void empty() {
        assertThatThrownBy(() -> QrPayload.parse(null)).hasMessageContaining("not a Huren login code");
        assertThatThrownBy(() -> QrPayload.parse("")).hasMessageContaining("not a Huren login code");
    }
}
