package cn.huren.plugins.neimenggu;

import cn.huren.plugin.api.PartyRegistry;
import cn.huren.plugin.api.PersonBindings;
import cn.huren.plugin.api.PhoneCodes;
import cn.huren.plugin.api.PluginProblem;
import cn.huren.plugin.api.PluginProblem.FieldProblem;
import cn.huren.plugin.api.PortalUser;
import cn.huren.plugin.api.PresentedCertificate;
import cn.huren.plugin.api.TenantTransactions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * NMG-04, NMG-05, X-05: 自然人绑定. 读取证书 is the certificate the session was opened with (USB key through the
 * local signer or the mobile scan, on the core's login page); the person completes what it lacks — a mobile confirmed
 * by SMS code and an e-mail — and 确认申请 binds it: the core registers the holder and binds the certificate, and the
 * plugin records the binding, in one transaction.
 */
@Component
class CaBinding {

    static final String CODE_PURPOSE = "binding";
    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");
    private static final Pattern CODE = Pattern.compile("\\d{6}");

    /** What the binding page and {@code GET me/binding} show. */
    record State(String status, Certificate certificate, Bound binding, String next) {
    }

    /** The certificate as 读取证书 shows it: the holder's ID masked. */
    record Certificate(String holderName, String holderKind, String holderIdMasked, String serial, String issuer,
                       String caName, java.time.Instant notBefore, java.time.Instant notAfter, String medium) {

        static Certificate of(PresentedCertificate c) {
            return new Certificate(c.holderName(), c.holderKind(), Masks.residentId(c.holderIdentifier()), c.serial(),
                    c.issuer(), c.caName(), c.notBefore(), c.notAfter(), c.medium());
        }
    }

    record Bound(String serial, String issuer, String mobileMasked, String emailMasked, java.time.Instant boundAt) {

        static Bound of(CaBindings.Binding b) {
            return new Bound(b.serial(), b.issuer(), Masks.mobile(b.mobile()), Masks.email(b.email()), b.boundAt());
        }
    }

    private final CaBindings bindings;
    private final PersonBindings core;
    private final PhoneCodes codes;
    private final TenantTransactions tx;
    private final PartyRegistry registry;

    CaBinding(CaBindings bindings, PersonBindings core, PhoneCodes codes, TenantTransactions tx, PartyRegistry registry) {
        this.bindings = bindings;
        this.core = core;
        this.codes = codes;
        this.tx = tx;
        this.registry = registry;
    }

    /**
     * BOUND (this certificate: go on, NMG-04), OTHER_KEY (bound with another key: unbind first), CERTIFICATE_REQUIRED
     * (signed in without a certificate), NOT_NATURAL_PERSON (an enterprise certificate), or OPEN (bind now).
     */
    State state(PortalUser user) {
        Optional<CaBindings.Binding> bound = person(user).flatMap(bindings::current);
        Certificate cert = user.certificate().map(Certificate::of).orElse(null);
        if (bound.isPresent() && user.certificate().isEmpty()) {
            // an account session of a bound person: sign in with the bound key (no unbinding needed)
            return new State("CERTIFICATE_REQUIRED", null, Bound.of(bound.get()), "login");
        }
        if (bound.isPresent()) {
            boolean same = user.certificate().map(c -> c.fingerprint().equals(bound.get().fingerprint())).orElse(false);
            return new State(same ? "BOUND" : "OTHER_KEY", cert, Bound.of(bound.get()), same ? "progress" : "unbinding");
        }
        if (!user.certificateSession() || user.certificate().isEmpty()) {
            return new State("CERTIFICATE_REQUIRED", null, null, "login");
        }
        if (!"NATURAL_PERSON".equals(user.certificate().get().holderKind())) {
            return new State("NOT_NATURAL_PERSON", cert, null, null);
        }
        return new State("OPEN", cert, null, null);
    }

    /** The SMS code for the mobile being confirmed. */
    void sendCode(PortalUser user, String mobile) {
        open(user);
        if (mobile == null || !MOBILE.matcher(mobile.strip()).matches()) {
            throw invalid(List.of(new FieldProblem("mobile", "请输入 11 位手机号码 / an 11-digit mobile number")));
        }
        codes.send(CODE_PURPOSE, mobile.strip());
    }

    /**
     * 确认申请. An already bound person is not bound again (NMG-04: the state says BOUND). Nothing is stored when the
     * input or the code is wrong.
     */
    State bind(PortalUser user, String mobile, String code, String email) {
        State state = open(user);
        if (!"OPEN".equals(state.status())) {
            return state;
        }
        String m = mobile == null ? "" : mobile.strip();
        String e = email == null ? "" : email.strip();
        String c = code == null ? "" : code.strip();
        List<FieldProblem> problems = new ArrayList<>();
        if (!MOBILE.matcher(m).matches()) {
            problems.add(new FieldProblem("mobile", "请输入 11 位手机号码 / an 11-digit mobile number"));
        }
        if (!CODE.matcher(c).matches()) {
            problems.add(new FieldProblem("code", "请输入 6 位短信验证码 / the 6-digit SMS code"));
        }
        if (e.length() > 254 || !EMAIL.matcher(e).matches()) {
            problems.add(new FieldProblem("email", "请输入有效的电子邮箱 / a valid e-mail address"));
        }
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        if (!codes.check(CODE_PURPOSE, m, c)) {
            throw new PluginProblem(400, "code-wrong", "短信验证码错误或已过期 / the SMS code is wrong or expired",
                    List.of(new FieldProblem("code", "短信验证码错误或已过期 / wrong or expired code")));
        }
        PresentedCertificate certificate = user.certificate().orElseThrow();
        return tx.inTransaction(() -> {
            long partyId = core.registerCurrentHolder(new PersonBindings.ContactDetails(m, e));
            // a row whose certificate the core no longer binds (voided, revoked, expired) is ended, not a refusal
            bindings.endStale(partyId);
            Optional<CaBindings.Binding> existing = bindings.current(partyId);
            if (existing.isPresent() && !existing.get().fingerprint().equals(certificate.fingerprint())) {
                // the session did not know the party (e.g. a new key): the person is bound with another key
                throw otherKey();
            }
            if (existing.isPresent()) {
                // a second tab bound a moment ago: nothing to do (NMG-04)
                return new State("BOUND", Certificate.of(certificate), Bound.of(existing.get()), "progress");
            }
            bindings.insert(partyId, certificate, m, e);
            return new State("BOUND", Certificate.of(certificate), Bound.of(bindings.current(partyId).orElseThrow()), "progress");
        });
    }

    /**
     * The person whose binding the page shows: the session's party, or — for a certificate not yet activated for it, which
     * the host gives no party — the registered person the certificate names (a key other than the bound one: OTHER_KEY).
     */
    private Optional<Long> person(PortalUser user) {
        if (user.partyId().isPresent()) {
            return Optional.of(user.partyId().getAsLong());
        }
        return user.certificate().filter(c -> user.certificateSession() && "NATURAL_PERSON".equals(c.holderKind()))
                .flatMap(c -> {
                    java.util.OptionalLong found = registry.findNaturalPerson(c.holderIdentifier());
                    return found.isPresent() ? Optional.of(found.getAsLong()) : Optional.empty();
                });
    }

    /** Refuses what cannot bind at all; returns the state otherwise (OPEN, BOUND or OTHER_KEY). */
    private State open(PortalUser user) {
        State state = state(user);
        return switch (state.status()) {
            case "CERTIFICATE_REQUIRED" -> throw new PluginProblem(409, "certificate-required",
                    "请使用数字证书（USB key 或手机扫码）登录后绑定 / sign in with your certificate (USB key or mobile scan) to bind it");
            case "NOT_NATURAL_PERSON" -> throw new PluginProblem(403, "not-natural-person",
                    "此处仅办理自然人绑定，单位证书不能绑定 / only a natural person's certificate is bound here (自然人绑定)");
            case "OTHER_KEY" -> throw otherKey();
            default -> state;
        };
    }

    private static PluginProblem otherKey() {
        return new PluginProblem(409, "bound-to-other-key",
                "您已使用另一把证书完成绑定；若原证书丢失，请先办理「CA证书解绑」 / you are bound with another key; if it is lost, "
                        + "apply for unbinding (CA证书解绑) first");
    }

    private static PluginProblem invalid(List<FieldProblem> problems) {
        return new PluginProblem(400, "invalid-input", "请检查填写的信息 / please check the fields", problems);
    }
}
