using System.Numerics;
using ZkPot.Snark.Formats;

namespace ZkPot.Snark.Setup;

/// <summary>
/// The QAP of an R1CS as Groth16 setup sees it, column by column: for every wire, the rows (domain points) where it
/// has a term in A, B and C, with snarkjs's extra rows A[nConstraints + s][s] = 1 for s = 0..nPublic that make the
/// public wires' A polynomials independent. Also the domain size and the .zkey coefficient list, both as snarkjs
/// derives them, so keys made here are byte-identical to <c>snarkjs groth16 setup</c>'s.
/// </summary>
internal sealed class QapColumns
{
    QapColumns(R1cs r1cs, int committed, int domainPower, SparseColumns a, SparseColumns b, SparseColumns c, ZKeyCoefficient[] coefficients)
    {
        Committed = committed;
        NWires = r1cs.NWires;
        NPublic = r1cs.NPublic;
        NConstraints = r1cs.NConstraints;
        DomainPower = domainPower;
        A = a;
        B = b;
        C = c;
        Coefficients = coefficients;
    }

    public int NWires { get; }

    public int NPublic { get; }

    public int NConstraints { get; }

    /// <summary>Committed wires (a commit-and-prove key): the first private ones, nPublic + 1 onward; 0 for plain Groth16.</summary>
    public int Committed { get; }

    /// <summary>The first committed wire.</summary>
    public int FirstCommitted => NPublic + 1;

    public int DomainPower { get; }

    public int DomainSize => 1 << DomainPower;

    /// <summary>A's columns, the added public rows included.</summary>
    public SparseColumns A { get; }

    public SparseColumns B { get; }

    public SparseColumns C { get; }

    /// <summary>Section 4 of the .zkey: per constraint its A terms then its B terms in file order, then the added rows.</summary>
    public ZKeyCoefficient[] Coefficients { get; }

    /// <summary>
    /// snarkjs's domain: 2^(floor(log2(m - 1)) + 1) for m = nConstraints + nPublic + 1 rows, i.e. the next power of two
    /// at or above m (and 2 when m = 1), plus one row per committed wire for a commit-and-prove key. Throws when BN254
    /// has no 2n-th roots of unity for it (the H points need them).
    /// </summary>
    public static int DomainPowerFor(R1cs r1cs, int committed = 0)
    {
        ArgumentNullException.ThrowIfNull(r1cs);
        RequireCommitted(r1cs, committed);
        var rows = (long)r1cs.NConstraints + r1cs.NPublic + 1 + committed;
        var power = (rows - 1 == 0 ? 0 : BitOperations.Log2((ulong)(rows - 1))) + 1;
        if (power >= Crypto.NttRoots.TwoAdicity)
            throw new InvalidDataException($"the circuit has {rows} rows (constraints + public + 1); Groth16 over BN254 serves at most 2^{Crypto.NttRoots.TwoAdicity - 1}");
        return power;
    }

    /// <summary>
    /// The columns with snarkjs's rows for wires 0..nPublic and, for a commit-and-prove key, one more row per committed
    /// wire (A = 1 at that wire, B = C = 0), which makes the committed wires' polynomials independent and nonzero so
    /// each commitment base F_j = [K_j]_1 is too (LegoSNARK's requirement; a committed wire in no constraint would
    /// otherwise have F_j = O and not be bound).
    /// </summary>
    public static QapColumns Build(R1cs r1cs, int committed = 0)
    {
        var power = DomainPowerFor(r1cs, committed);
        var nConstraints = r1cs.NConstraints;
        var nPublic = r1cs.NPublic;

        // Wire w's unit row: nConstraints + w for w = 0..nPublic + committed (committed wires follow the public ones).
        var extraRows = new int[nPublic + 1 + committed];
        for (var s = 0; s < extraRows.Length; s++)
            extraRows[s] = nConstraints + s;
        var a = SparseColumns.FromRows(r1cs.A, r1cs.NWires, extraRows);
        var b = SparseColumns.FromRows(r1cs.B, r1cs.NWires, []);
        var c = SparseColumns.FromRows(r1cs.C, r1cs.NWires, []);

        var coefficients = new ZKeyCoefficient[r1cs.A.TermCount + r1cs.B.TermCount + extraRows.Length];
        var k = 0;
        for (var row = 0; row < nConstraints; row++)
        {
            k = AppendRow(coefficients, k, r1cs.A, ZKeyMatrix.A, row);
            k = AppendRow(coefficients, k, r1cs.B, ZKeyMatrix.B, row);
        }
        for (var s = 0; s < extraRows.Length; s++)
            coefficients[k++] = new ZKeyCoefficient(ZKeyMatrix.A, (uint)(nConstraints + s), (uint)s, Fr.One);
        return new QapColumns(r1cs, committed, power, a, b, c, coefficients);
    }

    static void RequireCommitted(R1cs r1cs, int committed)
    {
        if (committed < 0 || committed > r1cs.NPrvIn)
            throw new ArgumentOutOfRangeException(nameof(committed), committed, $"a circuit with {r1cs.NPrvIn} private inputs can commit to 0..{r1cs.NPrvIn} of them");
        if (committed == 1)
            throw new ArgumentOutOfRangeException(nameof(committed), committed, "a commitment needs at least one committed wire besides its mask");
    }

    static int AppendRow(ZKeyCoefficient[] coefficients, int at, R1csMatrix matrix, ZKeyMatrix kind, int row)
    {
        var wires = matrix.RowWires(row);
        var values = matrix.RowValues(row);
        for (var t = 0; t < wires.Length; t++)
            coefficients[at++] = new ZKeyCoefficient(kind, (uint)row, wires[t], values[t]);
        return at;
    }
}
