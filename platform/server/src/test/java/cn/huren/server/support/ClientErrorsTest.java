package cn.huren.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class ClientErrorsTest {

    @Test
    @DisplayName("only a 4xx ApiException is the client's error; a 5xx one (503 unavailable) is the server's, also as a cause")
    void onlyFourHundreds() {
        ApiException unavailable = new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "try later");
        assertThat(ClientErrors.of(unavailable)).isEmpty();
        assertThat(ClientErrors.of(new IllegalStateException("wrapped", unavailable))).isEmpty();
        assertThat(ClientErrors.of(ApiException.badRequest("validation", "bad"))).isPresent();
        assertThat(ClientErrors.of(new IllegalStateException("wrapped", ApiException.badRequest("validation", "bad")))).isPresent();
    }
}
