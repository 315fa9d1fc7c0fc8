package cn.huren.server.certificateapplication;

import cn.huren.server.binding.CertificateBindings;
import cn.huren.server.binding.CertificateStatus;
import cn.huren.server.binding.CertificateType;
import java.time.Instant;

/**
 * One certificate application as its party sees it. {@code status}: what the certificate lists show
 * (SX-16, SX-17, APP-29): IN_REVIEW (审核中), AWAITING_DOWNLOAD (待下载), INVALID (已失效: rejected, with
 * the reason, or cancelled); once DOWNLOADED the certificate is binding {@code bindingId} and its
 * status is that binding's. {@code downloadMessage}: what the key signs to download it.
 */
public record Application(long id, Kind kind, CertificateType type, CertificateBindings.Medium medium, String holderName,
                          String keyAlgorithm, Long replaces, State state, CertificateStatus status, String reason, String serial,
                          String issuer, String caName, Instant notAfter, Instant createdAt, Instant decidedAt, Instant downloadedAt,
                          Long bindingId, String downloadMessage) {

    /** 新办 / 更新 / 变更. */
    public enum Kind { ISSUE, RENEW, CHANGE }

    public enum State {
        IN_REVIEW, REJECTED, CANCELLED, AWAITING_DOWNLOAD, DOWNLOADED;

        CertificateStatus status() {
            return switch (this) {
                case IN_REVIEW -> CertificateStatus.IN_REVIEW;
                case AWAITING_DOWNLOAD -> CertificateStatus.AWAITING_DOWNLOAD;
                case REJECTED, CANCELLED -> CertificateStatus.INVALID;
                case DOWNLOADED -> null;
            };
        }
    }

    /** The UTF-8 bytes the application's key signs to download its certificate. */
    static String downloadMessage(String tenant, long id) {
        return "huren-download:" + tenant + ":" + id;
    }
}
