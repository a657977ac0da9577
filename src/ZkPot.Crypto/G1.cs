namespace ZkPot.Crypto;

/// <summary>The group G1 = E(Fp), y^2 = x^3 + 3, of prime order r (cofactor 1).</summary>
public static class G1
{
    public static readonly Fp B = Fp.FromUInt64(3);
    public static readonly G1Affine Generator = new(Fp.One, Fp.FromUInt64(2));

    /// <summary>On the curve; with cofactor 1 that also puts the point in the order-r subgroup.</summary>
    public static bool IsValid(in G1Affine p) => p.IsOnCurve(B);

    /// <summary>The index of the first point of <paramref name="points"/> not on the curve, or -1 (infinity is on it).</summary>
    public static int FirstOffCurve(ReadOnlySpan<G1Affine> points) => CurveCheck.FirstOff<FieldLanes<PModulus>, Fp>(points, B);

    /// <summary>Throws when a point read from outside is not on the curve.</summary>
    public static G1Affine Checked(in G1Affine p, string what)
    {
        if (!IsValid(p)) throw new InvalidDataException($"{what}: G1 point is not on the curve y^2 = x^3 + 3");
        return p;
    }
}
