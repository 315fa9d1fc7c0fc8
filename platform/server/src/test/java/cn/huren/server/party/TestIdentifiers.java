package cn.huren.server.party;

/** Test fixture: valid identifiers made from their first 17 characters. */
public final class TestIdentifiers {

    private TestIdentifiers() {
    }

    /** A valid unified social credit code: the 17 characters given and their check character. */
    public static String uscc(String first17) {
        return first17 + Uscc.checkCharacter(first17);
    }
}
