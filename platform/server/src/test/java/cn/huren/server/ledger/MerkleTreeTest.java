package cn.huren.server.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RFC 6962 hashing against the test vectors of Google's Certificate Transparency code, as kept in
 * github.com/transparency-dev/merkle: testonly/constants.go (leaves, roots of every size 0–8) and
 * proof/verify_test.go (inclusion proofs; leaf numbers there are 1-based), rfc6962/rfc6962_test.go
 * (leaf and node hashes).
 */
class MerkleTreeTest {

    private static final HexFormat HEX = HexFormat.of();

    /** testonly.LeafInputs() */
    private static final List<byte[]> LEAVES = List.of(hex(""), hex("00"), hex("10"), hex("2021"), hex("3031"), hex("40414243"),
            hex("5051525354555657"), hex("606162636465666768696a6b6c6d6e6f"));

    /** testonly.RootHashes(), by tree size from 0 */
    private static final List<String> ROOTS = List.of(
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    private static final MerkleTree.Leaves SOURCE = (from, to, leaf) -> {
        for (long i = from; i < to; i++) {
            leaf.accept(LEAVES.get((int) i));
        }
    };

    @Test
    @DisplayName("leaf and node hashes carry the RFC 6962 domain prefixes 0x00 and 0x01")
    void leafAndNodeHashes() {
        assertThat(HEX.formatHex(MerkleTree.leafHash("L123456".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56");
        assertThat(HEX.formatHex(MerkleTree.nodeHash("N123".getBytes(StandardCharsets.US_ASCII), "N456".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb");
    }

    @Test
    @DisplayName("the root of every tree of 0 to 8 leaves is the reference root, one by one and folded in one pass")
    void roots() {
        for (int size = 0; size <= 8; size++) {
            assertThat(HEX.formatHex(MerkleTree.root(SOURCE, 0, size))).as("size %d", size).isEqualTo(ROOTS.get(size));
        }
        byte[][] all = MerkleTree.rootsAt(SOURCE, 0, new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8});
        for (int size = 0; size <= 8; size++) {
            assertThat(HEX.formatHex(all[size])).as("size %d in one pass", size).isEqualTo(ROOTS.get(size));
        }
    }

    @ParameterizedTest(name = "leaf {0} of {1}")
    @CsvSource(delimiter = ';', value = {
            "0; 1; ''",
            "0; 8; 96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7 5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e 6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            "5; 8; bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0 d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "2; 3; fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "1; 5; 6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d 5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"})
    @DisplayName("audit paths (RFC 6962 2.1.1) are the reference inclusion proofs")
    void inclusionProofs(long leaf, long size, String proof) {
        List<String> expected = proof.isBlank() ? List.of() : List.of(proof.split(" "));
        assertThat(MerkleTree.path(SOURCE, leaf, size).stream().map(HEX::formatHex).toList()).isEqualTo(expected);
    }

    @Test
    @DisplayName("an audit path leads from the leaf's hash to the root")
    void pathsVerify() {
        for (int size = 1; size <= 8; size++) {
            for (int m = 0; m < size; m++) {
                assertThat(HEX.formatHex(rootFromPath(m, size, MerkleTree.leafHash(LEAVES.get(m)), MerkleTree.path(SOURCE, m, size))))
                        .as("leaf %d of %d", m, size).isEqualTo(ROOTS.get(size));
            }
        }
    }

    /** RFC 9162 2.1.3.2: the root an inclusion proof computes. */
    private static byte[] rootFromPath(long index, long size, byte[] leafHash, List<byte[]> path) {
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleTree.nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = MerkleTree.nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return r;
    }

    private static byte[] hex(String text) {
        return HEX.parseHex(text);
    }
}
