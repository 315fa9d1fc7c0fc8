package cn.huren.server.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.huren.server.democa.DemoCaClient;
import cn.huren.server.party.PartyKind;
import cn.huren.server.party.Uscc;
import cn.huren.server.support.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Whether a certificate's identifier is a person's or an enterprise's, read from the number. */
class CertificateKindTest {

    @Test
    @DisplayName("X-05: an ID number that also passes the USCC check is a person's (about one all-digit ID in 31 does)")
    void idNumbersThatAreAlsoUsccsArePersons() {
        List<String> both = new ArrayList<>();
        for (int day = 1; day <= 28; day++) {
            for (int n = 0; n < 40; n++) {
                String id = DemoCaClient.residentId(String.format(Locale.ROOT, "15010519790%d%02d%03d", 1 + n % 9, day, n));
                if (passesUscc(id)) {
                    both.add(id);
                }
            }
        }
        assertThat(both).as("the ambiguous numbers exist").hasSizeGreaterThan(10);
        assertThat(both).allSatisfy(id -> assertThat(CertificateVerifier.kind(id)).isEqualTo(PartyKind.NATURAL_PERSON));
    }

    @Test
    @DisplayName("USCCs of companies, law firms and social organisations are enterprises'; a number that is neither is refused")
    void usccsAreEnterprises() {
        for (String first17 : List.of("91320000134767788", "31110000400000448", "51110000500005734", "12100000400010398")) {
            String uscc = DemoCaClient.uscc(first17);
            assertThat(CertificateVerifier.kind(uscc)).as(uscc).isEqualTo(PartyKind.ENTERPRISE);
            assertThat(CertificateVerifier.kind(uscc.toLowerCase(Locale.ROOT))).isEqualTo(PartyKind.ENTERPRISE);
        }
        assertThatThrownBy(() -> CertificateVerifier.kind("91320000134767788I"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.kind()).isEqualTo("certificate-identity"));
    }

    private static boolean passesUscc(String id) {
        try {
            Uscc.parse(id);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
