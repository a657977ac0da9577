using System.Security.Cryptography;
using ZkPot.Ledger.Crypto;

namespace ZkPot.Ledger.Chain;

/// <summary>Binary SHA-256 Merkle tree over a block's transactions.</summary>
/// <remarks>
/// leaf = SHA-256(0x00 || tx), node = SHA-256(0x01 || left || right): the prefixes keep a leaf from posing as an
/// inner node. Levels are built left to right; an odd last node is carried up unchanged (never paired with
/// itself, so no two different transaction lists share a root). This is the RFC 6962 tree hash; the empty
/// list hashes to SHA-256 of the empty string.
/// </remarks>
public static class MerkleTree
{
    public static Hash32 Root(IReadOnlyList<byte[]> transactions)
    {
        if (transactions.Count == 0) return Hash32.Sha256([]);
        var level = new Hash32[transactions.Count];
        for (int i = 0; i < level.Length; i++) level[i] = Leaf(transactions[i]);
        int count = level.Length;
        Span<byte> pair = stackalloc byte[1 + 2 * Hash32.Size];
        pair[0] = 0x01;
        while (count > 1)
        {
            int next = 0;
            for (int i = 0; i + 1 < count; i += 2)
            {
                level[i].CopyTo(pair[1..]);
                level[i + 1].CopyTo(pair[(1 + Hash32.Size)..]);
                level[next++] = Hash32.Sha256(pair);
            }
            if ((count & 1) == 1) level[next++] = level[count - 1];
            count = next;
        }
        return level[0];
    }

    public static Hash32 Leaf(ReadOnlySpan<byte> transaction)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData([0x00]);
        sha.AppendData(transaction);
        return new Hash32(sha.GetHashAndReset());
    }
}
