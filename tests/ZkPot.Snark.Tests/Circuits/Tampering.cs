using ZkPot.Snark.Circuits;

namespace ZkPot.Snark.Tests.Circuits;

/// <summary>Changes witness values after solving, the way a cheating prover would, and asks the R1CS what it thinks.</summary>
internal static class Tampering
{
    /// <summary>The first constraint violated once the given variables take the given values (-1: all satisfied).</summary>
    public static int FirstUnsatisfiedWith(BuiltCircuit circuit, params (Variable Variable, Fr Value)[] changes)
    {
        var witness = circuit.Witness.Values.ToArray();
        foreach (var (variable, value) in changes)
            witness[circuit.WireOf(variable)] = value;
        return circuit.R1cs.FirstUnsatisfiedConstraint(witness);
    }

    /// <summary>Asserts the untouched witness satisfies the circuit, both as recorded while solving and re-evaluated.</summary>
    public static void AssertSatisfied(BuiltCircuit circuit)
    {
        Assert.Equal(-1, circuit.FirstUnsatisfiedConstraint);
        Assert.Equal(-1, circuit.R1cs.FirstUnsatisfiedConstraint(circuit.Witness.Values));
        circuit.Check();
    }

    public static Fr F(long value) => LinearCombination.Constant(value).ConstantPart;
}
