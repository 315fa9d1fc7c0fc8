package cn.huren.server.binding;

import cn.huren.server.party.PartyKind;

/**
 * A bound certificate's type as SX-19 names it. The certificate itself says only whose it is (a USCC
 * or an ID number), so an enterprise's certificate starts as ENTERPRISE (单位证书) and its
 * administrator may declare one the legal representative's (法定代表人证书), which is what a
 * 法人章 is linked to; a person's is PERSONAL.
 */
public enum CertificateType {
    ENTERPRISE, LEGAL_REPRESENTATIVE, PERSONAL;

    static CertificateType of(PartyKind holder) {
        return holder == PartyKind.ENTERPRISE ? ENTERPRISE : PERSONAL;
    }

    /** The types an enterprise's administrator may choose between; a person's certificate stays PERSONAL. */
    boolean enterprise() {
        return this != PERSONAL;
    }
}
