using ZkPot.Crypto;
using ZkPot.Snark.Formats;
using ZkPot.Snark.Setup;

namespace ZkPot.Snark.Groth16;

/// <summary>
/// The Groth16 prover with the data flow of snarkjs/rapidsnark: evaluate A.w and B.w on the domain, c = a*b, move all
/// three to the odd coset of the 2n-th roots (iNTT, shift, NTT), h = a*b - c there, then the multi-scalar
/// multiplications. The key's H points are Lagrange points of that coset, so no division by Z is needed.
/// NTT and MSM come in through <see cref="INtt"/> and <see cref="IMsm"/> so a GPU engine can stand in. With a
/// commit-and-prove key the proof also carries D = sum_j a_j F_j and Pi = sum_j a_j [sigma F_j]_1 over the committed wires.
/// </summary>
public sealed class Groth16Prover(IMsm msm, INtt ntt)
{
    /// <summary>The prover on the CPU engines.</summary>
    public static Groth16Prover Cpu { get; } = new(CpuMsm.Shared, CpuNtt.Shared);

    /// <summary>Proves with fresh blinding factors r and s from the OS CSPRNG.</summary>
    public Proof Prove(ZKey zkey, ReadOnlySpan<Fr> witness) => Prove(zkey, witness, RandomNonZero(), RandomNonZero());

    /// <summary>Proves with the given blinding factors (tests use fixed ones to compare runs).</summary>
    public Proof Prove(ZKey zkey, ReadOnlySpan<Fr> witness, Fr r, Fr s)
    {
        ZKeyExport.RequireUsable(zkey);
        var h = zkey.Header;
        if (witness.Length != h.NVars)
            throw new InvalidDataException($"witness has {witness.Length} values, the key's circuit has {h.NVars} wires");
        if (!witness[0].IsOne)
            throw new InvalidDataException("witness value 0 must be 1 (the constant wire)");

        var w = witness.ToArray();
        var hEvals = QuotientOnOddCoset(zkey, w);

        var piA = msm.MultiExp(zkey.A, w).AddMixed(h.Alpha1).Add(h.Delta1.ToJacobian().Multiply(r));
        var piB2 = msm.MultiExp(zkey.B2, w).AddMixed(h.Beta2).Add(h.Delta2.ToJacobian().Multiply(s));
        var piB1 = msm.MultiExp(zkey.B1, w).AddMixed(h.Beta1).Add(h.Delta1.ToJacobian().Multiply(s));
        var piC = msm.MultiExp(zkey.C, w.AsSpan(h.NPublic + 1))
            .Add(msm.MultiExp(zkey.H, hEvals))
            .Add(piA.Multiply(s))
            .Add(piB1.Multiply(r))
            .Add(h.Delta1.ToJacobian().Multiply(r * s).Negate());
        if (zkey.Commitment is not { } commitment)
        {
            var affine = G1Jacobian.ToAffine([piA, piC]);
            return new Proof(affine[0], piB2.ToAffine(), affine[1]);
        }
        // The committed wires have no C point (their share is D), so C above already leaves them out.
        var committed = w.AsSpan(h.NPublic + 1, commitment.Count);
        var d = msm.MultiExp(commitment.Bases, committed);
        var pi = msm.MultiExp(commitment.SigmaBases, committed);
        var points = G1Jacobian.ToAffine([piA, piC, d, pi]);
        return new Proof(points[0], piB2.ToAffine(), points[1], new ProofCommitment(points[2], points[3]));
    }

    /// <summary>The public signals of a witness, as public.json lists them (wires 1..nPublic).</summary>
    public static Fr[] PublicSignals(ZKey zkey, ReadOnlySpan<Fr> witness) => witness.Slice(1, zkey.Header.NPublic).ToArray();

    /// <summary>h = A.w * B.w - C.w on the odd coset, where C.w is taken as A.w * B.w on the domain.</summary>
    Fr[] QuotientOnOddCoset(ZKey zkey, Fr[] w)
    {
        int n = zkey.Header.DomainSize;
        var a = new Fr[n];
        var b = new Fr[n];
        var coefficients = zkey.Coefficients;
        for (int k = 0; k < coefficients.Length; k++)
        {
            ref readonly var e = ref coefficients[k];
            if (e.Constraint >= (uint)n || e.Signal >= (uint)w.Length)
                throw new InvalidDataException($"zkey coefficient {k} points outside the domain or the witness");
            var term = e.Value * w[e.Signal];
            if (e.Matrix == ZKeyMatrix.A) a[e.Constraint] += term;
            else b[e.Constraint] += term;
        }
        var c = new Fr[n];
        for (int i = 0; i < n; i++) c[i] = a[i] * b[i];
        ntt.ToOddCoset(a);
        ntt.ToOddCoset(b);
        ntt.ToOddCoset(c);
        for (int i = 0; i < n; i++) a[i] = a[i] * b[i] - c[i];
        return a;
    }

    static Fr RandomNonZero()
    {
        while (true)
        {
            var x = Fr.Random();
            if (!x.IsZero) return x;
        }
    }
}
