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
}
