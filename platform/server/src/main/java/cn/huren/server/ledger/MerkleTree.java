package cn.huren.server.ledger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Merkle tree hashing as in RFC 6962 (Certificate Transparency): leaf = SHA-256(0x00 ‖ data),
 * node = SHA-256(0x01 ‖ left ‖ right), the left subtree always the largest power of two. Roots
 * are folded from a stream of leaves in O(log n) memory.
 */
final class MerkleTree {

    /** Reads the leaf data of positions [from, to) in order. */
    interface Leaves {
        void forEach(long from, long to, java.util.function.Consumer<byte[]> leaf);
    }

    private MerkleTree() {
    }

    static byte[] leafHash(byte[] data) {
        MessageDigest sha = sha();
        sha.update((byte) 0);
        sha.update(data);
        return sha.digest();
    }

    static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha = sha();
        sha.update((byte) 1);
        sha.update(left);
        sha.update(right);
        return sha.digest();
    }

    /** Root of the leaves [from, to): perfect subtrees are merged on a stack, then folded right to left. */
    static byte[] root(Leaves leaves, long from, long to) {
        if (to <= from) {
            return sha().digest();
        }
        Deque<long[]> sizes = new ArrayDeque<>();
        Deque<byte[]> hashes = new ArrayDeque<>();
        leaves.forEach(from, to, data -> {
            long size = 1;
            byte[] hash = leafHash(data);
            while (!sizes.isEmpty() && sizes.peek()[0] == size) {
                sizes.pop();
                hash = nodeHash(hashes.pop(), hash);
                size *= 2;
            }
            sizes.push(new long[] {size});
            hashes.push(hash);
        });
        byte[] root = hashes.pop();
        while (!hashes.isEmpty()) {
            root = nodeHash(hashes.pop(), root);
        }
        return root;
    }

    /** The audit path of leaf {@code m} in the tree of the first {@code n} leaves (RFC 6962 §2.1.1). */
    static List<byte[]> path(Leaves leaves, long m, long n) {
        List<byte[]> path = new ArrayList<>();
        path(leaves, m, 0, n, path);
        return path;
    }

    private static void path(Leaves leaves, long m, long lo, long hi, List<byte[]> out) {
        long n = hi - lo;
        if (n <= 1) {
            return;
        }
        long k = Long.highestOneBit(n - 1);
        if (m - lo < k) {
            path(leaves, m, lo, lo + k, out);
            out.add(root(leaves, lo + k, hi));
        } else {
            path(leaves, m, lo + k, hi, out);
            out.add(root(leaves, lo, lo + k));
        }
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
