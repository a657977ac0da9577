using ZkPot.Learning;
using ZkPot.Snark.Circuits;
using ZkPot.TestSupport;

namespace ZkPot.Circuits.Tests;

/// <summary>
/// An accuracy circuit as a cheating prover sees it: its wires found by their constraints' scopes ("sample 3 /
/// hidden: clamp at 0"), and a mutation tester whose count follows the mutated wires, so a surviving witness would
/// prove another count for the same model.
/// </summary>
sealed class AccuracyWires
{
    /// <summary>Wire of the public count (after the constant, task, round and participant).</summary>
    public const int CountWire = 4;

    public AccuracyWires(Dataset batch, QuantizedMlp model, Fr? mask = null)
    {
        Batch = batch;
        Model = model;
        Truth = model.CountCorrect(batch);
        var statement = new AccuracyStatement(Fr.FromUInt64(1), 5, Fr.FromUInt64(2), Truth);
        Tester = new WitnessMutation(change => CircuitBuilder.Build(new AccuracyCircuit(batch, model.Hidden, model.M1, statement, model,
            mask ?? Fr.FromUInt64(99)), 1024, change), SettleCount);
    }

    public Dataset Batch { get; }
    public QuantizedMlp Model { get; }
    public int Truth { get; }
    public WitnessMutation Tester { get; }
    public BuiltCircuit Honest => Tester.Honest;

    /// <summary>Sets the public count to what the (possibly mutated) samples add up to: the left side of "correct count".</summary>
    public static void SettleCount(BuiltCircuit built, Fr[] witness) =>
        witness[CountWire] = built.R1cs.A.Evaluate(built.R1cs.NConstraints - 1, witness);

    /// <summary>The rows whose description is exactly <paramref name="description"/>, in order.</summary>
    public int[] Rows(string description) =>
        Enumerable.Range(0, Honest.R1cs.NConstraints).Where(r => Honest.DescribeConstraint(r) == description).ToArray();

    /// <summary>Sample s's correctness bit (the argmax zero test's output).</summary>
    public int CorrectBit(int sample) => (int)Honest.R1cs.B.RowWires(Rows($"sample {sample} / argmax: IsZero: x * out = 0").Single())[0];

    /// <summary>Hidden activation h_j of sample s (the product that clamps at 0).</summary>
    public int Activation(int sample, int j) => (int)Honest.R1cs.C.RowWires(Rows($"sample {sample} / hidden: clamp at 0")[j])[0];

    /// <summary>The sign bit of the margin of label vs the n-th other class (in class order) of sample s: the top bit of its decomposition.</summary>
    public int MarginSign(int sample, int nth) =>
        (int)Honest.R1cs.A.RowWires(Rows($"sample {sample} / argmax / signed range: bits recompose the value")[nth]).ToArray().Max();

    /// <summary>Wire of committed value i (W1, W2, B1, B2 order).</summary>
    public static int Committed(int index) => CountWire + 1 + index;

    /// <summary>The count a cheating witness would claim and the first constraint it breaks (-1: none).</summary>
    public (int Claimed, int FirstUnsatisfied) Attempt(params (int Wire, Fr Value)[] changes)
    {
        int claimed = -1;
        int first = Tester.FirstUnsatisfied(changes.ToDictionary(c => Tester.VariableOf(c.Wire), c => c.Value),
            witness => claimed = (int)(ulong)witness[CountWire].ToBigInteger());
        return (claimed, first);
    }

    public string Describe(int row) => row < 0 ? "none" : $"{row} ({Honest.DescribeConstraint(row)})";

    public static Fr Signed(long v) => SignedField.Of(v);
}
