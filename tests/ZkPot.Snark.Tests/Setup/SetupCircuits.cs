using ZkPot.Snark.Formats;

namespace ZkPot.Snark.Tests.Setup;

/// <summary>R1CS instances built in code, for sizes and shapes the circom oracle circuits do not have.</summary>
internal static class SetupCircuits
{
    /// <summary>
    /// <paramref name="constraints"/> copies of x * x = x over one private wire x, after <paramref name="publicInputs"/>
    /// public inputs that appear only in the rows setup adds: nConstraints + publicInputs + 1 rows.
    /// </summary>
    public static R1cs Squares(int constraints, int publicInputs)
    {
        var x = (uint)(publicInputs + 1);
        var rowStart = Enumerable.Range(0, constraints + 1).ToArray();
        R1csMatrix Column() => new(rowStart.ToArray(), Enumerable.Repeat(x, constraints).ToArray(), Enumerable.Repeat(Fr.One, constraints).ToArray());
        return new R1cs(publicInputs + 2, 0, publicInputs, 1, (ulong)(publicInputs + 2), Column(), Column(), Column());
    }
}
