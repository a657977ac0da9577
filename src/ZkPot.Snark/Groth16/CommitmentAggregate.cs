using ZkPot.Crypto;

namespace ZkPot.Snark.Groth16;

/// <summary>
/// The aggregate check of commit-and-prove proofs under one key: the D of each included proof commits to a vector
/// (the committed wires) and a mask, so sum_i D_i = sum_j S_j F_j + R F_mask exactly when S is the sum of the committed
/// vectors and R the sum of the masks. A validator checks a published sum S (with R) against the proofs it accepted with
/// one MSM over the key's bases and one addition per proof, learning nothing about any single vector.
/// </summary>
public static class CommitmentAggregate
{
    /// <summary>
    /// True when sum_i <paramref name="commitments"/>[i] = sum_j <paramref name="sums"/>[j] F_j + <paramref name="maskSum"/> F_mask;
    /// <paramref name="sums"/> has one entry per committed wire but the mask.
    /// </summary>
    public static bool Matches(CommitmentVerifyingKey key, IReadOnlyList<G1Affine> commitments, ReadOnlySpan<Fr> sums, in Fr maskSum)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(commitments);
        if (sums.Length != key.Count - 1)
            throw new ArgumentException($"the key commits to {key.Count - 1} values and a mask; {sums.Length} sums given", nameof(sums));
        var total = G1Jacobian.Infinity;
        foreach (var d in commitments)
            total = total.AddMixed(G1.Checked(d, "commitment D"));
        return total.IsSamePoint(Commit(key, sums, maskSum));
    }

    /// <summary>sum_j values[j] F_j + mask F_mask: the commitment to a vector under the key.</summary>
    public static G1Jacobian Commit(CommitmentVerifyingKey key, ReadOnlySpan<Fr> values, in Fr mask)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (values.Length != key.Count - 1)
            throw new ArgumentException($"the key commits to {key.Count - 1} values and a mask; {values.Length} given", nameof(values));
        var scalars = new Fr[key.Count];
        values.CopyTo(scalars);
        scalars[^1] = mask;
        return CpuMsm.Shared.MultiExp(key.Bases.ToArray(), scalars);
    }

    /// <summary>
    /// The same commitment for signed 64-bit values (integer models and their sums): a Pippenger sum over the values'
    /// own bit length with signed digits, so a sum of int8 weights costs about one mixed addition per base instead of a
    /// 254-bit multi-exponentiation, plus one scalar multiplication for the mask.
    /// </summary>
    public static G1Jacobian Commit(CommitmentVerifyingKey key, ReadOnlySpan<long> values, in Fr mask)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (values.Length != key.Count - 1)
            throw new ArgumentException($"the key commits to {key.Count - 1} values and a mask; {values.Length} given", nameof(values));
        var bases = key.Bases;
        ulong largest = 0;
        foreach (long v in values)
            largest = Math.Max(largest, v == long.MinValue ? 1UL << 63 : (ulong)Math.Abs(v));
        int bits = 64 - System.Numerics.BitOperations.LeadingZeroCount(largest);
        const int c = 12;
        var total = bases[^1].ToJacobian().Multiply(mask);
        if (bits == 0) return total;
        // Signed digits d in [-2^(c-1), 2^(c-1)] per window, low window first; bucket |d| - 1 takes +-P.
        int windows = (bits + c) / c;
        var digits = new int[windows * values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            long v = values[i];
            bool negative = v < 0;
            ulong m = negative ? (ulong)-v : (ulong)v;
            int carry = 0;
            for (int w = 0; w < windows; w++)
            {
                int d = (int)(m & ((1UL << c) - 1)) + carry;
                m >>= c;
                carry = d > 1 << (c - 1) ? 1 : 0;
                d -= carry << c;
                digits[w * values.Length + i] = negative ? -d : d;
            }
        }
        var buckets = new G1Jacobian[1 << (c - 1)];
        var sum = G1Jacobian.Infinity;
        for (int w = windows - 1; w >= 0; w--)
        {
            for (int k = 0; k < c && !sum.IsInfinity; k++) sum = sum.Double();
            Array.Fill(buckets, G1Jacobian.Infinity);
            int top = 0;
            for (int i = 0; i < values.Length; i++)
            {
                int d = digits[w * values.Length + i];
                if (d == 0) continue;
                int b = Math.Abs(d) - 1;
                buckets[b] = buckets[b].AddMixed(d > 0 ? bases[i] : bases[i].Negate());
                top = Math.Max(top, b + 1);
            }
            // sum_b (b + 1) bucket_b as running sums from the top.
            var running = G1Jacobian.Infinity;
            var window = G1Jacobian.Infinity;
            for (int b = top - 1; b >= 0; b--)
            {
                running = running.Add(buckets[b]);
                window = window.Add(running);
            }
            sum = sum.Add(window);
        }
        return total.Add(sum);
    }
}
