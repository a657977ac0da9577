namespace ZkPot.Snark.Formats;

/// <summary>
/// A rank-1 constraint system over BN254's scalar field, as an iden3 .r1cs file holds it: constraint i says
/// (A_i . w) * (B_i . w) = C_i . w. Wire order: 0 = the constant 1, then public outputs, public inputs, private inputs,
/// then internal signals.
/// </summary>
public sealed class R1cs
{
    public R1cs(int nWires, int nPubOut, int nPubIn, int nPrvIn, ulong nLabels, R1csMatrix a, R1csMatrix b, R1csMatrix c,
        ulong[]? wireLabels = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(c);
        ArgumentOutOfRangeException.ThrowIfLessThan(nWires, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(nPubOut);
        ArgumentOutOfRangeException.ThrowIfNegative(nPubIn);
        ArgumentOutOfRangeException.ThrowIfNegative(nPrvIn);
        if (1L + nPubOut + nPubIn + nPrvIn > nWires)
            throw new ArgumentException($"1 + {nPubOut} outputs + {nPubIn} public + {nPrvIn} private inputs exceed {nWires} wires");
        if (a.RowCount != b.RowCount || a.RowCount != c.RowCount)
            throw new ArgumentException($"A, B and C have {a.RowCount}, {b.RowCount} and {c.RowCount} rows");
        foreach (var (matrix, name) in new[] { (a, "A"), (b, "B"), (c, "C") })
        {
            var wires = matrix.Wires;
            for (var k = 0; k < wires.Length; k++)
            {
                if (wires[k] >= (uint)nWires)
                    throw new ArgumentException($"{name} term {k} uses wire {wires[k]} of {nWires}");
            }
        }
        if (wireLabels is not null && wireLabels.Length != nWires)
            throw new ArgumentException($"{wireLabels.Length} wire labels for {nWires} wires", nameof(wireLabels));
        NWires = nWires;
        NPubOut = nPubOut;
        NPubIn = nPubIn;
        NPrvIn = nPrvIn;
        NLabels = nLabels;
        A = a;
        B = b;
        C = c;
        WireLabels = wireLabels;
    }

    /// <summary>Wires including the constant wire 0.</summary>
    public int NWires { get; }

    public int NPubOut { get; }

    public int NPubIn { get; }

    public int NPrvIn { get; }

    /// <summary>Labels (signals before optimisation) of the circuit; at least as many as there are wires for circom output.</summary>
    public ulong NLabels { get; }

    public int NConstraints => A.RowCount;

    /// <summary>Public signals (outputs, then public inputs), not counting the constant wire.</summary>
    public int NPublic => NPubOut + NPubIn;

    public R1csMatrix A { get; }

    public R1csMatrix B { get; }

    public R1csMatrix C { get; }

    /// <summary>The label id of each wire (section 3), or null when the file had none.</summary>
    public ulong[]? WireLabels { get; }

    /// <summary>The first constraint the witness violates, or -1 when it satisfies them all.</summary>
    public int FirstUnsatisfiedConstraint(ReadOnlySpan<Fr> witness)
    {
        if (witness.Length != NWires)
            throw new ArgumentException($"witness has {witness.Length} values for {NWires} wires", nameof(witness));
        for (var i = 0; i < NConstraints; i++)
        {
            if (A.Evaluate(i, witness) * B.Evaluate(i, witness) != C.Evaluate(i, witness))
                return i;
        }
        return -1;
    }
}
