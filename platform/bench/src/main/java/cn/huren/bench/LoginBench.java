package cn.huren.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * the same run. Two runs per algorithm: every login with the same certificate (a returning holder:
 * the server's parse and chain caches are warm), and every login with a certificate the server has
 * never seen (cold caches; SM2 and ECDSA with a new key each, RSA with one key and new certificates).
 * Besides logins per second on the shared 2 cores it reports the CPU the server JVM and its
 * PostgreSQL used per login, read from /proc, so that the benchmark's own clients (which sign every
 * challenge on the same cores) do not hide what the server costs.
 *
 * <p>{@code java -cp "platform/bench/target/huren-bench.jar:platform/bench/target/lib/*" cn.huren.bench.LoginBench}
 * (options: {@code --only SM2|ECDSA|RSA}, {@code --clients N}, {@code --seconds N}, {@code --same-only true}, {@code --jar path},
 * {@code --durable on|off|both}: the embedded PostgreSQL durable, not, or one run of each, durable first; the default is both)
 */
public final class LoginBench {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OID = "1.2.156.10260.4.1.4";
    static final String TENANT = ServerProcess.tenantCode("bench");

    record Algorithm(String name, String keyAlgorithm, String curve, String signature) {
    }

    /** A bench CA: its certificate and key. */
    record Ca(X509Certificate certificate, PrivateKey key, String signature) {
    }

    record Holder(Ca ca, X509Certificate leaf, PrivateKey key, String signature) {
    }

    /** Logins per second on the shared cores; CPU milliseconds per login of the server JVM, its PostgreSQL and the clients. */
    record Run(double perSecond, double jvmCpuMs, double postgresCpuMs, double clientCpuMs, long logins, double commits) {

        double serverCpuMs() {
            return jvmCpuMs + postgresCpuMs;
        }
    }

    /** Each run's first seconds are not counted: the JIT compiles the new paths meanwhile. */
    static final long WARMUP_MS = 5_000;

