package cn.huren.device;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The text of a login page's QR code:
 * {@code huren://login?server=<URL-encoded base URL>&tenant=<code>&challenge=<uuid>&nonce=<nonce>}.
 * Parsing refuses anything else with the reason, so a tampered code is never signed.
 */
record QrPayload(String server, String tenant, UUID challenge, String nonce) {

    private static final String PREFIX = "huren://login?";
    private static final Set<String> FIELDS = Set.of("server", "tenant", "challenge", "nonce");

    /** What the app signs: exactly the message the server built for this challenge. */
    String message() {
        return "huren-login:" + tenant + ":" + challenge + ":" + nonce;
    }

    static QrPayload parse(String text) {
        String payload = text == null ? "" : text.strip();
        if (!payload.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a Huren login code: it must start with " + PREFIX);
        }
        if (payload.length() > 2048) {
            throw new IllegalArgumentException("the code is longer than any login code (" + payload.length() + " characters)");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : payload.substring(PREFIX.length()).split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException("unexpected field '" + name + "' in the code (expected server, tenant, challenge, nonce)");
            }
            if (eq < 0 || fields.put(name, decode(name, pair.substring(eq + 1))) != null) {
                throw new IllegalArgumentException("field " + name + (eq < 0 ? " has no value" : " appears twice"));
            }
        }
        for (String name : FIELDS) {
            if (!fields.containsKey(name) || fields.get(name).isEmpty()) {
                throw new IllegalArgumentException("the code lacks " + name);
            }
        }
        return new QrPayload(server(fields.get("server")), tenant(fields.get("tenant")), challenge(fields.get("challenge")),
                nonce(fields.get("nonce")));
    }

    private static String decode(String name, String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field " + name + " is not URL-encoded properly");
        }
    }

    private static String server(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("server is not a URL: " + value);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("server must be a plain http(s) base URL such as http://js.localhost:8080, got " + value);
        }
        return value.replaceAll("/+$", "");
    }

    private static String tenant(String value) {
        if (!value.matches("[a-z][a-z0-9]{1,15}")) {
            throw new IllegalArgumentException("tenant is not a tenant code (2 to 16 lower-case letters and digits): " + value);
        }
        return value;
    }

    private static UUID challenge(String value) {
        try {
            UUID id = UUID.fromString(value);
            if (!id.toString().equals(value.toLowerCase())) {
                throw new IllegalArgumentException(value);
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("challenge is not a challenge id (UUID): " + value);
        }
    }

    private static String nonce(String value) {
        if (!value.matches("[A-Za-z0-9_-]{16,128}")) {
            throw new IllegalArgumentException("nonce is not a login nonce (16 to 128 base64url characters): " + value);
        }
        return value;
    }
}
