using System.Numerics;

namespace ZkPot.Crypto;

/// <summary>The group G2: the order-r subgroup of the sextic D-twist E'(Fp2): y^2 = x^3 + 3/(9 + u).</summary>
public static class G2
{
    public static readonly Fp2 B = new Fp2(Fp.FromUInt64(3), Fp.Zero) * Fp2.Xi.Inverse();

    public static readonly G2Affine Generator = new(
        new Fp2(Fp.ParseDecimal("10857046999023057135944570762232829481370756359578518086990519993285655852781"),
                Fp.ParseDecimal("11559732032986387107991004021392285783925812861821192530917403151452391805634")),
        new Fp2(Fp.ParseDecimal("8495653923123431417604973247489272438418190587263600148770280649306958101930"),
                Fp.ParseDecimal("4082367875863433681332203403145435568316851327593401208105741076214120093531")));

    /// <summary>BN parameter u; the curve has p = 36u^4 + 36u^3 + 24u^2 + 6u + 1.</summary>
    public static readonly BigInteger U = 4965661367192848881;

    internal static readonly Fp2 FrobX = Fp2.Xi.Pow((Fp.Modulus - 1) / 3);
    internal static readonly Fp2 FrobY = Fp2.Xi.Pow((Fp.Modulus - 1) / 2);

    /// <summary>
    /// The untwist-Frobenius-twist endomorphism psi(x, y) = (conj(x) xi^((p-1)/3), conj(y) xi^((p-1)/2)); on G2 it
    /// acts as multiplication by p.
    /// </summary>
    public static G2Affine Psi(in G2Affine q) =>
        q.IsInfinity ? q : new G2Affine(q.X.Conjugate() * FrobX, q.Y.Conjugate() * FrobY);

    /// <summary>
    /// Subgroup membership by [u+1]Q + psi([u]Q) + psi^2([u]Q) = psi^3([2u]Q) (the BN test of Dai, Lin, Zhao, Zhou 2022):
    /// one 63-bit multiplication instead of the 254-bit [r]Q; tests check it against the definition on points outside
    /// the subgroup.
    /// </summary>
    public static bool InSubgroup(in G2Affine q)
    {
        if (q.IsInfinity) return true;
        var uq = G2Jacobian.MultiplyNaf(q, UNaf);
        var lhs = uq.AddMixed(q).Add(Psi(uq)).Add(Psi(Psi(uq)));
        var rhs = Psi(Psi(Psi(uq.Double())));
        return lhs.IsSamePoint(rhs);
    }

    internal static readonly sbyte[] UNaf = Pairing.Naf(U);

    /// <summary>psi on Jacobian coordinates: x = X/Z^2 and y = Y/Z^3 map like affine ones when Z is conjugated too.</summary>
    static G2Jacobian Psi(in G2Jacobian p) =>
        new(p.X.Conjugate() * FrobX, p.Y.Conjugate() * FrobY, p.Z.Conjugate());

    /// <summary>
    /// The index of the first point not in the order-r subgroup (or at infinity, when <paramref name="infinityIsOutside"/>),
    /// or -1: every point through <see cref="InSubgroup"/>'s test, eight at a time on lanes where the CPU allows, on all
    /// cores. For bulk series of ceremony files (hundreds of thousands of points).
    /// </summary>
    public static int FirstOutsideSubgroup(ReadOnlySpan<G2Affine> points, bool infinityIsOutside = false) =>
        G2SubgroupLanes.FirstOutside(points, infinityIsOutside);

    /// <summary>The definition, [r]Q = O: slow, kept as the reference for tests.</summary>
    public static bool InSubgroupByOrder(in G2Affine q) => q.ToJacobian().Multiply(Fr.Modulus).IsInfinity;

    public static bool IsValid(in G2Affine q) => q.IsOnCurve(B) && InSubgroup(q);

    /// <summary>
    /// The index of the first point of <paramref name="points"/> not on the twist, or -1 (infinity is on it); subgroup
    /// membership is not checked here.
    /// </summary>
    public static int FirstOffCurve(ReadOnlySpan<G2Affine> points) => CurveCheck.FirstOff<Fp2Lanes, Fp2>(points, B);

    /// <summary>Throws when a point read from outside is not on the twist or not in the order-r subgroup.</summary>
    public static G2Affine Checked(in G2Affine q, string what)
    {
        if (!q.IsOnCurve(B)) throw new InvalidDataException($"{what}: G2 point is not on the twist curve");
        if (!InSubgroup(q)) throw new InvalidDataException($"{what}: G2 point is not in the order-r subgroup");
        return q;
    }
}