    static final List<Algorithm> ALGORITHMS = List.of(new Algorithm("SM2", "EC", "sm2p256v1", "SM3withSM2"),
            new Algorithm("ECDSA P-256", "EC", "secp256r1", "SHA256withECDSA"), new Algorithm("RSA-2048", "RSA", null, "SHA256withRSA"));

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(OnboardingBench.arg(args, "--seconds", "10"));
        int clients = Integer.parseInt(OnboardingBench.arg(args, "--clients", "4"));
        int port = Integer.parseInt(OnboardingBench.arg(args, "--port", Integer.toString(freePort())));
        String xmx = OnboardingBench.arg(args, "--xmx", "512m");
        String only = OnboardingBench.arg(args, "--only", "");
        boolean cold = !OnboardingBench.arg(args, "--same-only", "false").equals("true");
        // an older server jar beside newer plugin jars: pick a plugin it can still start
        String plugin = OnboardingBench.arg(args, "--plugin", "jiangsu");
        Path jar = Path.of(OnboardingBench.arg(args, "--jar", "platform/server/target/huren-server.jar"));
        List<Boolean> durabilities = ServerProcess.durabilities(args);
        for (boolean durable : durabilities) {
            run(durable, seconds, clients, port, xmx, only, cold, plugin, jar);
        }
    }

    private static void run(boolean durable, int seconds, int clients, int port, String xmx, String only, boolean cold, String plugin,
            Path jar) throws Exception {
        OnboardingBench http = new OnboardingBench(port);
        ServerProcess server = ServerProcess.start(jar, Files.createTempDirectory("huren-login-bench"), port, xmx, OnboardingBench.PASSWORD,
                durable);
        try {
            http.awaitUp(server);
            if (!server.alive()) {
                throw new IllegalStateException("the server did not start (see " + server.log() + "); another one answers on port " + port);
            }
            http.send("POST", "/api/platform/tenants", Map.of("code", TENANT, "nameZh", "基准", "nameEn", "Bench", "plugin", plugin));
            System.out.printf(Locale.ROOT, "Huren certificate login benchmark: %d s per run, %d concurrent clients, server -Xmx%s, %d cores, %s%n",
                    seconds, clients, xmx, Runtime.getRuntime().availableProcessors(), ServerProcess.databaseLabel(durable));
            if (ServerProcess.external()) {
                System.out.println("the external PostgreSQL's CPU is not measured: \"server CPU\" below is the JVM's alone");
            }
            CommitCost.print(server);
            Map<Algorithm, Holder> holders = new java.util.LinkedHashMap<>();
            for (Algorithm alg : ALGORITHMS.stream().filter(a -> only.isEmpty() || a.name().startsWith(only)).toList()) {
                Holder holder = holder(alg);
                http.send("POST", "/api/platform/tenants/" + TENANT + "/cas", Map.of("name", alg.name(), "certificate", pem(holder.ca().certificate()),
                        "identity", Map.of("source", "OID", "oid", OID)));
                holders.put(alg, holder);
            }
            for (Holder holder : holders.values()) { // the JIT compiles every algorithm's path before anything is measured
                loginRate(server, port, List.of(holder), 3, clients);
            }
            for (Algorithm alg : holders.keySet()) {
                Holder holder = holders.get(alg);
                double raw = rawRate(holder, 3);
                Run same = loginRate(server, port, List.of(holder), seconds, clients);
                System.out.printf(Locale.ROOT, "%-12s raw BC crypto (1 core): %,8.0f /s%n", alg.name(), raw);
                print("same certificate", same, raw, Integer.MAX_VALUE);
                if (cold) {
                    List<Holder> fresh = fresh(holder, alg, (int) Math.min(200_000, same.perSecond() * (seconds + WARMUP_MS / 1000.0) * 1.5) + 100);
                    print("new certificate each login", loginRate(server, port, fresh, seconds, clients), raw, fresh.size());
                }
            }
            http.report(server, "after the login runs");
        } finally {
            server.stop();
        }
    }

    /**
     * One certificate login's server CPU on an already running server, the yardstick other benchmarks
     * compare with in the same run: SM2, the same certificate (a returning holder), {@code clients}
     * kept-alive clients, after a 3 s warm-up of that path. Creates this benchmark's tenant and CA.
     */
    static Run sm2Login(OnboardingBench http, ServerProcess server, int port, int seconds, int clients) throws Exception {
        http.send("POST", "/api/platform/tenants", Map.of("code", TENANT, "nameZh", "基准", "nameEn", "Bench", "plugin", "jiangsu"));
        Algorithm sm2 = ALGORITHMS.get(0);
        Holder holder = holder(sm2);
        http.send("POST", "/api/platform/tenants/" + TENANT + "/cas", Map.of("name", sm2.name(), "certificate", pem(holder.ca().certificate()),
                "identity", Map.of("source", "OID", "oid", OID)));
        loginRate(server, port, List.of(holder), 3, clients);
        return loginRate(server, port, List.of(holder), seconds, clients);
    }

    /** Other benchmarks may run on this machine meanwhile: a port nobody listens on. */
    static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void print(String what, Run run, double raw, int pool) {
        System.out.printf(Locale.ROOT, "  %-27s login over HTTP (2 cores): %,7.0f /s  ratio %4.1f %%   server CPU %.2f ms/login (JVM %.2f + PostgreSQL %.2f; %,.0f per server core-second, %4.1f %% of raw)   client CPU %.2f ms/login   %.1f commits/login%s%n",
                what, run.perSecond(), 100 * run.perSecond() / raw, run.serverCpuMs(), run.jvmCpuMs(), run.postgresCpuMs(), 1000 / run.serverCpuMs(),
                100 * (1000 / run.serverCpuMs()) / raw, run.clientCpuMs(), run.commits(), run.logins() > pool ? "  (pool of certificates exhausted: repeats)" : "");
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
            leaf.verify(h.ca().certificate().getPublicKey(), BC);
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

    static Run loginRate(ServerProcess server, int port, List<Holder> holders, int seconds, int clients) throws Exception {
        List<String> certificates = new ArrayList<>();
        for (Holder h : holders) {
            certificates.add(pem(h.leaf()));
        }
        AtomicLong ok = new AtomicLong();
        AtomicLong next = new AtomicLong();
        long warmupUntil = System.nanoTime() + WARMUP_MS * 1_000_000L;
        long end = warmupUntil + seconds * 1_000_000_000L;
        double[][] cpuAtStart = new double[2][];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        clock.schedule(() -> {
            cpuAtStart[0] = server.cpuSeconds();
            cpuAtStart[1] = new double[] {clientCpuSeconds(), commits(server)};
            return null;
        }, WARMUP_MS, TimeUnit.MILLISECONDS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                workers.add(pool.submit(() -> {
                    try (KeepAliveHttp client = new KeepAliveHttp("127.0.0.1", port)) {
                        while (System.nanoTime() < end) {
                            int n = (int) (next.getAndIncrement() % holders.size());
                            login(client, holders.get(n), certificates.get(n));
                            if (System.nanoTime() > warmupUntil) {
                                ok.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
            clock.shutdownNow();
        }
        long logins = ok.get();
        double[] serverCpu = server.cpuSeconds();
        double clientCpu = clientCpuSeconds() - cpuAtStart[1][0];
        return new Run(logins / (double) seconds, 1000 * (serverCpu[0] - cpuAtStart[0][0]) / logins,
                1000 * (serverCpu[1] - cpuAtStart[0][1]) / logins, 1000 * clientCpu / logins, next.get(),
                (commits(server) - cpuAtStart[1][1]) / logins);
    }

    private static void login(KeepAliveHttp client, Holder h, String certificate) throws Exception {
        KeepAliveHttp.Response issued = client.post("/api/t/" + TENANT + "/login/challenges", "{\"mode\":\"TOKEN\"}");
        if (issued.status() != 201) {
            throw new IllegalStateException("no challenge: " + issued.status() + " " + issued.body());
        }
        JsonNode c = JSON.readTree(issued.body());
        Signature signer = Signature.getInstance(h.signature(), BC);
        signer.initSign(h.key());
        signer.update(c.get("message").asText().getBytes(StandardCharsets.UTF_8));
        String body = JSON.writeValueAsString(Map.of("certificate", certificate, "signature", Base64.getEncoder().encodeToString(signer.sign())));
        KeepAliveHttp.Response r = client.post("/api/t/" + TENANT + "/login/challenges/" + c.get("id").asText() + "/response", body);
        if (r.status() != 200) {
            throw new IllegalStateException("login failed: " + r.status() + " " + r.body());
        }
    }

    /** Transactions PostgreSQL committed so far (every autocommitted statement counts as one). */
    private static double commits(ServerProcess server) throws Exception {
        try (java.sql.Connection db = server.database(); java.sql.ResultSet rs = db.createStatement().executeQuery("select sum(xact_commit) from pg_stat_database")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double clientCpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
    }

    static Holder holder(Algorithm alg) throws Exception {
        KeyPair caKeys = keys(alg);
        Instant now = Instant.now();
        X500Name caName = new X500Name("CN=Bench " + alg.name() + " CA");
        JcaX509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, BigInteger.ONE, Date.from(now.minusSeconds(3600)),
                Date.from(now.plus(Duration.ofDays(30))), caName, caKeys.getPublic());
        ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        X509Certificate caCert = new JcaX509CertificateConverter().setProvider(BC)
                .getCertificate(ca.build(new JcaContentSignerBuilder(alg.signature()).setProvider(BC).build(caKeys.getPrivate())));
        return leaf(new Ca(caCert, caKeys.getPrivate(), alg.signature()), keys(alg), BigInteger.TWO);
    }

    /** {@code count} holders of certificates from the same CA the server has not seen: new keys (one shared key for RSA). */
    static List<Holder> fresh(Holder template, Algorithm alg, int count) throws Exception {
        KeyPair rsa = alg.curve() == null ? keys(alg) : null;
        List<Holder> holders = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            holders.add(leaf(template.ca(), rsa != null ? rsa : keys(alg), BigInteger.valueOf(1000L + i)));
        }
        return holders;
    }

    /** A leaf certificate for {@code keys}, issued by {@code ca}. */
    private static Holder leaf(Ca ca, KeyPair keys, BigInteger serial) throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder leaf = new JcaX509v3CertificateBuilder(ca.certificate(), serial, Date.from(now.minusSeconds(3600)),
                Date.from(now.plus(Duration.ofDays(30))), new X500Name("CN=Bench holder"), keys.getPublic());
        leaf.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        leaf.addExtension(new ASN1ObjectIdentifier(OID), false, new DERUTF8String("91350100M000100Y43"));
        X509Certificate leafCert = new JcaX509CertificateConverter().setProvider(BC)
                .getCertificate(leaf.build(new JcaContentSignerBuilder(ca.signature()).setProvider(BC).build(ca.key())));
        return new Holder(ca, leafCert, keys.getPrivate(), ca.signature());
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
