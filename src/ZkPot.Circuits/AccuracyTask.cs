using ZkPot.Learning;
using ZkPot.Snark.Circuits;
using ZkPot.Snark.Formats;
using ZkPot.Snark.Groth16;
using ZkPot.Snark.Setup;

namespace ZkPot.Circuits;

/// <summary>
/// A ZKPoT task as the publisher fixes it: an id, the public test batch and the model shape. It owns the accuracy
/// circuit's constraint system (the same for every participant and round) and makes and checks accuracy proofs.
/// </summary>
public sealed class AccuracyTask
{
    readonly Lazy<BuiltCircuit> _shape;

    public AccuracyTask(ReadOnlySpan<byte> id, Dataset testBatch, int hidden)
    {
        if (id.Length != 32) throw new ArgumentException($"task id must be 32 bytes, got {id.Length}");
        if (testBatch.Count == 0) throw new ArgumentException("the test batch is empty");
        ArgumentOutOfRangeException.ThrowIfLessThan(hidden, 1);
        Id = id.ToArray();
        TestBatch = testBatch;
        Hidden = hidden;
        _shape = new(() => CircuitBuilder.Build(AccuracyCircuit.Shape(TestBatch, Hidden)));
    }

    public byte[] Id { get; }
    public Fr IdField => AccuracyStatement.IdToField(Id);
    public Dataset TestBatch { get; }
    public int Hidden { get; }

    /// <summary>The circuit's constraint system (built once, from placeholder values).</summary>
    public R1cs Constraints => _shape.Value.R1cs;

    /// <summary>A development key (random toxic waste in this process: never for production; use a ceremony).</summary>
    public ZKey DevelopmentKey() => Groth16Setup.Development(Constraints);

    /// <summary>
    /// Proves that <paramref name="model"/> classifies <paramref name="claimedCorrect"/> samples of the test batch
    /// correctly (null: the true count). A false claim has no witness: this throws and names the failing constraint.
    /// </summary>
    public (Proof Proof, AccuracyStatement Statement) Prove(ZKey key, QuantizedMlp model, Fr salt, ulong round, Fr participant,
        int? claimedCorrect = null, Groth16Prover? prover = null)
    {
        if (key.Header.NVars != Constraints.NWires || key.Header.NPublic != Constraints.NPublic)
            throw new InvalidDataException($"key is for a circuit with {key.Header.NVars} wires, this task's has {Constraints.NWires}");
        var statement = new AccuracyStatement(IdField, round, participant, ModelCommitment.Compute(model, salt),
            claimedCorrect ?? model.CountCorrect(TestBatch));
        var built = CircuitBuilder.Build(new AccuracyCircuit(TestBatch, Hidden, statement, model, salt));
        if (!built.IsSatisfied)
            throw new InvalidOperationException($"no witness for this claim: constraint {built.FirstUnsatisfiedConstraint} " +
                $"({built.DescribeConstraint(built.FirstUnsatisfiedConstraint)}) fails");
        var proof = (prover ?? Groth16Prover.Cpu).Prove(key, built.Witness.Values);
        return (proof, statement);
    }

    /// <summary>Checks a proof against the statement it claims; malformed input throws, a false proof returns false.</summary>
    public static bool Verify(VerifyingKey vk, AccuracyStatement statement, Proof proof) =>
        Groth16Verifier.Verify(vk, statement.PublicSignals(), proof);

    public static VerifyingKey VerifyingKeyOf(ZKey key) =>
        VerifyingKey.Create(key.Header.Alpha1, key.Header.Beta2, key.Header.Gamma2, key.Header.Delta2, key.IC.ToArray());
}
