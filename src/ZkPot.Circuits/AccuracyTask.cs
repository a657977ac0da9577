using ZkPot.Learning;
using ZkPot.Snark.Circuits;
using ZkPot.Snark.Formats;
using ZkPot.Snark.Groth16;
using ZkPot.Snark.Setup;

namespace ZkPot.Circuits;

/// <summary>
/// A ZKPoT task as the publisher fixes it: an id, the public test batch, the model shape and the public fixed-point
/// format every participant quantizes with. It owns the accuracy circuit's constraint system (the same for every
/// participant and round) and makes and checks accuracy proofs, whose commitment D binds the model's integers.
/// </summary>
public sealed class AccuracyTask
{
    readonly Lazy<BuiltCircuit> _shape;

    public AccuracyTask(ReadOnlySpan<byte> id, Dataset testBatch, int hidden, FixedPointFormat format)
    {
        if (id.Length != 32) throw new ArgumentException($"task id must be 32 bytes, got {id.Length}");
        if (testBatch.Count == 0) throw new ArgumentException("the test batch is empty");
        ArgumentOutOfRangeException.ThrowIfLessThan(hidden, 1);
        ArgumentNullException.ThrowIfNull(format);
        Id = id.ToArray();
        TestBatch = testBatch;
        Hidden = hidden;
        Format = format;
        _shape = new(() => CircuitBuilder.Build(AccuracyCircuit.Shape(TestBatch, Hidden, Format.M1)));
    }

    public byte[] Id { get; }
    public Fr IdField => AccuracyStatement.IdToField(Id);
    public Dataset TestBatch { get; }
    public int Hidden { get; }
    public FixedPointFormat Format { get; }

    /// <summary>The circuit's constraint system (built once, from placeholder values).</summary>
    public R1cs Constraints => _shape.Value.R1cs;

    /// <summary>Committed wires of the circuit: the model's values and the mask.</summary>
    public int CommittedCount => _shape.Value.CommittedCount;

    /// <summary>A development key (random toxic waste in this process: never for production; use a ceremony).</summary>
    public ZKey DevelopmentKey() => Groth16Setup.Development(Constraints, DevelopmentSecrets.Random(), CommittedCount);

    /// <summary>Quantizes a float model in the task's format.</summary>
    public QuantizedMlp Quantize(FloatMlp model) => QuantizedMlp.Quantize(model, Format);

    /// <summary>
    /// Proves that <paramref name="model"/> classifies <paramref name="claimedCorrect"/> samples of the test batch
    /// correctly (null: the true count), committing to it with <paramref name="mask"/> in D. A false claim has no
    /// witness: this throws and names the failing constraint.
    /// </summary>
    public (Proof Proof, AccuracyStatement Statement) Prove(ZKey key, QuantizedMlp model, Fr mask, ulong round, Fr participant,
        int? claimedCorrect = null, Groth16Prover? prover = null)
    {
        if (key.Header.NVars != Constraints.NWires || key.Header.NPublic != Constraints.NPublic)
            throw new InvalidDataException($"key is for a circuit with {key.Header.NVars} wires, this task's has {Constraints.NWires}");
        if (key.Commitment is null || key.Commitment.Count != CommittedCount)
            throw new InvalidDataException($"key has no commitment key for this task's {CommittedCount} committed wires");
        var statement = new AccuracyStatement(IdField, round, participant, claimedCorrect ?? model.CountCorrect(TestBatch));
        var built = CircuitBuilder.Build(new AccuracyCircuit(TestBatch, Hidden, Format.M1, statement, model, mask));
        if (!built.IsSatisfied)
            throw new InvalidOperationException($"no witness for this claim: constraint {built.FirstUnsatisfiedConstraint} " +
                $"({built.DescribeConstraint(built.FirstUnsatisfiedConstraint)}) fails");
        var proof = (prover ?? Groth16Prover.Cpu).Prove(key, built.Witness.Values);
        return (proof, statement);
    }

    /// <summary>Checks a proof against the statement it claims; malformed input throws, a false proof returns false.</summary>
    public static bool Verify(VerifyingKey vk, AccuracyStatement statement, Proof proof) =>
        Groth16Verifier.Verify(vk, statement.PublicSignals(), proof);

    public static VerifyingKey VerifyingKeyOf(ZKey key) => ZKeyExport.ToVerifyingKey(key);
}
