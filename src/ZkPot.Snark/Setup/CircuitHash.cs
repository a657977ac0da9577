using ZkPot.Snark.Formats;

namespace ZkPot.Snark.Setup;

/// <summary>
/// The circuit hash a .zkey's contributions section starts with, computed as <c>snarkjs groth16 setup</c> does
/// (zkey_new.js), so that <c>snarkjs zkey verify</c> finds our initial key's hash equal to the one it recomputes:
/// BLAKE2b-512 over the initial key's alpha1, beta1, beta2, gamma2, delta1, delta2, then for IC, the H-query, C, A,
/// B1 and B2 in that order a big-endian u32 count followed by the points (<see cref="HashEncoding"/>). The H-query
/// here is not the key's H section but the powers [tau^i (tau^n - 1)]G1: their number is written as n - 1, and as many
/// points follow, except that snarkjs hashes them 2^14 at a time and, once n - 1 exceeds 2^14, lets the last chunk
/// run to n points; that quirk is kept.
/// </summary>
internal static class CircuitHash
{
    const int HashChunk = 1 << 14;

    /// <summary>How many H-query points snarkjs hashes for a domain of n (n - 1, or n once n - 1 exceeds 2^14).</summary>
    public static int HQueryCount(int domainSize) => domainSize - 1 <= HashChunk ? domainSize - 1 : domainSize;

    /// <summary>
    /// snarkjs's hash; for a commit-and-prove key also, after snarkjs's fields, the tag "zkpot/commit-and-prove/v1",
    /// the count and the commitment bases F_j, so the contribution chain is anchored to the commitment key too.
    /// </summary>
    public static byte[] Compute(ZKeyHeader initial, ReadOnlySpan<G1Affine> ic, ReadOnlySpan<G1Affine> hQuery,
        ReadOnlySpan<G1Affine> c, ReadOnlySpan<G1Affine> a, ReadOnlySpan<G1Affine> b1, ReadOnlySpan<G2Affine> b2,
        ReadOnlySpan<G1Affine> commitmentBases = default)
    {
        var hasher = new Blake2b();
        HashEncoding.AppendG1(hasher, initial.Alpha1);
        HashEncoding.AppendG1(hasher, initial.Beta1);
        HashEncoding.AppendG2(hasher, initial.Beta2);
        HashEncoding.AppendG2(hasher, initial.Gamma2);
        HashEncoding.AppendG1(hasher, initial.Delta1);
        HashEncoding.AppendG2(hasher, initial.Delta2);

        HashEncoding.AppendU32(hasher, (uint)ic.Length);
        HashEncoding.AppendG1(hasher, ic);
        HashEncoding.AppendU32(hasher, (uint)(initial.DomainSize - 1));
        if (hQuery.Length != HQueryCount(initial.DomainSize))
            throw new ArgumentException($"the H query has {hQuery.Length} points, snarkjs hashes {HQueryCount(initial.DomainSize)} for domain {initial.DomainSize}", nameof(hQuery));
        HashEncoding.AppendG1(hasher, hQuery);
        HashEncoding.AppendU32(hasher, (uint)c.Length);
        HashEncoding.AppendG1(hasher, c);
        HashEncoding.AppendU32(hasher, (uint)a.Length);
        HashEncoding.AppendG1(hasher, a);
        HashEncoding.AppendU32(hasher, (uint)b1.Length);
        HashEncoding.AppendG1(hasher, b1);
        HashEncoding.AppendU32(hasher, (uint)b2.Length);
        HashEncoding.AppendG2(hasher, b2);
        if (commitmentBases.Length > 0)
        {
            hasher.Append("zkpot/commit-and-prove/v1"u8);
            HashEncoding.AppendU32(hasher, (uint)commitmentBases.Length);
            HashEncoding.AppendG1(hasher, commitmentBases);
        }
        return hasher.Finish();
    }
}
