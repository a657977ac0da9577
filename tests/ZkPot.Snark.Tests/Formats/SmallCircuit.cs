using ZkPot.Snark.Formats;

namespace ZkPot.Snark.Tests.Formats;

/// <summary>
/// A circuit built here rather than by circom: public output z, public input x, private input y, internal t;
/// x * y = t and (t + 5) * 1 = z.
/// </summary>
internal static class SmallCircuit
{
    public static R1cs Build()
    {
        var one = Fr.One;
        var a = new R1csMatrix([0, 1, 3], [2, 0, 4], [one, Fr.FromUInt64(5), one]);
        var b = new R1csMatrix([0, 1, 2], [3, 0], [one, one]);
        var c = new R1csMatrix([0, 1, 2], [4, 1], [one, one]);
        return new R1cs(nWires: 5, nPubOut: 1, nPubIn: 1, nPrvIn: 1, nLabels: 5, a, b, c, [0, 1, 2, 3, 4]);
    }

    /// <summary>The witness for x and y: [1, z, x, y, t].</summary>
    public static Witness WitnessFor(ulong x, ulong y) =>
        new([Fr.One, Fr.FromUInt64(x * y + 5), Fr.FromUInt64(x), Fr.FromUInt64(y), Fr.FromUInt64(x * y)]);
}
