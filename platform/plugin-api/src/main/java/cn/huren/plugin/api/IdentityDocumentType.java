package cn.huren.plugin.api;

/**
 * The identity documents a natural person in China bids with, as the host's {@code party.IdentityDocument.DocumentType}
 * names them (same constant names; the host validates the numbers, docs/identity-documents.md).
 */
public enum IdentityDocumentType {
    /** 居民身份证, GB 11643-1999. */
    RESIDENT_ID,
    /** 港澳居民居住证 (address code 810000 or 820000). */
    HK_MACAO_RESIDENCE_PERMIT,
    /** 台湾居民居住证 (address code 830000). */
    TAIWAN_RESIDENCE_PERMIT,
    /** 外国人永久居留证, the 2004 format: 3 letters and 12 digits. */
    FOREIGN_PERMANENT_RESIDENCE_OLD,
    /** 外国人永久居留身份证, the 2023 format: 18 characters starting with 9. */
    FOREIGN_PERMANENT_RESIDENCE
}
