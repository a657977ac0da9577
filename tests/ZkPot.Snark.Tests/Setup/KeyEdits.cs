using ZkPot.Snark.Formats;

namespace ZkPot.Snark.Tests.Setup;

/// <summary>Copies of a proving key with one part replaced, for tampering tests.</summary>
internal static class KeyEdits
{
    public static ZKey With(ZKey key, ZKeyHeader? header = null, G1Affine[]? c = null, G1Affine[]? h = null, G2Affine[]? b2 = null,
        ZKeyContributions? contributions = null) =>
        new(header ?? key.Header, key.IC.ToArray(), key.Coefficients.ToArray(), key.A.ToArray(), key.B1.ToArray(),
            b2 ?? key.B2.ToArray(), c ?? key.C.ToArray(), h ?? key.H.ToArray(), contributions ?? key.Contributions);

    /// <summary>The array with entry <paramref name="index"/> moved by the G1 generator.</summary>
    public static G1Affine[] Shifted(ReadOnlySpan<G1Affine> points, int index)
    {
        var copy = points.ToArray();
        copy[index] = copy[index].ToJacobian().AddMixed(ZkPot.Crypto.G1.Generator).ToAffine();
        return copy;
    }

    public static ZKeyHeader WithDelta(ZKeyHeader h, G1Affine delta1, G2Affine delta2) =>
        new(h.NVars, h.NPublic, h.DomainSize, h.Alpha1, h.Beta1, h.Beta2, h.Gamma2, delta1, delta2);

    /// <summary>The contributions with record <paramref name="index"/> rebuilt by <paramref name="change"/>.</summary>
    public static ZKeyContributions WithRecord(ZKeyContributions contributions, int index, Func<ZKeyContribution, ZKeyContribution> change)
    {
        var items = contributions.Items.ToArray();
        items[index] = change(items[index]);
        return new ZKeyContributions(contributions.CircuitHash.ToArray(), items);
    }

    public static ZKeyContribution Record(ZKeyContribution c, G1Affine? deltaAfter = null, G1Affine? g1s = null, G2Affine? g2spx = null,
        byte[]? transcript = null) =>
        new(deltaAfter ?? c.DeltaAfter, g1s ?? c.DeltaG1S, c.DeltaG1Sx, g2spx ?? c.DeltaG2Spx, transcript ?? c.Transcript.ToArray(), c.Type, c.Name,
            c.NumIterationsExp, c.HasBeaconHash ? c.BeaconHash.ToArray() : null);
}
