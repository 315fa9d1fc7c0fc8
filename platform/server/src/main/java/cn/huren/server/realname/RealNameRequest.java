package cn.huren.server.realname;

import cn.huren.server.party.IdentityDocument.DocumentType;

/**
 * What a person submits for real-name verification, as typed: {@link RealNames#verify} validates it (field errors)
 * before anything is sent. {@code documentType} may be null: it is then told from the number's shape.
 * {@code faceToken} is for {@link RealNameMethod#ALIPAY_FACE}, {@code cardNumber} and {@code cardMobile} for
 * {@link RealNameMethod#BANK_CARD}. {@link #toString()} shows no personal data.
 */
public record RealNameRequest(RealNameMethod method, String name, DocumentType documentType, String documentNumber,
                              String faceToken, String cardNumber, String cardMobile) {

    @Override
    public String toString() {
        return "RealNameRequest[" + method + ", " + documentType + "]";
    }
}
