package cn.huren.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificate login throughput, end to end over HTTP against a real server (challenge → signature →
 * every certificate check → session), per algorithm, beside the raw Bouncy Castle rate of the same
 * crypto (parse leaf, verify its CA signature, verify the login signature; one core) measured in
 * the same run.
 *
 * <p>{@code java -cp "platform/bench/target/huren-bench.jar:platform/bench/target/lib/*" cn.huren.bench.LoginBench}
 */
public final class LoginBench {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OID = "1.2.156.10260.4.1.4";

    record Algorithm(String name, String keyAlgorithm, String curve, String signature) {
    }

    record Holder(X509Certificate ca, X509Certificate leaf, PrivateKey key, String signature) {
    }

    static final List<Algorithm> ALGORITHMS = List.of(new Algorithm("SM2", "EC", "sm2p256v1", "SM3withSM2"),
            new Algorithm("ECDSA P-256", "EC", "secp256r1", "SHA256withECDSA"), new Algorithm("RSA-2048", "RSA", null, "SHA256withRSA"));

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(OnboardingBench.arg(args, "--seconds", "10"));
        int clients = Integer.parseInt(OnboardingBench.arg(args, "--clients", "4"));
        int port = Integer.parseInt(OnboardingBench.arg(args, "--port", "18186"));
        String xmx = OnboardingBench.arg(args, "--xmx", "512m");
        Path jar = Path.of(OnboardingBench.arg(args, "--jar", "platform/server/target/huren-server.jar"));
        OnboardingBench http = new OnboardingBench(port);
        ServerProcess server = ServerProcess.start(jar, Files.createTempDirectory("huren-login-bench"), port, xmx, OnboardingBench.PASSWORD);
        http.awaitUp(server);
        http.send("POST", "/api/platform/tenants", Map.of("code", "bench", "nameZh", "基准", "nameEn", "Bench", "plugin", "jiangsu"));
        System.out.printf(Locale.ROOT, "Huren certificate login benchmark: %d s per algorithm, %d concurrent clients, server -Xmx%s, %d cores%n",
                seconds, clients, xmx, Runtime.getRuntime().availableProcessors());
        for (Algorithm alg : ALGORITHMS) {
            Holder holder = holder(alg);
            http.send("POST", "/api/platform/tenants/bench/cas", Map.of("name", alg.name(), "certificate", pem(holder.ca()),
                    "identity", Map.of("source", "OID", "oid", OID)));
            double raw = rawRate(holder, 3);
            double logins = loginRate(port, holder, seconds, clients);
            System.out.printf(Locale.ROOT, "%-12s raw BC crypto (1 core): %,8.0f /s   login over HTTP (2 cores): %,7.0f /s   ratio %4.1f %%%n",
                    alg.name(), raw, logins, 100 * logins / raw);
        }
        http.report(server, "after the login runs");
        server.stop();
    }

    /** What one login costs in crypto alone: parse the leaf, verify it against its CA, verify the login signature. */
    static double rawRate(Holder h, int seconds) throws Exception {
        byte[] der = h.leaf().getEncoded();
        byte[] message = "huren-login:bench:00000000-0000-0000-0000-000000000000:nonce".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance(h.signature(), BC);
        signer.initSign(h.key());
        signer.update(message);
        byte[] signature = signer.sign();
        CertificateFactory factory = CertificateFactory.getInstance("X.509", BC);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long count = 0;
        long start = System.nanoTime();
        while (System.nanoTime() < deadline) {
            X509Certificate leaf = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
            leaf.verify(h.ca().getPublicKey(), BC);
            Signature verifier = Signature.getInstance(h.signature(), BC);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(message);
            if (!verifier.verify(signature)) {
                throw new IllegalStateException("signature did not verify");
            }
            count++;
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    static double loginRate(int port, Holder h, int seconds, int clients) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String certificate = pem(h.leaf());
        AtomicLong ok = new AtomicLong();
        long warmupUntil = System.nanoTime() + 2_000_000_000L;
        long end = warmupUntil + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            workers.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    JsonNode c = JSON.readTree(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/t/bench/login/challenges"))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"mode\":\"TOKEN\"}")).build(),
                            HttpResponse.BodyHandlers.ofString()).body());
                    Signature signer = Signature.getInstance(h.signature(), BC);
                    signer.initSign(h.key());
                    signer.update(c.get("message").asText().getBytes(StandardCharsets.UTF_8));
                    String body = JSON.writeValueAsString(Map.of("certificate", certificate,
                            "signature", Base64.getEncoder().encodeToString(signer.sign())));
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                    + "/api/t/bench/login/challenges/" + c.get("id").asText() + "/response"))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException("login failed: " + r.statusCode() + " " + r.body());
                    }
                    if (System.nanoTime() > warmupUntil) {
                        ok.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : workers) {
            f.get();
        }
        pool.shutdown();
        return ok.get() / (double) seconds;
    }

    static Holder holder(Algorithm alg) throws Exception {
        KeyPair caKeys = keys(alg);
        KeyPair leafKeys = keys(alg);
        Instant now = Instant.now();
        X500Name caName = new X500Name("CN=Bench " + alg.name() + " CA");
        JcaX509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, BigInteger.ONE, Date.from(now.minusSeconds(3600)),
                Date.from(now.plus(Duration.ofDays(30))), caName, caKeys.getPublic());
        ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        X509Certificate caCert = new JcaX509CertificateConverter().setProvider(BC)
                .getCertificate(ca.build(new JcaContentSignerBuilder(alg.signature()).setProvider(BC).build(caKeys.getPrivate())));
        JcaX509v3CertificateBuilder leaf = new JcaX509v3CertificateBuilder(caCert, BigInteger.TWO, Date.from(now.minusSeconds(3600)),
                Date.from(now.plus(Duration.ofDays(30))), new X500Name("CN=Bench holder"), leafKeys.getPublic());
        leaf.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        leaf.addExtension(new ASN1ObjectIdentifier(OID), false, new DERUTF8String("91350100M000100Y43"));
        X509Certificate leafCert = new JcaX509CertificateConverter().setProvider(BC)
                .getCertificate(leaf.build(new JcaContentSignerBuilder(alg.signature()).setProvider(BC).build(caKeys.getPrivate())));
        return new Holder(caCert, leafCert, leafKeys.getPrivate(), alg.signature());
    }

    static KeyPair keys(Algorithm alg) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(alg.keyAlgorithm(), BC);
        if (alg.curve() != null) {
            generator.initialize(new ECGenParameterSpec(alg.curve()));
        } else {
            generator.initialize(2048);
        }
        return generator.generateKeyPair();
    }

    static String pem(X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
