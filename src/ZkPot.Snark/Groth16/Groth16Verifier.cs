using System.Security.Cryptography;
using ZkPot.Crypto;

namespace ZkPot.Snark.Groth16;

/// <summary>
/// Groth16 verification: e(A, B) = e(alpha, beta) e(vk_x, gamma) e(C, delta), checked as
/// e(-A, B) e(vk_x, gamma) e(C, delta) e(alpha, beta) = 1 with one multi-Miller loop and one final exponentiation.
/// A commit-and-prove proof's D joins vk_x (it carries the committed wires' share), and its proof of knowledge
/// e(Pi, G2) = e(D, [sigma]_2) is folded in with a random weight rho:
/// e(-A, B) e(vk_x + D, gamma) e(C, delta) e(rho Pi, G2) e(-rho D, [sigma]_2) e(alpha, beta) = 1 (with gamma = G2, as in
/// every ceremony key, the second and fourth pairs share one Miller loop). Without the proof of knowledge D would not be
/// bound: (A, B, C, D + vk_x - vk_x') verifies for any other public input x'.
/// </summary>
public static class Groth16Verifier
{
    /// <summary>
    /// Verifies one proof. Throws <see cref="InvalidDataException"/> for malformed input (wrong number of public
    /// signals, a point off the curve or outside the subgroup); returns false for a well-formed proof that fails.
    /// </summary>
    public static bool Verify(VerifyingKey vk, ReadOnlySpan<Fr> publicSignals, Proof proof)
    {
        CheckShape(vk, publicSignals.Length, proof, "proof");
        var vkx = LinearCombination(vk, publicSignals);
        if (vk.Commitment is not { } commitment)
        {
            var plain = Pairing.MillerLoop(
                [proof.A.Negate(), vkx, proof.C],
                [new G2Prepared(proof.B), vk.GammaPrepared, vk.DeltaPrepared]);
            return Pairing.FinalExponentiation(plain * vk.AlphaBetaMiller).IsOne;
        }
        var (d, pi) = (proof.Commitment!.D, proof.Commitment.Pi);
        var rho = RandomWeight();
        var vkxd = vkx.ToJacobian().AddMixed(d);
        var rhoPi = pi.ToJacobian().Multiply(rho);
        var rhoD = d.ToJacobian().Multiply(rho).Negate();
        Fp12 f;
        if (vk.Gamma == G2.Generator)
        {
            var points = G1Jacobian.ToAffine([vkxd.Add(rhoPi), rhoD]);
            f = Pairing.MillerLoop([proof.A.Negate(), points[0], proof.C, points[1]],
                [new G2Prepared(proof.B), vk.GammaPrepared, vk.DeltaPrepared, commitment.SigmaPrepared]);
        }
        else
        {
            var points = G1Jacobian.ToAffine([vkxd, rhoPi, rhoD]);
            f = Pairing.MillerLoop([proof.A.Negate(), points[0], proof.C, points[1], points[2]],
                [new G2Prepared(proof.B), vk.GammaPrepared, vk.DeltaPrepared, GeneratorPrepared, commitment.SigmaPrepared]);
        }
        return Pairing.FinalExponentiation(f * vk.AlphaBetaMiller).IsOne;
    }

    static readonly G2Prepared GeneratorPrepared = G2Prepared.ForFixedPoint(G2.Generator);

    /// <summary>
    /// Verifies many proofs of one key at once: with fresh random 128-bit weights rho_i it checks
    /// prod e(-rho_i A_i, B_i) e(sum rho_i vk_x_i, gamma) e(sum rho_i C_i, delta) e((sum rho_i) alpha, beta) = 1,
    /// one multi-Miller loop and one final exponentiation for the batch. A forged proof passes only with probability
    /// about 2^-128. When the batch fails, every proof is checked alone so the bad ones are named.
    /// </summary>
    /// <returns>One verdict per proof.</returns>
    public static bool[] VerifyBatch(VerifyingKey vk, IReadOnlyList<(Fr[] PublicSignals, Proof Proof)> items)
    {
        int n = items.Count;
        var verdicts = new bool[n];
        if (n == 0) return verdicts;
        Parallel.For(0, n, i => CheckShape(vk, items[i].PublicSignals.Length, items[i].Proof, $"proof {i}"));
        if (BatchHolds(vk, items)) { Array.Fill(verdicts, true); return verdicts; }
        for (int i = 0; i < n; i++) verdicts[i] = Verify(vk, items[i].PublicSignals, items[i].Proof);
        return verdicts;
    }

