package cn.huren.server.browser;

import cn.huren.server.SentCodes;

/** The account pages' common path in browser tests: a new number registers by SMS code and verifies its person (CFCA). */
final class AccountPagesFlow {

    private AccountPagesFlow() {
    }

    /**
     * Registers {@code mobile} on {@code host}'s pages with the code {@code sent} reads (made before this is called),
     * verifies {@code name} and {@code residentId} in the sandbox, and waits for {@code landing}.
     */
    static void registerAndVerify(Browser browser, String host, SentCodes sent, String mobile, String name, String residentId, String landing) {
        browser.go(host, "/account/register?lang=zh-CN");
        browser.type("#mobile", mobile);
        browser.click("#send-code");
        browser.waitForText("#send-code", "秒后重新获取");
        browser.type("#code", sent.next(mobile));
        browser.click("#agree");
        browser.submit("#register-submit");
        browser.waitForPath("/account/real-name");
        browser.type("#name", name);
        browser.type("#documentNumber", residentId);
        browser.submit("#real-name-submit");
        browser.waitForPath(landing);
    }
}
