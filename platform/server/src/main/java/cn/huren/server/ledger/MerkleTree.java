package cn.huren.server.ledger;

import cn.huren.server.support.Hashes;
import java.security.MessageDigest;
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
        MessageDigest sha = Hashes.sha256();
        sha.update((byte) 0);
        sha.update(data);
        return sha.digest();
    }

    static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha = Hashes.sha256();
        sha.update((byte) 1);
        sha.update(left);
        sha.update(right);
        return sha.digest();
    }

    /** Root of the leaves [from, to): perfect subtrees are merged on a stack, then folded right to left. */
    static byte[] root(Leaves leaves, long from, long to) {
        return rootsAt(leaves, from, new long[] {to - from})[0];
    }

    /**
     * Roots of the trees over the first {@code sizes[i]} leaves from {@code from}, all in one pass
     * ({@code sizes} ascending): the stack folded without being consumed at each size.
     */
    static byte[][] rootsAt(Leaves leaves, long from, long[] sizes) {
        byte[][] roots = new byte[sizes.length][];
        int next = 0;
        while (next < sizes.length && sizes[next] <= 0) {
            roots[next++] = Hashes.sha256().digest();
        }
        if (next == sizes.length) {
            return roots;
        }
        Deque<long[]> stackSizes = new ArrayDeque<>();
        Deque<byte[]> stack = new ArrayDeque<>();
        long[] count = {0};
        int[] pending = {next};
        leaves.forEach(from, from + sizes[sizes.length - 1], data -> {
            long size = 1;
            byte[] hash = leafHash(data);
            while (!stackSizes.isEmpty() && stackSizes.peek()[0] == size) {
                stackSizes.pop();
                hash = nodeHash(stack.pop(), hash);
                size *= 2;
            }
            stackSizes.push(new long[] {size});
            stack.push(hash);
            count[0]++;
            while (pending[0] < sizes.length && sizes[pending[0]] == count[0]) {
                roots[pending[0]++] = fold(stack);
            }
        });
        return roots;
    }

    private static byte[] fold(Deque<byte[]> stack) {
        java.util.Iterator<byte[]> it = stack.iterator();
        byte[] root = it.next();
        while (it.hasNext()) {
            root = nodeHash(it.next(), root);
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
}
