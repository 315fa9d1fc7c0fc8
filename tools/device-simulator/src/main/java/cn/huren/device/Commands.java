package cn.huren.device;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** The simulator's commands; results go to {@code out} (JSON where the server answered JSON), progress to {@code err}. */
final class Commands {

    static final long MAX_DOCUMENT_BYTES = 64L * 1024 * 1024;

    private final PrintStream out;
    private final PrintStream err;

    Commands(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    void enroll(List<String> args) throws IOException, HurenClient.Refused {
        Options o = new Options(args, Set.of("server", "tenant", "kind", "id", "name", "profile", "alg", "p12", "pin", "force"));
        Path p12 = Path.of(o.require("p12"));
        if (Files.exists(p12) && !o.flag("force")) {
            throw new Options.UsageException(p12 + " exists; give another --p12, or --force to replace it");
        }
        Signatures.Kind kind = choice(Signatures.Kind.class, o.get("alg", "SM2"), "alg");
        char[] pin = o.require("pin").toCharArray();
        Map<String, Object> body = new LinkedHashMap<>();
        KeyPair key = Signatures.generate(kind);
        body.put("csr", Csr.pem(key, kind));
        body.put("kind", o.require("kind"));
        body.put("identifier", o.require("id"));
        body.put("name", o.require("name"));
        if (o.get("profile", null) != null) {
            body.put("profile", o.get("profile", null));
        }
        JsonNode issued = new HurenClient(o.require("server")).enroll(o.require("tenant"), body);
        List<X509Certificate> chain = chain(issued, key.getPublic());
        Medium medium = new Medium(key.getPrivate(), chain);
        medium.save(p12, pin);
        out.println("enrolled: serial " + issued.path("serialNumber").asText() + ", " + kind + " key, certificate and chain of "
                + chain.size() + " in " + p12);
        describe(medium);
    }

    /** A new key in a new PKCS#12 file (with a stand-in certificate) and a certificate application for it. */
    void apply(List<String> args) throws IOException, HurenClient.Refused {
        Options o = new Options(args, Set.of("server", "tenant", "token", "kind", "type", "medium", "holder", "replaces", "alg", "p12", "pin",
                "force"));
        Path p12 = Path.of(o.require("p12"));
        if (Files.exists(p12) && !o.flag("force")) {
            throw new Options.UsageException(p12 + " exists; give another --p12, or --force to replace it");
        }
        Signatures.Kind kind = choice(Signatures.Kind.class, o.get("alg", "SM2"), "alg");
        char[] pin = o.require("pin").toCharArray();
        KeyPair key = Signatures.generate(kind);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", o.get("kind", "ISSUE"));
        body.put("type", o.get("type", "ENTERPRISE"));
        body.put("medium", o.get("medium", "TOKEN"));
        body.put("holderName", o.require("holder"));
        body.put("csr", Csr.pem(key, kind));
        if (o.get("replaces", null) != null) {
            body.put("replaces", o.number("replaces", 0));
        }
        String tenant = o.require("tenant");
        JsonNode application = new HurenClient(o.require("server")).apply(tenant, o.require("token"), body);
        String id = application.path("id").asText();
        new Medium(key.getPrivate(), List.of(Csr.placeholder(key, kind, tenant + ":" + id))).save(p12, pin);
        out.println("applied: application " + id + " (" + application.path("state").asText() + "), " + kind + " key in " + p12
                + "; once the CA approves it: download --application " + id);
    }

    /** Signs for the approved certificate with the pending key and stores the CA's chain with it. */
    void download(List<String> args) throws IOException, HurenClient.Refused, Medium.WrongPin {
        Options o = new Options(args, Set.of("server", "tenant", "application", "p12", "pin", "medium-id"));
        Path p12 = Path.of(o.require("p12"));
        char[] pin = o.require("pin").toCharArray();
        Medium pending = Medium.open(p12, pin);
        String tenant = o.require("tenant");
        String id = o.require("application");
        String signature = Base64.getEncoder().encodeToString(pending.sign(("huren-download:" + tenant + ":" + id).getBytes(StandardCharsets.UTF_8)));
        JsonNode download = new HurenClient(o.require("server")).download(tenant, id, signature, o.get("medium-id", pending.mediumId()));
        Medium medium = new Medium(pending.key(), chain(download, pending.certificate().getPublicKey()));
        medium.save(p12, pin);
        out.println("downloaded: application " + id + ", serial " + download.path("serialNumber").asText() + ", bound to the party as "
                + "certificate " + download.path("bindingId").asText() + "; chain of " + medium.chain().size() + " in " + p12);
        describe(medium);
    }

    void login(List<String> args) throws IOException, HurenClient.Refused, Medium.WrongPin {
        Options o = new Options(args, Set.of("server", "tenant", "p12", "pin", "medium-id"));
        Medium medium = Medium.open(Path.of(o.require("p12")), o.require("pin").toCharArray());
        HurenClient client = new HurenClient(o.require("server"));
        String tenant = o.require("tenant");
        JsonNode challenge = client.challenge(tenant, "TOKEN");
        String signature = Base64.getEncoder().encodeToString(medium.sign(challenge.path("message").asText().getBytes(StandardCharsets.UTF_8)));
        print(client.respond(tenant, challenge.path("id").asText(), medium.certificateBase64(), signature, o.get("medium-id", medium.mediumId())));
    }

    void scan(List<String> args) throws IOException, HurenClient.Refused, Medium.WrongPin, InterruptedException {
        Options o = new Options(args, Set.of("payload", "p12", "pin", "confirm-delay", "medium-id"));
        QrPayload qr = QrPayload.parse(o.require("payload"));
        int delay = o.number("confirm-delay", 0);
        Medium medium = Medium.open(Path.of(o.require("p12")), o.require("pin").toCharArray());
        HurenClient client = new HurenClient(qr.server());
        JsonNode scanned = client.scan(qr.tenant(), qr.challenge().toString());
        err.println("scanned: challenge " + qr.challenge() + " of " + qr.tenant() + " at " + qr.server() + " is " + scanned.path("state").asText()
                + (delay > 0 ? "; confirming in " + delay + " s" : ""));
        Thread.sleep(delay * 1000L);
        String signature = Base64.getEncoder().encodeToString(medium.sign(qr.message().getBytes(StandardCharsets.UTF_8)));
        print(client.respond(qr.tenant(), qr.challenge().toString(), medium.certificateBase64(), signature,
                o.get("medium-id", medium.mediumId())));
    }

    void serve(List<String> args) throws IOException, Medium.WrongPin, InterruptedException {
        Options o = new Options(args, Set.of("port", "p12", "pin"));
        char[] pin = o.require("pin").toCharArray();
        Medium medium = Medium.open(Path.of(o.require("p12")), pin);
        int port = new LocalSigner(medium, pin, o.number("port", 18765)).start();
        err.println("local signer on http://127.0.0.1:" + port + " (GET /certificate, POST /sign) for "
                + name(medium.certificate().getSubjectX500Principal()) + "; Ctrl-C stops it");
        new CountDownLatch(1).await();
    }

    void signDocument(List<String> args) throws IOException, Medium.WrongPin {
        Options o = new Options(args, Set.of("file", "out", "p12", "pin"));
        Path file = Path.of(o.require("file"));
        if (!Files.isRegularFile(file) || Files.size(file) > MAX_DOCUMENT_BYTES) {
            throw new IllegalArgumentException(file + " is not a readable file of at most 64 MB");
        }
        Medium medium = Medium.open(Path.of(o.require("p12")), o.require("pin").toCharArray());
        Path target = Path.of(o.require("out"));
        Files.write(target, Documents.signDetached(medium, Files.readAllBytes(file)));
        out.println("signed " + file + " (" + Files.size(file) + " bytes) with " + medium.kind().algorithm + ": detached CMS in " + target);
    }

    void info(List<String> args) throws IOException, Medium.WrongPin {
        Options o = new Options(args, Set.of("p12", "pin"));
        describe(Medium.open(Path.of(o.require("p12")), o.require("pin").toCharArray()));
    }

    private void describe(Medium medium) {
        X509Certificate c = medium.certificate();
        out.println("subject:   " + name(c.getSubjectX500Principal()));
        out.println("issuer:    " + name(c.getIssuerX500Principal()));
        out.println("serial:    " + c.getSerialNumber().toString(16).toUpperCase());
        out.println("valid:     " + c.getNotBefore().toInstant() + " to " + c.getNotAfter().toInstant());
        out.println("key:       " + medium.kind() + " (" + medium.kind().algorithm + ")");
        out.println("medium id: " + medium.mediumId());
    }

    /** Bouncy Castle's names (SERIALNUMBER=…) where the JDK would print the attribute as hex. */
    private static String name(javax.security.auth.x500.X500Principal principal) {
        return org.bouncycastle.asn1.x500.X500Name.getInstance(principal.getEncoded()).toString();
    }

    private void print(JsonNode json) throws IOException {
        out.println(HurenClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String value, String option) {
        try {
            return Enum.valueOf(type, value.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new Options.UsageException("--" + option + " must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** The chain a CA answered ({@code chain}: PEM, the holder's first), which must certify {@code key}. */
    private static List<X509Certificate> chain(JsonNode answer, java.security.PublicKey key) throws IOException {
        List<X509Certificate> chain = new ArrayList<>();
        for (JsonNode pem : answer.path("chain")) {
            chain.add(certificate(pem.asText()));
        }
        if (chain.isEmpty() || !Arrays.equals(chain.get(0).getPublicKey().getEncoded(), key.getEncoded())) {
            throw new IOException("the CA's answer holds no certificate for this key");
        }
        return chain;
    }

    private static X509Certificate certificate(String pem) throws IOException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509", Signatures.BC)
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IOException("the CA answered a certificate that cannot be read", e);
        }
    }
}
