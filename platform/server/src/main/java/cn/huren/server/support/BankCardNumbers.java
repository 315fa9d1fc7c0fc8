package cn.huren.server.support;

/** Bank card numbers (APP-07's four factors, APP-104): 12 to 19 digits whose Luhn (ISO/IEC 7812) check holds. */
public final class BankCardNumbers {

    private BankCardNumbers() {
    }

    public static boolean valid(String number) {
        return number != null && number.matches("[0-9]{12,19}") && luhn(number);
    }

    public static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
