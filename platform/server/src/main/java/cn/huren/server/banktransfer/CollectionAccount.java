package cn.huren.server.banktransfer;

/**
 * The operator's account the person transfers to (收款账户), as shown to them: number, holder and bank. Its number is
 * also the reference the bank gateway is asked about.
 */
public record CollectionAccount(String number, String name, String bank) {
}
