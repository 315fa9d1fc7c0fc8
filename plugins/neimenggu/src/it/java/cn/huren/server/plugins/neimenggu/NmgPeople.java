package cn.huren.server.plugins.neimenggu;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.plugin.api.RelyingPartyLoginListener;
import cn.huren.plugin.api.RelyingPartyLoginListener.RelyingPartyLogin;
import cn.huren.server.SentCodes;
import cn.huren.server.democa.DemoCaClient;
import cn.huren.server.plugins.InstalledPlugins;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Inner Mongolia natural persons for the plugin's tests, through the plugin's own API: a demo-CA SM2 key, 自然人绑定
 * (SMS code), the registry's 提交信息 to 验证通过, and the Hohhot login as the portal's OpenID provider tells the plugin
 * of it (its {@link RelyingPartyLoginListener}s, called as the authorization endpoint calls them).
 */
public final class NmgPeople {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger SEQ = new AtomicInteger(500);

    private final int port;
    private final String tenant;
    private final SentCodes sent;

    public NmgPeople(int port, String tenant, SentCodes sent) {
        this.port = port;
        this.tenant = tenant;
        this.sent = sent;
    }

    public record Reply(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new AssertionError(body, e);
            }
        }
    }

    /** A natural person with a demo-CA certificate, signed in with it (not registered yet). */
    public Person person() {
        int n = SEQ.incrementAndGet();
        DemoCaClient holder = new DemoCaClient(port, "SM2");
        String id = residentId(n);
        String name = "蒙同步" + n;
        var enrolled = holder.enroll(tenant, "PERSON", id, name);
        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(201);
        return new Person(holder, holder.login(tenant).json().get("token").asText(), id, name, "137%08d".formatted(50000000 + n));
    }

    /** The same person with a new demo-CA key (the old one lost), signed in with it, with another mobile to bind. */
    public Person newKey(Person p, String mobile) {
        DemoCaClient holder = new DemoCaClient(port, "SM2");
        var enrolled = holder.enroll(tenant, "PERSON", p.residentId, p.name);
        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(201);
        return new Person(holder, holder.login(tenant).json().get("token").asText(), p.residentId, p.name, mobile);
    }

    /** Bound (NMG-05) and 验证通过 (NMG-10): ready for Hohhot. */
    public Person validated() {
        Person p = person();
        p.bind();
        Person me = p.login();
        Reply saved = me.send("PUT", "/api/t/" + tenant + "/me/basic-info", Map.of("roles", List.of("BIDDER"),
                "address", "呼和浩特市赛罕区同步路 " + SEQ.get() + " 号", "contactName", p.name, "contactPhone", p.mobile, "email", p.email));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        Reply passed = me.post("/me/registry/submission", null);
        assertThat(passed.status()).as(passed.body()).isEqualTo(200);
        return me;
    }

    static String residentId(int n) {
        String base = "150105197903%02d%03d".formatted(1 + n % 28, n % 1000);
        return DemoCaClient.residentId(base);
    }

    /** A certificate holder's bearer session. */
    public final class Person {
        public final DemoCaClient key;
        public final String token;
        public final String residentId;
        public final String name;
        public final String mobile;
        public final String email;

        Person(DemoCaClient key, String token, String residentId, String name, String mobile) {
            this.key = key;
            this.token = token;
            this.residentId = residentId;
            this.name = name;
            this.mobile = mobile;
            this.email = "s" + mobile + "@example.com";
        }

        /** A new session of the same key. */
        public Person login() {
            return new Person(key, key.login(tenant).json().get("token").asText(), residentId, name, mobile);
        }

        public void bind() {
            assertThat(post("/me/binding/code", Map.of("mobile", mobile)).status()).isEqualTo(202);
            Reply bound = post("/me/binding", Map.of("mobile", mobile, "code", sent.next(mobile), "email", email));
            assertThat(bound.status()).as(bound.body()).isEqualTo(201);
        }

        public long partyId() {
            return send("GET", "/api/t/" + tenant + "/me", null).json().at("/party/id").asLong();
        }

        public String fingerprint() {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate().getEncoded()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        public X509Certificate certificate() {
            try {
                return (X509Certificate) CertificateFactory.getInstance("X.509", DemoCaClient.BC)
                        .generateCertificate(new ByteArrayInputStream(key.certificate.getBytes(StandardCharsets.US_ASCII)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** A detached CMS SignedData (SM3withSM2, signer certificate included) over the bytes, base64: what a sealing tool makes. */
        public String seal(byte[] content) {
            try {
                CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
                generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder()
                        .setProvider(DemoCaClient.BC).build()).build(new JcaContentSignerBuilder("SM3withSM2")
                        .setProvider(DemoCaClient.BC).build(key.key.getPrivate()), certificate()));
                generator.addCertificate(new JcaX509CertificateHolder(certificate()));
                return Base64.getEncoder().encodeToString(generator.generate(new CMSProcessableByteArray(content), false).getEncoded());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        public Reply get(String pluginPath) {
            return send("GET", "/api/t/" + tenant + "/plugins/neimenggu" + pluginPath, null);
        }

        public Reply post(String pluginPath, Object body) {
            return send("POST", "/api/t/" + tenant + "/plugins/neimenggu" + pluginPath, body);
        }

        public byte[] bytes(String pluginPath) {
            try {
                HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/api/t/" + tenant + "/plugins/neimenggu" + pluginPath))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain").containsIgnoringCase("utf-8");
                return r.body();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        public Reply send(String method, String path, Object body) {
            try {
                HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json").build(),
                        HttpResponse.BodyHandlers.ofString());
                return new Reply(r.statusCode(), r.body());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * The person confirms the login to a relying party (确认登录): the plugin's listeners are told as the portal's
     * authorization endpoint tells them (oidc.RelyingPartyReturn); a {@link RelyingPartyLoginListener.Refused} propagates.
     */
    public static void logsInTo(InstalledPlugins plugins, TenantDescriptor tenant, String clientId, long partyId, String fingerprint) {
        List<RelyingPartyLoginListener> listeners = plugins.extensions(RelyingPartyLoginListener.class, "neimenggu");
        assertThat(listeners).as("the plugin listens to relying-party logins").isNotEmpty();
        RelyingPartyLogin login = new RelyingPartyLogin(clientId, "呼和浩特市公共资源交易平台", partyId, fingerprint, true);
        TenantContext.runAs(tenant, () -> listeners.forEach(l -> l.loggingIn(login)));
    }
}