    static bool BatchHolds(VerifyingKey vk, IReadOnlyList<(Fr[] PublicSignals, Proof Proof)> items)
    {
        int n = items.Count;
        var rho = new Fr[n];
        for (int i = 0; i < n; i++) rho[i] = RandomWeight();

        // sum_i rho_i vk_x_i = (sum rho_i) IC_0 + sum_j (sum_i rho_i pub_ij) IC_{j+1}.
        var icScalars = new Fr[vk.IC.Count];
        for (int i = 0; i < n; i++)
        {
            icScalars[0] += rho[i];
            var pub = items[i].PublicSignals;
            for (int j = 0; j < pub.Length; j++) icScalars[j + 1] += rho[i] * pub[j];
        }
        var sumRho = icScalars[0];

        var g1 = new G1Affine[n + 3];
        var g2 = new G2Prepared[n + 3];
        var negA = new G1Jacobian[n];
        Parallel.For(0, n, i => { negA[i] = items[i].Proof.A.Negate().ToJacobian().Multiply(rho[i]); g2[i] = new G2Prepared(items[i].Proof.B); });
        // The two sums are multi-scalar multiplications: Pippenger shares the doublings that 64 separate
        // multiplications would each repeat.
        var cs = new G1Affine[n];
        for (int i = 0; i < n; i++) cs[i] = items[i].Proof.C;
        var c = CpuMsm.Shared.MultiExp(cs, rho);
        var vkx = CpuMsm.Shared.MultiExp(vk.IC.ToArray(), icScalars);
        var alpha = vk.Alpha.ToJacobian().Multiply(sumRho);

        if (vk.Commitment is { } commitment)
        {
            // sum rho_i D_i joins vk_x; the proofs of knowledge with independent weights t_i: e(sum t_i Pi_i, G2) e(-sum t_i D_i, sigma).
            var ds = new G1Affine[n];
            var pis = new G1Affine[n];
            var t = new Fr[n];
            for (int i = 0; i < n; i++) { ds[i] = items[i].Proof.Commitment!.D; pis[i] = items[i].Proof.Commitment!.Pi; t[i] = RandomWeight(); }
            vkx = vkx.Add(CpuMsm.Shared.MultiExp(ds, rho));
            var extra = G1Jacobian.ToAffine([CpuMsm.Shared.MultiExp(pis, t), CpuMsm.Shared.MultiExp(ds, t).Negate()]);
            g1 = [.. g1, extra[0], extra[1]];
            g2 = [.. g2, GeneratorPrepared, commitment.SigmaPrepared];
        }
        var affine = G1Jacobian.ToAffine([.. negA, vkx, c, alpha]);
        affine.CopyTo(g1, 0);
        g2[n] = vk.GammaPrepared; g2[n + 1] = vk.DeltaPrepared; g2[n + 2] = vk.BetaPrepared;
        return Pairing.FinalExponentiation(MillerLoopParallel(g1, g2)).IsOne;
    }

    /// <summary>Splits the pairs over the cores; the partial Miller loops multiply together before the one final exponentiation.</summary>
    static Fp12 MillerLoopParallel(G1Affine[] g1, G2Prepared[] g2)
    {
        int parts = Math.Min(Environment.ProcessorCount, Math.Max(1, g1.Length / 4));
        var partial = new Fp12[parts];
        Parallel.For(0, parts, k =>
        {
            int from = g1.Length * k / parts, to = g1.Length * (k + 1) / parts;
            partial[k] = Pairing.MillerLoop(g1.AsSpan(from, to - from), g2.AsSpan(from, to - from));
        });
        var f = partial[0];
        for (int k = 1; k < parts; k++) f *= partial[k];
        return f;
    }

    /// <summary>
    /// IC[0] + sum_j pub_j IC[j+1] by interleaved double-and-add: one doubling chain shared by every signal (as long as
    /// the longest one) and a mixed addition of the affine IC point per set bit, so small signals cost a few additions
    /// and no precomputed table.
    /// </summary>
    static G1Affine LinearCombination(VerifyingKey vk, ReadOnlySpan<Fr> pub)
    {
        Span<ulong> words = stackalloc ulong[4 * pub.Length];
        int topBit = -1;
        for (int j = 0; j < pub.Length; j++)
        {
            pub[j].ToCanonical(out words[4 * j], out words[4 * j + 1], out words[4 * j + 2], out words[4 * j + 3]);
            for (int w = 3; w >= 0; w--)
                if (words[4 * j + w] != 0) { topBit = Math.Max(topBit, 64 * w + 63 - System.Numerics.BitOperations.LeadingZeroCount(words[4 * j + w])); break; }
        }
        var acc = G1Jacobian.Infinity;
        for (int bit = topBit; bit >= 0; bit--)
        {
            acc = acc.Double();
            for (int j = 0; j < pub.Length; j++)
                if (((words[4 * j + bit / 64] >> (bit % 64)) & 1) != 0) acc = acc.AddMixed(vk.IC[j + 1]);
        }
        return acc.AddMixed(vk.IC[0]).ToAffine();
    }

    static void CheckShape(VerifyingKey vk, int publicCount, Proof proof, string what)
    {
        if (publicCount != vk.PublicCount)
            throw new InvalidDataException($"{what}: {publicCount} public signals given, the verifying key expects {vk.PublicCount}");
        G1.Checked(proof.A, $"{what} A");
        G2.Checked(proof.B, $"{what} B");
        G1.Checked(proof.C, $"{what} C");
        if ((vk.Commitment is null) != (proof.Commitment is null))
            throw new InvalidDataException(vk.Commitment is null
                ? $"{what}: carries a commitment (D, Pi) but the verifying key has none"
                : $"{what}: the verifying key is commit-and-prove but the proof has no commitment (D, Pi)");
        if (proof.Commitment is { } c)
        {
            G1.Checked(c.D, $"{what} D");
            G1.Checked(c.Pi, $"{what} Pi");
        }
    }

    static Fr RandomWeight()
    {
        Span<byte> b = stackalloc byte[16];
        RandomNumberGenerator.Fill(b);
        b[15] |= 0x80; // never zero: a zero weight would drop a proof from the check
        return Fr.FromCanonical(BitConverter.ToUInt64(b), BitConverter.ToUInt64(b[8..]), 0, 0);
    }
}
