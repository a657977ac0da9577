using ZkPot.Snark.Formats;

namespace ZkPot.Snark.Circuits;

/// <summary>
/// What a <see cref="CircuitBuilder"/> produces: the constraint system, the witness in its wire order, the public
/// signals (public.json order: outputs, then inputs), the constraint labels and the first constraint the witness
/// violates, if any.
/// </summary>
public sealed class BuiltCircuit
{
    readonly int[] _wireOf;
    readonly ConstraintLabels _labels;
    byte[]? _digest;

    internal BuiltCircuit(R1cs r1cs, Fr[] witness, int[] wireOf, int firstUnsatisfied, ConstraintLabels labels, int committedCount)
    {
        CommittedCount = committedCount;
        R1cs = r1cs;
        _wireOf = wireOf;
        FirstUnsatisfiedConstraint = firstUnsatisfied;
        _labels = labels;
        Witness = new Witness(witness);
    }

    public R1cs R1cs { get; }

    /// <summary>
    /// Wires a commit-and-prove proof commits to: the first private wires (nPublic + 1 onward), the last of them the
    /// mask; 0 for a plain circuit. Setup needs it (<see cref="Setup.Groth16Setup"/>).
    /// </summary>
    public int CommittedCount { get; }

    /// <summary>The full assignment, wire 0 first; write it with <see cref="WitnessWriter"/>.</summary>
    public Witness Witness { get; }

    /// <summary>Public outputs then public inputs, each in declaration order: the values of public.json.</summary>
    public ReadOnlySpan<Fr> PublicSignals => Witness.Values.Slice(1, R1cs.NPublic);

    /// <summary>The first constraint the witness violates, or -1 when it satisfies them all.</summary>
    public int FirstUnsatisfiedConstraint { get; }

    public bool IsSatisfied => FirstUnsatisfiedConstraint < 0;

    /// <summary>SHA-256 of the .r1cs file this constraint system is written as (see <see cref="ConstraintSystemDigest"/>).</summary>
    public byte[] Digest => (byte[])(_digest ??= ConstraintSystemDigest.Compute(R1cs)).Clone();

    /// <summary>The R1CS wire a variable of the builder ended up on.</summary>
    public int WireOf(Variable variable) => WireOf(variable.Id);

    /// <summary>The R1CS wire of the builder's variable number <paramref name="variableId"/> (allocation order, 0 the constant).</summary>
    public int WireOf(int variableId)
    {
        if ((uint)variableId >= (uint)_wireOf.Length)
            throw new ArgumentException($"variable v{variableId} does not belong to this circuit ({_wireOf.Length} variables)", nameof(variableId));
        return _wireOf[variableId];
    }

    /// <summary>True for the wires the prover does not compute: the constant, the public and private (committed included) inputs.</summary>
    public bool IsInputWire(int wire) => wire == 0 || (wire > R1cs.NPubOut && wire <= R1cs.NPublic + R1cs.NPrvIn);

    /// <summary>The scopes and label given to a constraint ("outer / inner: label"), or null when it has none.</summary>
    public string? DescribeConstraint(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, R1cs.NConstraints);
        return _labels.Describe(index);
    }

    /// <summary>Throws <see cref="UnsatisfiedConstraintException"/> naming the first constraint the witness violates, if any.</summary>
    public void Check()
    {
        if (FirstUnsatisfiedConstraint >= 0)
            throw new UnsatisfiedConstraintException(FirstUnsatisfiedConstraint, _labels.Describe(FirstUnsatisfiedConstraint));
    }

    /// <summary>Evaluates every constraint on another witness for this circuit; throws naming the first one it violates.</summary>
    public void Check(ReadOnlySpan<Fr> witness)
    {
        var index = R1cs.FirstUnsatisfiedConstraint(witness);
        if (index >= 0)
            throw new UnsatisfiedConstraintException(index, _labels.Describe(index));
    }
}
