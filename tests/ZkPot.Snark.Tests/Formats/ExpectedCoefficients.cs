using ZkPot.Snark.Formats;

namespace ZkPot.Snark.Tests.Formats;

/// <summary>
/// What snarkjs's Groth16 setup puts in a .zkey's coefficient section for an r1cs: per constraint, its A terms then
/// its B terms; then one extra A row per public signal s (wire 0 included), A[nConstraints + s][s] = 1, which makes
/// the public inputs' polynomials linearly independent.
/// </summary>
internal static class ExpectedCoefficients
{
    public static ZKeyCoefficient[] Of(R1cs r1cs)
    {
        var entries = new List<ZKeyCoefficient>();
        for (var i = 0; i < r1cs.NConstraints; i++)
        {
            foreach (var (matrix, which) in new[] { (r1cs.A, ZKeyMatrix.A), (r1cs.B, ZKeyMatrix.B) })
            {
                var wires = matrix.RowWires(i);
                var values = matrix.RowValues(i);
                for (var k = 0; k < wires.Length; k++)
                    entries.Add(new ZKeyCoefficient(which, (uint)i, wires[k], values[k]));
            }
        }
        for (var s = 0; s <= r1cs.NPublic; s++)
            entries.Add(new ZKeyCoefficient(ZKeyMatrix.A, (uint)(r1cs.NConstraints + s), (uint)s, Fr.One));
        return [.. entries];
    }
}
