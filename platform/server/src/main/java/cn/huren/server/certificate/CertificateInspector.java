package cn.huren.server.certificate;

import cn.huren.server.support.ApiException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The certificate check (检测证书, APP-34): every check {@link CertificateVerifier#verify} makes for a
 * login, run one by one so that each reports its own result instead of the first refusal ending
 * the rest. Changes nothing (revocation answers are cached as for a login).
 */
@Component
public class CertificateInspector {

    public enum Outcome { PASSED, FAILED, NOT_RUN }

    /** One check: its name, outcome, the problem kind when it failed, and what it found or why it failed. */
    public record Check(String name, Outcome outcome, String kind, String detail) {
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.ofHours(8));

    private final CertificateVerifier verifier;

    CertificateInspector(CertificateVerifier verifier) {
        this.verifier = verifier;
    }

    /** validity, key-usage, chain, revocation, identity: in the order a login checks them. */
    public List<Check> inspect(byte[] der) {
        List<Check> checks = new ArrayList<>();
        ParsedCertificates.Parsed parsed;
        try {
            parsed = verifier.parsing.parse(der);
        } catch (ApiException e) {
            checks.add(new Check("readable", Outcome.FAILED, e.kind(), e.getMessage()));
            return checks;
        }
        CertificateFacts facts = parsed.facts();
        run(checks, "validity", () -> {
            verifier.checkValidity(facts);
            return DAY.format(facts.notBefore()) + " – " + DAY.format(facts.notAfter());
        });
        run(checks, "key-usage", () -> {
            CertificateVerifier.checkKeyUsage(facts);
            return "digitalSignature";
        });
        List<ChainBuilder.Link> chain = run(checks, "chain", () -> verifier.chain(parsed, List.of()), CertificateInspector::names);
        if (chain == null) {
            String why = "needs a chain to a CA this portal recognises";
            checks.add(new Check("revocation", Outcome.NOT_RUN, null, why));
            checks.add(new Check("identity", Outcome.NOT_RUN, null, why));
            return checks;
        }
        run(checks, "revocation", () -> {
            verifier.checkRevocation(chain);
            return sources(chain);
        });
        run(checks, "identity", () -> {
            String identifier = CertificateVerifier.identifier(parsed, CertificateVerifier.issuer(chain));
            CertificateVerifier.kind(identifier);
            return CertificateVerifier.normalise(identifier);
        });
        return checks;
    }

    private static void run(List<Check> checks, String name, Supplier<String> check) {
        run(checks, name, check, detail -> detail);
    }

    /** Runs one check; its result, or null when it failed. */
    private static <T> T run(List<Check> checks, String name, Supplier<T> check, java.util.function.Function<T, String> found) {
        try {
            T result = check.get();
            checks.add(new Check(name, Outcome.PASSED, null, found.apply(result)));
            return result;
        } catch (ApiException e) {
            checks.add(new Check(name, Outcome.FAILED, e.kind(), e.getMessage()));
            return null;
        }
    }

    /** The chain as names, leaf's issuer up to the root: "Issuing CA → Root CA". */
    private static String names(List<ChainBuilder.Link> chain) {
        List<String> names = new ArrayList<>();
        for (ChainBuilder.Link link : chain.subList(1, chain.size())) {
            names.add(link.anchor() != null ? link.anchor().ca().name()
                    : link.certificate().certificate().getSubjectX500Principal().getName());
        }
        return String.join(" → ", names);
    }

    /** Where each certificate of the chain below the root was checked: "OCSP of X", "CRL of X" or none configured. */
    private static String sources(List<ChainBuilder.Link> chain) {
        List<String> checked = new ArrayList<>();
        for (int i = 0; i < chain.size() - 1; i++) {
            RevocationSource source = RevocationSource.of(chain.get(i).certificate().certificate(), chain.get(i + 1));
            checked.add((source.ocspUrl() != null ? "OCSP" : "") + (source.ocspUrl() != null && source.crlUrl() != null ? "/" : "")
                    + (source.crlUrl() != null ? "CRL" : "") + (source.checked() ? " " : "no CRL or OCSP configured: ") + source.name());
        }
        return String.join("; ", checked);
    }
}
